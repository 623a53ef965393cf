// Zod schemas for what we read from disk and from the CLI's JSON, plus the credential
// normalisation OpenClaw applies on load (`normalizeRawCredentialEntry` in `persisted.ts`).
// Lenient on purpose: an odd entry is reported, never allowed to sink the whole store.

// zod/mini: tree-shakes to ~20 KB and builds its schemas far faster at load than classic zod (activation budget).
import * as z from 'zod/mini';
import { normalizeProviderId } from './ids';
import type { AuthState, SecretRefInfo, StoredCredential, UsageStats } from './model';
import type { StoreKind, Warning } from './types';

/**
 * Schemas are built on first use, not when the bundle loads: building them costs milliseconds that would
 * otherwise land on the extension's activation (budget: 50 ms for load + activate()).
 */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const record = lazy(() => z.record(z.string(), z.unknown()));

/** `{version, profiles}` — `authProfiles.store`, `store_json`, legacy `auth-profiles.json` (with inline state in old builds). */
export const credentialStoreSchema = lazy(() =>
  z.looseObject({
    version: z.optional(z.unknown()),
    profiles: record(),
  }),
);

/** `{version, order?, lastGood?, usageStats?}` — `authProfiles.state`, `state_json`, `auth-state.json`. */
export const authStateSchema = lazy(() =>
  z.looseObject({
    version: z.optional(z.unknown()),
    order: z.optional(z.unknown()),
    lastGood: z.optional(z.unknown()),
    usageStats: z.optional(z.unknown()),
  }),
);

const CREDENTIAL_TYPES = new Set(['api_key', 'token', 'oauth']);

/** A plain JSON object (not null, not an array): what every hand-read part of a store or config is checked with. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonBlank(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export interface ParsedCredential {
  credential?: Omit<StoredCredential, 'store' | 'storePath'>;
  /** Why the entry was dropped: OpenClaw's reason codes `non_object`, `invalid_type`, `missing_provider`. */
  rejected?: 'non_object' | 'invalid_type' | 'missing_provider';
  /** The unrecognised type name, for the warning. */
  typeName?: string;
}

/** A SecretRef's pointer (source, provider, id) when the value is one; ids are shown, so only plain, short ones. */
function secretRefOf(value: unknown): SecretRefInfo | undefined {
  if (!isRecord(value)) return undefined;
  const { source, provider, id } = value;
  if (typeof source !== 'string' || !/^[a-z][a-z0-9_-]{0,31}$/.test(source)) return undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 512) return undefined;
  return { source, id, ...(typeof provider === 'string' && provider.length <= 128 ? { provider } : {}) };
}

/** One entry, normalised exactly as OpenClaw's reader does before it checks the type. */
export function normaliseCredentialEntry(raw: unknown): ParsedCredential {
  if (!isRecord(raw)) return { rejected: 'non_object' };
  let type = raw.type;
  if (!('type' in raw) && typeof raw.mode === 'string') type = raw.mode;
  if (type === 'apiKey') type = 'api_key';
  if (typeof type !== 'string' || !CREDENTIAL_TYPES.has(type)) {
    return { rejected: 'invalid_type', typeName: typeof type === 'string' ? type : String(type) };
  }
  const provider = typeof raw.provider === 'string' ? normalizeProviderId(raw.provider) : '';
  if (!provider) return { rejected: 'missing_provider' };

  const cred: Omit<StoredCredential, 'store' | 'storePath'> = { type, provider };
  const email = nonBlank(raw.email);
  if (email) cred.email = email;
  const displayName = nonBlank(raw.displayName);
  if (displayName) cred.displayName = displayName;

  if (type === 'api_key') {
    const key =
      'key' in raw ? raw.key : !isRecord(raw.keyRef) && typeof raw.apiKey === 'string' ? raw.apiKey : undefined;
    // A non-string key is a SecretRef (env/file/exec): the secret is not in the store.
    if (key != null && typeof key !== 'string') cred.hasKeyRef = true;
    else if (isRecord(raw.keyRef)) cred.hasKeyRef = true;
    const literal = nonBlank(key);
    if (literal && !cred.hasKeyRef) cred.key = literal;
    const ref = secretRefOf(isRecord(raw.keyRef) ? raw.keyRef : key);
    if (ref) cred.secretRef = ref;
  } else if (type === 'token') {
    if ((raw.token != null && typeof raw.token !== 'string') || isRecord(raw.tokenRef)) cred.hasTokenRef = true;
    const ref = secretRefOf(isRecord(raw.tokenRef) ? raw.tokenRef : raw.token);
    if (ref) cred.secretRef = ref;
    const token = nonBlank(raw.token);
    if (token) cred.token = token;
    setExpiry(cred, raw);
  } else {
    const access = nonBlank(raw.access);
    if (access) cred.access = access;
    const refresh = nonBlank(raw.refresh);
    if (refresh) cred.refresh = refresh;
    setExpiry(cred, raw);
  }
  return { credential: cred };
}

