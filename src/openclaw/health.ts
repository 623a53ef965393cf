// Profile health exactly as OpenClaw 2026.9.6 computes it for `models status`
// (dist: auth-health `buildProfileHealth`, credential-state `resolveTokenExpiryState` /
// `evaluateStoredCredentialEligibility`). Only secret-free facts leave this module.

import type { StoredCredential, UsageStats } from './model';
import type { Health, Profile, ProfileUsage, RecoveryKind } from './types';

/** OpenClaw's refresh margin: an OAuth warning threshold is never below 5 minutes. */
export const OAUTH_REFRESH_MARGIN_MS = 300_000;
/** Largest valid Date in ms; OpenClaw treats anything above as `invalid_expires`. */
const MAX_EXPIRES_MS = 8.64e15;
/** Below this, an `expires` is far more plausibly epoch seconds than ms (1e11 ms is March 1973). */
const SECONDS_SUSPICION_LIMIT = 1e11;

const FENCE_ACCESS = /^openclaw-oauth-refresh-fence:v1:([a-f0-9]{32}):(failed:)?access:([a-f0-9]{64})$/;
const FENCE_REFRESH = /^openclaw-oauth-refresh-fence:v1:([a-f0-9]{32}):(failed:)?refresh:([a-f0-9]{64})$/;

export interface ProfileHealth {
  health: Health;
  reasonCode?: string;
  /** The stored expiry when it is a valid epoch-ms value (also for expired profiles, like `auth list`). */
  expiresAt?: number;
  refreshable?: boolean;
  expiryLooksLikeSeconds?: boolean;
  /** An OAuth refresh claim is pending (the credential is OpenClaw's inert fence). */
  refreshing?: boolean;
  /** Whether OpenClaw's selection would consider the credential at all (`evaluateStoredCredentialEligibility`). */
  eligible: boolean;
}

type ExpiryState = 'missing' | 'invalid_expires' | 'expired' | 'expiring' | 'valid';

function expiryState(expires: unknown, now: number, expiringWithinMs = 0): ExpiryState {
  if (expires === undefined) return 'missing';
  if (typeof expires !== 'number') return 'invalid_expires';
  if (!Number.isFinite(expires) || expires <= 0 || expires > MAX_EXPIRES_MS) return 'invalid_expires';
  const remaining = expires - now;
  if (remaining <= 0) return 'expired';
  if (expiringWithinMs > 0 && remaining <= expiringWithinMs) return 'expiring';
  return 'valid';
}

/** The stored expiry as OpenClaw's reader sees it: a non-number was normalised to 0. */
function storedExpires(cred: StoredCredential): number | undefined {
  if (cred.expires !== undefined) return cred.expires;
  return cred.expiresRaw !== undefined ? 0 : undefined;
}

