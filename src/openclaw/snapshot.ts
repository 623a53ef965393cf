// Reader: locate → config → stores → health/order → one frozen Snapshot. `buildSnapshot` is the
// pure assembly (no files, no clock), so it is unit-testable from hand-made inputs.

import fs = require('node:fs');
import path = require('node:path');
import { readClaudeLogin, claudeCredentialsPath } from './claude';
import { compareVersions, minimumCliVersion, type CliInfo } from './cli';
import { readStoresViaCli } from './cliread';
import { ConfigError, readConfig } from './config';
import { envCredentials, envSources, type EnvSource } from './env';
import { locate } from './locate';
import type { AgentEntry, Location, ParsedConfig, SqliteSource, StoresResult } from './model';
import { classifyPins, legacySessionsPath, readAgentPins, type RawPin } from './pins';
import { agentDbPath, readStores, stateDbPath } from './stores';
import type { Agent, ClaudeCliLogin, EnvCredential, Snapshot, Warning } from './types';
// The provider rows of one agent (profiles, health, order, needed providers) are built in rows.ts.
import { buildProviders, markMigrationBlocked, markUnread } from './rows';

/** What one read is asked for: cheap to change, so it comes with each `read()`. */
export interface ReadOptions {
  warnWindowMs: number;
  now?: () => number;
  /**
   * Pins per agent id as the connected gateway last answered them (gateway/pins.ts `readGatewayPins`): when given,
   * they stand in for the store read (the gateway is the runtime view); when not, the agents' stores are read.
   */
  gatewayPins?: Readonly<Record<string, RawPin[]>> | undefined;
}

/** Where to read and with what: costly to build (see session.ts), so fixed for a Reader's life. */
export interface ReaderOptions extends Partial<ReadOptions> {
  env: NodeJS.ProcessEnv;
  homedir: string;
  stateDirOverride?: string;
  profile?: string;
  cli?: CliInfo;
  /** A promise while the source is still starting (session.ts): the config is parsed meanwhile. */
  sqlite?: SqliteSource | Promise<SqliteSource | undefined>;
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
  /** Session pins per agent id, as stored (pins.ts) or as the gateway reports them; classified here against the agent's profiles. */
  pins?: Readonly<Record<string, RawPin[]>>;
  /** Who answered for `pins` (absent: the stores). */
  pinsFrom?: 'gateway' | 'store';
  /** Where an environment variable is set (process, `$STATE/.env`, config env.vars), for env SecretRefs; never its value. */
  envSourceOf?: (variable: string) => EnvSource | undefined;
  /** `$STATE/.env`, named in the words of an unset env SecretRef. */
  dotenvPath?: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
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
  } else if (input.cli.version && compareVersions(input.cli.version, minimumCliVersion) < 0) {
    // '' is a version not asked yet (session.ts asks it after the first read), not an old one.
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
    pinsFrom: input.pinsFrom ?? 'store',
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
    const running = o.sqlite instanceof Promise ? undefined : o.sqlite;
    if (running?.prepare && likelySqlite.some((f) => fs.existsSync(f))) running.prepare();
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
    const sqlite = await o.sqlite;
    const stores =
      !sqlite && o.cli && sqliteStoresExist(loc, config)
        ? await readStoresViaCli(o.cli, loc, config, o.env)
        : await readStores(loc, config, sqlite);
    const claude = readClaudeLogin(o.env, o.homedir, now, warnWindowMs, warnings);
    // Agents found only in the stores have pins too; the roster itself is settled in buildSnapshot.
    const pinAgents = [
      ...config.agents,
      ...Object.keys(stores.agents)
        .filter((id) => !config.agents.some((a) => a.id === id))
        .map((id) => ({ id, agentDir: path.join(loc.stateDir, 'agents', id, 'agent') })),
    ];
    // The gateway's last answer stands in for the stores (one flow: files/gateway → snapshot); never waited for here.
    const gatewayPins = options.gatewayPins;
    const pins = gatewayPins ?? (await readAgentPins(sqlite, loc.stateDir, pinAgents));
    const env = envSources(loc, config, o.env, warnings);
    return buildSnapshot({
      pins,
      pinsFrom: gatewayPins ? 'gateway' : 'store',
      loc,
      config,
      stores,
      now,
      warnings,
      // readStores answers 'cli' when SQLite stores exist that it cannot open; without a CLI nobody read them.
      storesUnread: !sqlite && !o.cli && stores.readPath === 'cli',
      envCreds: envCredentials(loc, config, o.env, warnings, env),
      envSourceOf: (variable) => env.lookup(variable)?.source,
      dotenvPath: env.dotenvPath,
      claude,
      warnWindowMs,
      cli: o.cli,
      readMs: Math.round(performance.now() - started),
      // A 2026.5 agent keeps its pins in sessions.json (a 2026.9 one in the agent database, watched with the stores).
      watchPaths: [
        claudeCredentialsPath(o.env, o.homedir),
        ...pinAgents.map((a) => legacySessionsPath(loc.stateDir, a.id)),
      ],
    });
  }
}
