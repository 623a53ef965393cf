// Reader: locate → config → stores → health/order → one frozen Snapshot. `buildSnapshot` is the
// pure assembly (no files, no clock), so it is unit-testable from hand-made inputs.

import fs = require('node:fs');
import path = require('node:path');
import { readClaudeLogin, claudeCredentialsPath } from './claude';
import { compareVersions, minimumCliVersion, type CliInfo } from './cli';
import { CLI_HIDDEN_SECRET, readStoresViaCli } from './cliread';
import { ConfigError, readConfig } from './config';
import { envCredentials } from './env';
import { firstBack, profileHealth, providerHealth, recoveryKind, usageFacts, usageHealth } from './health';
import { locate } from './locate';
import { maskSecret } from './mask';
import type {
  AgentEntry,
  AgentStores,
  Location,
  ModelProviderNeed,
  ParsedConfig,
  SqliteSource,
  StoredCredential,
  StoresResult,
} from './model';
import { normalizeProviderId } from './ids';
import { effectiveOrder, findForProvider } from './order';
import { classifyPins, readAgentPins, type RawPin } from './pins';
import { agentDbPath, readStores, stateDbPath } from './stores';
import type { Agent, ClaudeCliLogin, EnvCredential, Profile, Provider, Snapshot, Warning } from './types';

/** What one read is asked for: cheap to change, so it comes with each `read()`. */
export interface ReadOptions {
  warnWindowMs: number;
  now?: () => number;
}

/** Where to read and with what: costly to build (see session.ts), so fixed for a Reader's life. */
export interface ReaderOptions extends Partial<ReadOptions> {
  env: NodeJS.ProcessEnv;
  homedir: string;
  stateDirOverride?: string;
  profile?: string;
  cli?: CliInfo;
  sqlite?: SqliteSource;
}

const DEFAULT_WARN_WINDOW_MS = 24 * 3_600_000;