function setExpiry(cred: Omit<StoredCredential, 'store' | 'storePath'>, raw: Record<string, unknown>): void {
  if (raw.expires === undefined) return;
  const n = finite(raw.expires);
  if (n !== undefined && n > 0) {
    cred.expires = n;
    return;
  }
  // OpenClaw turns it into 0 (⇒ invalid_expires); keep what was stored so the UI can say why.
  cred.expires = 0;
  cred.expiresRaw = raw.expires;
}

export interface ParsedStore {
  profiles: Record<string, StoredCredential>;
  /** Inline state of old (March 2026) auth-profiles.json files; empty otherwise. */
  inlineState: AuthState;
  warnings: Warning[];
}

/** Parses a credential store payload. Returns undefined when it has no `profiles` object (unreadable). */
export function parseCredentialStore(
  raw: unknown,
  store: StoreKind,
  storePath: string,
  agent?: string,
): ParsedStore | undefined {
  const parsed = credentialStoreSchema().safeParse(raw);
  if (!parsed.success) return undefined;
  const profiles: Record<string, StoredCredential> = {};
  const warnings: Warning[] = [];
  for (const [id, entry] of Object.entries(parsed.data.profiles)) {
    const result = normaliseCredentialEntry(entry);
    if (result.credential) {
      profiles[id] = { ...result.credential, store, storePath };
    } else if (result.rejected === 'invalid_type') {
      warnings.push({
        code: 'UNKNOWN_CREDENTIAL_TYPE',
        params: { type: String(result.typeName) },
        message: `Profile ${id} in ${storePath} has type "${result.typeName}", which OpenClaw ignores (valid: api_key, token, oauth).`,
        profileId: id,
        path: storePath,
        ...(agent ? { agent } : {}),
      });
    }
  }
  return { profiles, inlineState: parseAuthState(raw), warnings };
}

/** Coerces state like `coerceAuthProfileState`: provider keys lowercased, blanks and non-arrays dropped. */
export function parseAuthState(raw: unknown): AuthState {
  const state: AuthState = { order: {}, lastGood: {}, usageStats: {} };
  const parsed = authStateSchema().safeParse(raw);
  if (!parsed.success) return state;
  const { order, lastGood, usageStats } = parsed.data;
  if (isRecord(order)) {
    for (const [provider, ids] of Object.entries(order)) {
      const key = normalizeProviderId(provider);
      if (!key || !Array.isArray(ids)) continue;
      const list = ids.map(nonBlank).filter((id): id is string => !!id);
      if (list.length) state.order[key] = [...new Set(list)];
    }
  }
  if (isRecord(lastGood)) {
    for (const [provider, id] of Object.entries(lastGood)) {
      const key = normalizeProviderId(provider);
      const value = nonBlank(id);
      if (key && value) state.lastGood[key] = value;
    }
  }
  if (isRecord(usageStats)) {
    for (const [id, stats] of Object.entries(usageStats)) {
      const value = parseUsageStats(stats);
      if (id.trim() && value) state.usageStats[id.trim()] = value;
    }
  }
  return state;
}

const NUMBER_STATS = [
  'lastUsed',
  'cooldownUntil',
  'disabledUntil',
  'blockedUntil',
  'errorCount',
  'lastFailureAt',
] as const;
const STRING_STATS = [
  'cooldownReason',
  'cooldownModel',
  'cooldownClassification',
  'disabledReason',
  'blockedReason',
] as const;