function hasText(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

function fenceState(cred: StoredCredential): 'pending' | 'failed' | undefined {
  if (cred.type !== 'oauth' || cred.expires !== 1) return undefined;
  const access = FENCE_ACCESS.exec(cred.access ?? '');
  const refresh = FENCE_REFRESH.exec(cred.refresh ?? '');
  if (!access || !refresh || access[1] !== refresh[1] || access[2] !== refresh[2]) return undefined;
  return access[2] ? 'failed' : 'pending';
}

function expiryFacts(expires: number | undefined): Pick<ProfileHealth, 'expiresAt' | 'expiryLooksLikeSeconds'> {
  if (expires === undefined || !Number.isFinite(expires) || expires <= 0 || expires > MAX_EXPIRES_MS) return {};
  return expires < SECONDS_SUSPICION_LIMIT
    ? { expiresAt: expires, expiryLooksLikeSeconds: true }
    : { expiresAt: expires };
}

function statusFromExpiry(state: ExpiryState): Health {
  if (state === 'expired') return 'expired';
  if (state === 'expiring') return 'expiring';
  if (state === 'valid') return 'ok';
  return 'missing';
}

/**
 * `warnWindowMs` plays the role of `models status`'s `warnAfterMs` (the CLI always passes 24 h;
 * the user may pick another window). OAuth uses max(window, 5 min) like OpenClaw.
 */
export function profileHealth(cred: StoredCredential, now: number, warnWindowMs: number): ProfileHealth {
  const expires = storedExpires(cred);
  if (cred.type === 'api_key') {
    if (!hasText(cred.key) && !cred.hasKeyRef)
      return { health: 'missing', reasonCode: 'missing_credential', eligible: false };
    if (/^openclaw\s+onboard(?:\s+.*)?\s+--auth-choice(?:\s|=|$)/i.test(cred.key?.trim() ?? '')) {
      return { health: 'missing', reasonCode: 'malformed_api_key', eligible: false };
    }
    return { health: 'static', eligible: true };
  }
  if (cred.type === 'token') {
    if (!hasText(cred.token) && !cred.hasTokenRef) {
      return { health: 'missing', reasonCode: 'missing_credential', eligible: false, ...expiryFacts(expires) };
    }
    const state = expiryState(expires, now, Math.max(0, warnWindowMs));
    if (state === 'missing') return { health: 'static', eligible: true };
    if (state === 'invalid_expires')
      return { health: 'missing', reasonCode: 'invalid_expires', eligible: false, ...expiryFacts(expires) };
    if (state === 'expired')
      return { health: 'expired', reasonCode: 'expired', eligible: false, ...expiryFacts(expires) };
    return { health: statusFromExpiry(state), eligible: true, ...expiryFacts(expires) };
  }
  // oauth (the reader drops every other type)
  const refreshable = hasText(cred.refresh);
  const fence = fenceState(cred);
  if (fence) {
    return {
      health: 'expired',
      reasonCode: 'expired',
      eligible: false,
      refreshable: false,
      ...(fence === 'pending' ? { refreshing: true } : {}),
    };
  }
  if (!hasText(cred.access) && !refreshable)
    return { health: 'missing', reasonCode: 'missing_credential', eligible: false, refreshable };
  const threshold = Math.max(warnWindowMs, OAUTH_REFRESH_MARGIN_MS);
  const state = expiryState(expires, now, threshold);
  // OpenClaw reports a missing/invalid OAuth expiry as plain `missing` (no reason code); we name it.
  if (state === 'missing' || state === 'invalid_expires') {
    return { health: 'missing', reasonCode: 'invalid_expires', eligible: true, refreshable, ...expiryFacts(expires) };
  }
  return { health: statusFromExpiry(state), eligible: true, refreshable, ...expiryFacts(expires) };
}

/**
 * A SecretRef credential whose env variable is set nowhere OpenClaw looks cannot be used. OpenClaw's profile health
 * still says `static`/`ok` (a configured ref counts as present: dist/credential-state-*.mjs
 * `evaluateStoredCredentialEligibility`), but its read-only check cannot confirm it (dist/loader-runtime-load-*.mjs
 * `resolveSecretRefReadOnlyAvailability`: an env ref to an unset variable is `undefined`), so `models status --json`
 * reports the route in `auth.modelRouteIssues` as `indeterminate` ("Auth readiness could not be confirmed", `--check`
 * exit 1), and a gateway lists the profile in `status.degradedSecretOwners` ("secret reference was not found").
 * Shown as missing with OpenClaw's reason code `unresolved_ref`; it keeps its place in the order (still eligible).
 */
export function withUnresolvedRef(h: ProfileHealth): ProfileHealth {
  if (h.health === 'expired' || h.health === 'missing') return h;
  return { ...h, health: 'missing', reasonCode: 'unresolved_ref' };
}

export interface UsageHealth {
  cooldownUntil?: number;
  cooldownReason?: string;
  cooldownClassification?: string;
  cooldownModel?: string;
  disabledUntil?: number;
  disabledReason?: string;
  blockedUntil?: number;
  blockedReason?: string;
}

function future(value: number | undefined, now: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > now;
}

/** Cooldown / disabled / blocked windows that are still running; lapsed ones are what OpenClaw clears. */
export function usageHealth(stats: UsageStats | undefined, now: number): UsageHealth {
  const out: UsageHealth = {};
  if (!stats) return out;
  if (future(stats.cooldownUntil, now)) {
    out.cooldownUntil = stats.cooldownUntil;
    if (stats.cooldownReason) out.cooldownReason = stats.cooldownReason;
    if (stats.cooldownClassification) out.cooldownClassification = stats.cooldownClassification;
    if (stats.cooldownModel) out.cooldownModel = stats.cooldownModel;
  }
  if (future(stats.disabledUntil, now)) {
    out.disabledUntil = stats.disabledUntil;
    if (stats.disabledReason) out.disabledReason = stats.disabledReason;
  }
  if (future(stats.blockedUntil, now)) {
    out.blockedUntil = stats.blockedUntil;
    if (stats.blockedReason) out.blockedReason = stats.blockedReason;
  }
  return out;
}

/**
 * OpenClaw's recovery hint for a running window (`buildAuthProfileUnusableHint`): an auth failure needs a new
 * sign-in, a billing disable needs credits, anything else passes by itself.
 */
export function recoveryKind(kind: 'cooldown' | 'disabled', reason: string | undefined): RecoveryKind {
  if (reason === 'auth' || reason === 'auth_permanent' || reason === 'session_expired') return 'reauthenticate';
  if (kind === 'disabled' && reason === 'billing') return 'top-up';
  return 'wait';
}

/** The bookkeeping behind a cooldown (errors, failures by reason, last use), when the store has any. */
export function usageFacts(stats: UsageStats | undefined): ProfileUsage | undefined {
  if (!stats) return undefined;
  const out: ProfileUsage = {};
  if (stats.lastUsed !== undefined && stats.lastUsed > 0) out.lastUsed = stats.lastUsed;
  if (stats.errorCount !== undefined && stats.errorCount > 0) out.errorCount = stats.errorCount;
  if (stats.failureCounts && Object.keys(stats.failureCounts).length) out.failureCounts = { ...stats.failureCounts };
  if (stats.lastFailureAt !== undefined && stats.lastFailureAt > 0) out.lastFailureAt = stats.lastFailureAt;
  return Object.keys(out).length ? out : undefined;
}

/**
 * When every stored profile OpenClaw would try is cooling down or disabled, the moment the first comes back
 * (each is back when its latest window ends). Undefined while any of them is usable.
 */
export function firstBack(
  rows: readonly Pick<Profile, 'excluded' | 'declaredOnly' | 'cooldownUntil' | 'disabledUntil'>[],
  now: number,
): number | undefined {
  let first: number | undefined;
  for (const r of rows) {
    if (r.excluded || r.declaredOnly) continue;
    const windows = [r.cooldownUntil, r.disabledUntil].filter((v): v is number => v !== undefined && v > now);
    if (!windows.length) return undefined;
    const back = Math.max(...windows);
    if (first === undefined || back < first) first = back;
  }
  return first;
}

/** OpenClaw's "unusable until" for a status read (no model scope): the latest of the three windows. */
export function unusableUntil(stats: UsageStats | undefined): number | undefined {
  if (!stats) return undefined;
  const values = [stats.blockedUntil, stats.cooldownUntil, stats.disabledUntil].filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0,
  );
  return values.length > 0 ? Math.max(...values) : undefined;
}

