// The provider rows of one agent: every stored profile with its health, place in the effective order and usage
// facts, credentials from the environment, and the providers the configured models need without a credential.
// Pure (no files, no clock): snapshot.ts's buildSnapshot calls it per agent.

import { CLI_HIDDEN_SECRET } from './cliread';
import {
  firstBack,
  profileHealth,
  providerHealth,
  recoveryKind,
  usageFacts,
  usageHealth,
  withUnresolvedRef,
} from './health';
import { normalizeProviderId } from './ids';
import { maskSecret } from './mask';
import type {
  AgentStores,
  ModelProviderNeed,
  ParsedConfig,
  SecretRefInfo,
  StoredCredential,
  StoresResult,
} from './model';
import { effectiveOrder, findForProvider } from './order';
import type { SnapshotInput } from './snapshot';
import type { Profile, ProfileSecretRef, Provider, Warning } from './types';

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
  const secretRef = cred.secretRef ? secretRefRow(cred.secretRef, input) : undefined;
  const stored = profileHealth(cred, input.now, input.warnWindowMs);
  const h = secretRef?.resolves === false ? withUnresolvedRef(stored) : stored;
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
  if (secretRef) row.secretRef = secretRef;
  return row;
}

/** Where a SecretRef's secret comes from; an env ref is looked up (set or not, never its value), no other source is. */
function secretRefRow(ref: SecretRefInfo, input: SnapshotInput): ProfileSecretRef {
  const out: ProfileSecretRef = { source: ref.source, id: ref.id, ...(ref.provider ? { provider: ref.provider } : {}) };
  if (ref.source === 'env' && input.envSourceOf) {
    const setIn = input.envSourceOf(ref.id);
    out.resolves = setIn !== undefined;
    if (setIn) out.setIn = setIn;
  }
  return out;
}

/** A profile declared in the shared config whose credential another agent holds (`paste-token --agent work` declares it for all). */
function storedByAnotherAgent(stores: StoresResult, agentId: string, profileId: string): boolean {
  return Object.values(stores.agents).some((a) => a.agentId !== agentId && a.profiles[profileId] !== undefined);
}

function agentStoresFor(stores: StoresResult, agentId: string): AgentStores {
  return stores.agents[agentId] ?? { agentId, profiles: {}, state: { order: {}, lastGood: {}, usageStats: {} } };
}

export function buildProviders(agentId: string, input: SnapshotInput, warnings: Warning[]): Provider[] {
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
      if (cred) {
        row = storedRow(id, cred, stores, input, config);
        if (
          row.secretRef?.resolves === false &&
          !warnings.some((w) => w.code === 'SECRET_REF_UNSET' && w.profileId === id)
        )
          warnings.push({
            code: 'SECRET_REF_UNSET',
            agent: agentId,
            profileId: id,
            provider: providerId,
            params: { variable: row.secretRef.id, ...(input.dotenvPath ? { dotenv: input.dotenvPath } : {}) },
            message: `Profile ${id} takes its secret from the environment variable ${row.secretRef.id}, which is not set here, in $STATE/.env or in config env.vars.`,
          });
      } else if (
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
export function markMigrationBlocked(agentId: string, providers: Provider[], warnings: readonly Warning[]): Provider[] {
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
export function markUnread(provider: Provider): void {
  for (const row of provider.profiles) {
    if (!row.declaredOnly) continue;
    row.health = 'unknown';
    delete row.reasonCode;
    delete row.declaredOnly;
    delete row.excluded; // left out only because nothing was read, not by an order
  }
  if (provider.health === 'missing') provider.health = 'unknown';
}