function parseUsageStats(raw: unknown): UsageStats | undefined {
  if (!isRecord(raw)) return undefined;
  const stats: UsageStats = {};
  for (const k of NUMBER_STATS) {
    const n = finite(raw[k]);
    if (n !== undefined) stats[k] = n;
  }
  for (const k of STRING_STATS) {
    const s = nonBlank(raw[k]);
    if (s) stats[k] = s;
  }
  if (isRecord(raw.failureCounts)) {
    const counts = Object.entries(raw.failureCounts).filter(
      (e): e is [string, number] => !!e[0].trim() && (finite(e[1]) ?? 0) > 0,
    );
    if (counts.length) stats.failureCounts = Object.fromEntries(counts);
  }
  return Object.keys(stats).length ? stats : undefined;
}

// ---- CLI JSON outputs (only the fields we use; everything else passes through) ----

/** `openclaw models auth list --json` (docs/openclaw-auth-ground-truth.md §3.6). */
export const authListSchema = lazy(() =>
  z.looseObject({
    agentId: z.string(),
    agentDir: z.string(),
    authStatePath: z.optional(z.string()),
    provider: z.optional(z.nullable(z.string())),
    profiles: z.array(
      z.looseObject({
        id: z.string(),
        provider: z.string(),
        type: z.string(),
        label: z.optional(z.string()),
        email: z.optional(z.string()),
        displayName: z.optional(z.string()),
        expiresAt: z.optional(z.string()),
        cooldownUntil: z.optional(z.string()),
        cooldownReason: z.optional(z.string()),
        disabledUntil: z.optional(z.string()),
        disabledReason: z.optional(z.string()),
        recoveryHint: z.optional(z.string()),
      }),
    ),
  }),
);
export type AuthListJson = z.infer<ReturnType<typeof authListSchema>>;

/** `openclaw models auth order get --provider <p> --json` (docs/openclaw-auth-ground-truth.md §3.5); `order` is null without a stored override. */
export const orderGetSchema = lazy(() =>
  z.looseObject({
    agentId: z.string(),
    agentDir: z.string(),
    provider: z.string(),
    authStatePath: z.optional(z.string()),
    order: z.nullable(z.array(z.string())),
  }),
);
export type OrderGetJson = z.infer<ReturnType<typeof orderGetSchema>>;

const statusProfileSchema = lazy(() =>
  z.looseObject({
    profileId: z.string(),
    provider: z.string(),
    type: z.string(),
    status: z.string(),
    source: z.optional(z.string()),
    label: z.optional(z.string()),
    expiresAt: z.optional(z.number()),
    remainingMs: z.optional(z.number()),
    reasonCode: z.optional(z.string()),
  }),
);

/** `openclaw models status --json`, auth part only. */
export const modelsStatusSchema = lazy(() =>
  z.looseObject({
    configPath: z.optional(z.string()),
    agentDir: z.optional(z.string()),
    defaultModel: z.optional(z.nullable(z.string())),
    auth: z.looseObject({
      storePath: z.optional(z.string()),
      missingProvidersInUse: z.optional(z.array(z.string())),
      providers: z.optional(
        z.array(
          z.looseObject({
            provider: z.string(),
            effective: z.optional(z.looseObject({ kind: z.string(), detail: z.optional(z.string()) })),
            env: z.optional(z.looseObject({ value: z.optional(z.string()), source: z.optional(z.string()) })),
          }),
        ),
      ),
      unusableProfiles: z.optional(
        z.array(
          z.looseObject({
            profileId: z.string(),
            provider: z.optional(z.string()),
            kind: z.string(),
            reason: z.optional(z.string()),
            until: z.optional(z.number()),
            remainingMs: z.optional(z.number()),
          }),
        ),
      ),
      oauth: z.optional(
        z.looseObject({
          warnAfterMs: z.optional(z.number()),
          profiles: z.optional(z.array(statusProfileSchema())),
          providers: z.optional(
            z.array(
              z.looseObject({
                provider: z.string(),
                status: z.optional(z.string()),
                profiles: z.optional(z.array(statusProfileSchema())),
                effectiveProfiles: z.optional(z.array(statusProfileSchema())),
              }),
            ),
          ),
        }),
      ),
    }),
  }),
);
export type ModelsStatusJson = z.infer<ReturnType<typeof modelsStatusSchema>>;