export interface RollupInput {
  type: string;
  health: Health;
}

// OpenClaw's roll-up order: expired > missing > expiring > ok > static; `unknown` (not read) is ours, above ok and
// below a known problem. One order for every roll-up: a provider over its profiles, an agent over its providers.
const SEVERITY: Record<Health, number> = { static: 0, ok: 1, unknown: 2, expiring: 3, missing: 4, expired: 5 };

/** Health that the status bar, the notifications and the tree call out: something to renew or paste. */
export function needsAttention(health: Health | undefined): health is 'expiring' | 'expired' | 'missing' {
  return health === 'expiring' || health === 'expired' || health === 'missing';
}

/** The worst of several healths in the roll-up order; undefined when none is known. */
export function worstHealth(healths: Iterable<Health | undefined>): Health | undefined {
  let worst: Health | undefined;
  for (const h of healths) if (h && (worst === undefined || SEVERITY[h] > SEVERITY[worst])) worst = h;
  return worst;
}

/**
 * `auth.oauth.providers[].status`: over the provider's effective profiles, expired > missing >
 * expiring > ok; api keys alone ⇒ static; nothing ⇒ missing. Only OAuth and tokens can expire; of an api
 * key OpenClaw counts only a missing one; other types do not count.
 */
export function providerHealth(effective: readonly RollupInput[]): Health {
  const counted = effective.filter((p) => p.type === 'api_key' || p.type === 'oauth' || p.type === 'token');
  const problem = worstHealth(
    counted
      .filter((p) => (p.type === 'api_key' ? p.health === 'missing' : needsAttention(p.health)))
      .map((p) => p.health),
  );
  if (problem) return problem;
  if (counted.some((p) => p.type !== 'api_key')) return 'ok';
  return counted.some((p) => p.health === 'static') ? 'static' : 'missing';
}

/** `formatRemainingShort` from OpenClaw's auth-health: 0m / 1m / Nm / Nh (<48 h) / Nd. */
export function formatRemainingShort(remainingMs: number | undefined, opts?: { underMinuteLabel?: string }): string {
  if (remainingMs === undefined || Number.isNaN(remainingMs)) return 'unknown';
  if (remainingMs <= 0) return '0m';
  const minutes = Math.round(remainingMs / 60_000);
  if (minutes < 1) return opts?.underMinuteLabel ?? '1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.round(hours / 24)}d`;
}