export interface SnapshotInput {
  loc: Location;
  config: ParsedConfig;
  stores: StoresResult;
  envCreds: EnvCredential[];
  claude?: ClaudeCliLogin;
  warnWindowMs: number;
  now: number;
  cli?: CliInfo;
  readMs?: number;
  warnings?: Warning[];
  watchPaths?: string[];
  /** SQLite stores exist but neither a Node with node:sqlite nor the CLI could be found to read them. */
  storesUnread?: boolean;
  /** Session pins per agent id, as stored (pins.ts); classified here against the agent's profiles. */
  pins?: Record<string, RawPin[]>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Like the CLI's labels: the masked secret, or `ref` for a SecretRef. Nothing when read through the CLI. */
function maskedFor(cred: StoredCredential, readPath: string): string | undefined {
  if (readPath === 'cli') return undefined;
  const secret = cred.type === 'api_key' ? cred.key : cred.type === 'token' ? cred.token : undefined;
  if (typeof secret === 'string' && secret.trim() && secret !== CLI_HIDDEN_SECRET) return maskSecret(secret);
  if ((cred.type === 'api_key' && cred.hasKeyRef) || (cred.type === 'token' && cred.hasTokenRef)) return 'ref';
  return undefined;
}

function storedRow(
  id: string,
  cred: StoredCredential,
  stores: AgentStores,
  input: SnapshotInput,
  config: ParsedConfig,
): Profile {
  const h = profileHealth(cred, input.now, input.warnWindowMs);
  const usage = usageHealth(stores.state.usageStats[id], input.now);
  const declared = config.auth.profiles[id];
  const row: Profile = {
    id,
    provider: normalizeProviderId(cred.provider),
    type: cred.type,
    health: h.health,
    store: cred.store,
    storePath: cred.storePath,
  };
  if (h.reasonCode) row.reasonCode = h.reasonCode;
  if (h.expiresAt !== undefined) row.expiresAt = h.expiresAt;
  if (h.expiryLooksLikeSeconds) row.expiryLooksLikeSeconds = true;
  if (h.refreshable !== undefined) row.refreshable = h.refreshable;
  if (h.refreshing) row.refreshing = true;
  if (usage.cooldownUntil !== undefined) row.cooldownUntil = usage.cooldownUntil;
  if (usage.cooldownReason) row.cooldownReason = usage.cooldownReason;
  if (usage.cooldownClassification) row.cooldownClassification = usage.cooldownClassification;
  if (usage.cooldownModel) row.cooldownModel = usage.cooldownModel;
  // A subscription block makes the profile as unusable as a disabled one; show it there.
  const disabledUntil = Math.max(usage.disabledUntil ?? 0, usage.blockedUntil ?? 0);
  if (disabledUntil > 0) {
    row.disabledUntil = disabledUntil;
    const reason = disabledUntil === usage.disabledUntil ? usage.disabledReason : usage.blockedReason;
    if (reason) row.disabledReason = reason;
  }
  // OpenClaw's hint follows the disabled window when there is one (`models auth list`).
  if (row.disabledUntil !== undefined) row.recovery = recoveryKind('disabled', row.disabledReason);
  else if (row.cooldownUntil !== undefined) row.recovery = recoveryKind('cooldown', row.cooldownReason);
  const facts = usageFacts(stores.state.usageStats[id]);
  if (facts) row.usage = facts;
  const email = cred.email ?? declared?.email;
  const displayName = cred.displayName ?? declared?.displayName;
  if (email) row.email = email;
  if (displayName) row.displayName = displayName;
  const masked = maskedFor(cred, input.stores.readPath);
  if (masked) row.masked = masked;
  return row;
}

/** A profile declared in the shared config whose credential another agent holds (`paste-token --agent work` declares it for all). */
function storedByAnotherAgent(stores: StoresResult, agentId: string, profileId: string): boolean {
  return Object.values(stores.agents).some((a) => a.agentId !== agentId && a.profiles[profileId] !== undefined);
}

function agentStoresFor(stores: StoresResult, agentId: string): AgentStores {
  return stores.agents[agentId] ?? { agentId, profiles: {}, state: { order: {}, lastGood: {}, usageStats: {} } };
}

function buildProviders(agentId: string, input: SnapshotInput, warnings: Warning[]): Provider[] {
  const { config } = input;
  const stores = agentStoresFor(input.stores, agentId);
  // Stored and declared profiles grouped by provider in one pass each: a pass over all of them for every
  // provider would cost providers × profiles.
  const storedBy = new Map<string, Record<string, StoredCredential>>();
  for (const [id, cred] of Object.entries(stores.profiles)) {
    const key = normalizeProviderId(cred.provider);
    let group = storedBy.get(key);
    if (!group) storedBy.set(key, (group = {}));
    group[id] = cred;
  }
  const declaredBy = new Map<string, string[]>();
  for (const [id, p] of Object.entries(config.auth.profiles)) {
    const key = normalizeProviderId(p.provider ?? '');
    let group = declaredBy.get(key);
    if (!group) declaredBy.set(key, (group = []));
    group.push(id);
  }
  const ids = new Set<string>(storedBy.keys());
  for (const p of Object.values(config.auth.profiles)) if (p.provider) ids.add(normalizeProviderId(p.provider));
  for (const e of input.envCreds) ids.add(normalizeProviderId(e.provider));

  const providers = [...ids].sort().map((providerId): Provider => {
    const stored: Record<string, StoredCredential> = storedBy.get(providerId) ?? {};
    const declaredIds = declaredBy.get(providerId) ?? [];
    const eo = effectiveOrder(providerId, stored, stores.state.order, config.auth, {
      usageStats: stores.state.usageStats,
      now: input.now,
      declared: declaredIds,
    });
    const rows: Profile[] = [];
    const seen = new Set<string>();
    const push = (id: string, excluded: boolean): void => {
      if (seen.has(id)) return;
      const cred = stored[id];
      const declared = config.auth.profiles[id];
      let row: Profile;
      if (cred) row = storedRow(id, cred, stores, input, config);
      else if (
        declared &&
        normalizeProviderId(declared.provider ?? '') === providerId &&
        !storedByAnotherAgent(input.stores, agentId, id)
      ) {
        row = {
          id,
          provider: providerId,
          type: declared.mode ?? 'unknown',
          health: 'missing',
          reasonCode: 'missing_credential',
          declaredOnly: true,
        };
        if (declared.email) row.email = declared.email;
        if (declared.displayName) row.displayName = declared.displayName;
        warnings.push({
          code: 'PROFILE_DECLARED_NOT_STORED',
          agent: agentId,
          provider: providerId,
          profileId: id,
          path: input.loc.configPath,
          message: `Profile ${id} is declared in openclaw.json but agent ${agentId} has no credential for it; paste a token or API key for it, or remove it.`,
        });
      } else return;
      seen.add(id);
      if (excluded) row.excluded = true;
      if (row.expiryLooksLikeSeconds) {
        warnings.push({
          code: 'EXPIRY_IN_SECONDS',
          agent: agentId,
          provider: providerId,
          profileId: id,
          path: row.storePath,
          message: `The expiry of ${id} looks like epoch seconds stored as milliseconds (1970), so OpenClaw treats it as expired; re-paste it with --expires-in.`,
        });
      }
      rows.push(row);
    };
    for (const id of eo.order) push(id, false);
    for (const id of eo.excluded) push(id, true);
    // Declared in config but left out of an explicit order.
    for (const id of declaredIds) push(id, true);

    const byId = new Map(rows.filter((r) => !r.declaredOnly).map((r) => [r.id, r]));
    const explicit = eo.orderSource === 'stored' || eo.orderSource === 'config-order';
    const rowsOf = (ids: readonly string[]): Profile[] =>
      ids.map((id) => byId.get(id)).filter((r): r is Profile => r !== undefined);
    // The CLI's `effectiveProfiles`: none for an explicit empty order; the eligible ones in order; else the explicit order; else every stored one.
    let effective = rowsOf(eo.eligible);
    if (explicit && eo.order.length === 0) effective = [];
    else if (effective.length === 0) effective = explicit ? rowsOf(eo.order) : [...byId.values()];
    const env = input.envCreds.filter((e) => normalizeProviderId(e.provider) === providerId);
    const order = effective.map((r) => r.id);
    // Rows pushed from eo.order are never excluded, so its stored ids that OpenClaw skips now are the rest of the sequence.
    const tried = new Set(order);
    const sequence = [...order, ...eo.order.filter((id) => !tried.has(id) && byId.has(id))];
    const position = new Map(sequence.map((id, i) => [id, i]));
    for (const row of rows) {
      const i = position.get(row.id);
      if (i !== undefined) row.orderIndex = i;
    }
    const provider: Provider = { id: providerId, order, orderSource: eo.orderSource, sequence, profiles: rows };
    const storedOrder = findForProvider(stores.state.order, providerId);
    if (storedOrder) provider.storedOrder = [...storedOrder];
    if (byId.size > 0) provider.health = providerHealth(effective);
    else if (env.length > 0) provider.health = 'static';
    else provider.health = 'missing';
    if (env.length > 0) provider.env = env;
    const back = env.length > 0 ? undefined : firstBack(rows, input.now);
    if (back !== undefined) provider.unavailableUntil = back;
    return provider;
  });
  return addNeededProviders(providers, modelNeedsFor(config, agentId), config.configKeyProviders ?? []);
}

/** What the configured models of this agent need (its own model, else `agents.defaults`). */
function modelNeedsFor(config: ParsedConfig, agentId: string): ModelProviderNeed[] {
  return config.modelProviders?.byAgent[agentId] ?? config.modelProviders?.defaults ?? [];
}

/**
 * Marks the providers the configured models need with the config paths that need them, and adds a row for each one
 * that has no profile, no environment credential and no config key: OpenClaw has nothing to sign in with.
 */
function addNeededProviders(
  providers: Provider[],
  needs: readonly ModelProviderNeed[],
  configKeys: readonly string[],
): Provider[] {
  if (!needs.length) return providers;
  const byId = new Map(providers.map((p) => [p.id, p]));
  const out = [...providers];
  for (const need of needs) {
    const row = byId.get(need.provider);
    if (row) row.neededBy = [...need.neededBy];
    else if (!configKeys.includes(need.provider)) {
      out.push({
        id: need.provider,
        order: [],
        orderSource: 'automatic',
        sequence: [],
        profiles: [],
        health: 'missing',
        neededBy: [...need.neededBy],
      });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Marks the providers a MIGRATION_REQUIRED warning names (all when it names none); a named one without profiles gets a row. */
function markMigrationBlocked(agentId: string, providers: Provider[], warnings: readonly Warning[]): Provider[] {
  const refusal = warnings.find((w) => w.code === 'MIGRATION_REQUIRED' && w.agent === agentId);
  if (!refusal) return providers;
  const named = refusal.blockedProviders;
  const out = [...providers];
  for (const id of named ?? []) {
    if (!out.some((p) => p.id === id))
      out.push({ id, order: [], orderSource: 'automatic', sequence: [], profiles: [], health: 'missing' });
  }
  for (const p of out) if (!named || named.includes(p.id)) p.migrationBlocked = true;
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Without a reader nothing is known about a declared profile's credential: `unknown`, never `missing`. */
function markUnread(provider: Provider): void {
  for (const row of provider.profiles) {
    if (!row.declaredOnly) continue;
    row.health = 'unknown';
    delete row.reasonCode;
    delete row.declaredOnly;
    delete row.excluded; // left out only because nothing was read, not by an order
  }
  if (provider.health === 'missing') provider.health = 'unknown';
}

const NO_READER: Warning = {
  code: 'STORES_UNREADABLE_NO_READER',
  message:
    'OpenClaw keeps auth in SQLite, but neither a Node with node:sqlite (22.13 or later) nor the OpenClaw CLI was found, so the profiles could not be read — set openclawAuth.nodePath to such a Node or openclawAuth.cliPath to the openclaw CLI.',
};

export function buildSnapshot(input: SnapshotInput): Snapshot {
  const { loc, config, stores } = input;
  const unread = input.storesUnread === true;
  // SQLITE_UNAVAILABLE promises a read through the CLI; with no CLI, NO_READER says what happened instead.
  const warnings: Warning[] = [
    ...(input.warnings ?? []),
    ...stores.warnings.filter((w) => !(unread && w.code === 'SQLITE_UNAVAILABLE')),
  ];
  if (unread) warnings.push({ ...NO_READER });
  if (!input.cli) {
    warnings.push({
      code: 'CLI_MISSING',
      message:
        'OpenClaw CLI not found — set openclawAuth.cliPath or install it (npm install -g openclaw); changes need the CLI.',
    });
  } else if (compareVersions(input.cli.version, minimumCliVersion) < 0) {
    warnings.push({
      code: 'CLI_TOO_OLD',
      path: input.cli.path,
      params: { version: input.cli.version, minimum: minimumCliVersion },
      message: `OpenClaw CLI ${input.cli.version || 'of unknown version'} is older than ${minimumCliVersion}; update it (npm install -g openclaw@latest).`,
    });
  }
  const roster: AgentEntry[] = [...config.agents];
  for (const agentId of Object.keys(stores.agents)) {
    if (!roster.some((a) => a.id === agentId))
      roster.push({ id: agentId, agentDir: path.join(loc.stateDir, 'agents', agentId, 'agent'), isDefault: false });
  }
  // Which agent the UI acts for is the UI's choice (ui/); the snapshot says what OpenClaw itself does.
  if (roster.length > 1 && !roster.some((a) => a.isDefault)) {
    warnings.push({
      code: 'NO_DEFAULT_AGENT',
      path: loc.configPath,
      message: `Several agents are configured and none is the default (OpenClaw falls back to "main"); set agents.defaults.systemAgent.agentId in openclaw.json or choose one with openclawAuth.defaultAgent.`,
    });
  }
  const agents: Agent[] = roster.map((a) => {
    const providers = markMigrationBlocked(a.id, buildProviders(a.id, input, warnings), warnings);
    if (unread) providers.forEach(markUnread);
    const agent: Agent = {
      id: a.id,
      isDefault: a.isDefault,
      agentDir: a.agentDir,
      providers,
    };
    if (a.name) agent.name = a.name;
    const pins = classifyPins(input.pins?.[a.id] ?? [], providers, input.now);
    if (pins.length > 0) agent.pins = pins;
    return agent;
  });
  const watch = new Set([
    ...(input.watchPaths ?? []),
    ...stores.watchPaths,
    loc.configPath,
    path.join(loc.stateDir, '.env'),
  ]);
  const snapshot: Snapshot = {
    generation: stores.generation,
    // Unread credentials are not "declared but not stored": that would be a false alarm.
    warnings: unread ? warnings.filter((w) => w.code !== 'PROFILE_DECLARED_NOT_STORED') : warnings,
    agents,
    home: loc.home,
    stateDir: loc.stateDir,
    configPath: loc.configPath,
    stateFound: loc.stateDirExists || loc.configExists,
    readPath: unread ? 'none' : stores.readPath,
    takenAt: input.now,
    readMs: input.readMs ?? 0,
    warnWindowMs: input.warnWindowMs,
    watchPaths: [...watch],
  };
  if (input.cli) snapshot.cli = { path: input.cli.path, version: input.cli.version };
  if (input.claude) snapshot.claudeCli = input.claude;
  return deepFreeze(snapshot);
}

/** SQLite stores exist (2026.6+), so a JSON-only read would miss them. */
function sqliteStoresExist(loc: Location, config: ParsedConfig): boolean {
  const files = [stateDbPath(loc), ...config.agents.map((a) => agentDbPath(a.agentDir))];
  return files.some((f) => fs.existsSync(f));
}

export class Reader {
  constructor(private readonly opts: ReaderOptions) {}

  /** `options` win over the ones given to the constructor. */
  async read(options: Partial<ReadOptions> = {}): Promise<Snapshot> {
    const started = performance.now();
    const o = this.opts;
    const warnWindowMs = options.warnWindowMs ?? o.warnWindowMs ?? DEFAULT_WARN_WINDOW_MS;
    const clock = options.now ?? o.now ?? Date.now;
    const now = clock();
    const loc = locate({ env: o.env, homedir: o.homedir, stateDirOverride: o.stateDirOverride, profile: o.profile });
    // A reader process that is not running yet starts now, while the config is parsed, not at the first query.
    const likelySqlite = [stateDbPath(loc), agentDbPath(path.join(loc.stateDir, 'agents', 'main', 'agent'))];
    if (o.sqlite?.prepare && likelySqlite.some((f) => fs.existsSync(f))) o.sqlite.prepare();
    const warnings: Warning[] = [];
    let config: ParsedConfig;
    try {
      config = readConfig(loc);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      warnings.push({
        code: 'CONFIG_INVALID',
        path: loc.configPath,
        params: { detail: e.message },
        message: `${e.message} — fix openclaw.json; every OpenClaw command fails until it is valid.`,
      });
      config = {
        exists: true,
        auth: { profiles: {}, order: {} },
        agents: [{ id: 'main', agentDir: path.join(loc.stateDir, 'agents', 'main', 'agent'), isDefault: true }],
        envVars: {},
        raw: {},
      };
    }
    const stores =
      !o.sqlite && o.cli && sqliteStoresExist(loc, config)
        ? await readStoresViaCli(o.cli, loc, config, o.env)
        : await readStores(loc, config, o.sqlite);
    const claude = readClaudeLogin(o.env, o.homedir, now, warnWindowMs, warnings);
    // Agents found only in the stores have pins too; the roster itself is settled in buildSnapshot.
    const pinAgents = [
      ...config.agents,
      ...Object.keys(stores.agents)
        .filter((id) => !config.agents.some((a) => a.id === id))
        .map((id) => ({ id, agentDir: path.join(loc.stateDir, 'agents', id, 'agent') })),
    ];
    const pins = await readAgentPins(o.sqlite, loc.stateDir, pinAgents);
    return buildSnapshot({
      pins,
      loc,
      config,
      stores,
      now,
      warnings,
      // readStores answers 'cli' when SQLite stores exist that it cannot open; without a CLI nobody read them.
      storesUnread: !o.sqlite && !o.cli && stores.readPath === 'cli',
      envCreds: envCredentials(loc, config, o.env, warnings),
      claude,
      warnWindowMs,
      cli: o.cli,
      readMs: Math.round(performance.now() - started),
      watchPaths: [claudeCredentialsPath(o.env, o.homedir)],
    });
  }
}
