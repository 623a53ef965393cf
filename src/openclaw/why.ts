// "Why this profile?": which profile OpenClaw tries first for one agent's provider, and why, as codes and values the
// UI puts into words. It reads what the snapshot already worked out the way OpenClaw 2026.9.6 does
// (order.ts mirrors `resolveAuthProfileOrderWithMetadata`; `Provider.order` equals `models status --json`
// `effectiveProfiles`, where cooling-down and disabled profiles come last, soonest back first). Order locked by config:
// the gateway's `profileOrderLocked: "auth-config"` (dist/models-auth-status-*.mjs) is an `auth.order` entry with no
// stored override; its `"provider-config"` (a provider bound in `models.providers`) is not mirrored here. No `vscode`.

import type { OrderSource, Profile, Provider } from './types';

/** Why a profile is not the one OpenClaw uses now. */
export type SkipReason =
  /** Resting after failures (rate limit, timeout, auth…): tried only when nothing else is left. */
  | 'cooldown'
  /** Disabled for a while (billing, permanent auth failure). */
  | 'disabled'
  /** Expired and not refreshable: OpenClaw leaves it out. */
  | 'expired'
  /** No usable secret (OpenClaw's reason code says which). */
  | 'missing'
  /** The stored or config order names other profiles only. */
  | 'excluded'
  /** Declared in config `auth.profiles` but in no store. */
  | 'declared-only'
  /** In the order, but OpenClaw does not select it now (a mode mismatch, an unreadable credential). */
  | 'not-eligible';

export interface Skipped {
  profileId: string;
  reason: SkipReason;
  /** cooldown / disabled: when it ends (epoch ms). */
  until?: number;
  /** The stored reason (`rate_limit`, `billing`) or OpenClaw's reason code (untrusted text). */
  detail?: string;
}

export interface WhyAnswer {
  provider: string;
  /** The profile OpenClaw tries first; undefined when it has none to try. */
  first?: string;
  /**
   * `usable`: first is ready; `resting`: every profile OpenClaw would try is cooling down or disabled, so it waits for
   * `first` (the soonest back); `none`: nothing to try (the environment or config key may still answer).
   */
  firstState: 'usable' | 'resting' | 'none';
  source: OrderSource;
  /** The order comes from `auth.order` in openclaw.json: change it there (a stored order would take precedence). */
  lockedByConfig: boolean;
  /** Automatic: OAuth before token before API key, a non-expired OAuth first, then the least recently used. */
  automatic: boolean;
  /** The ids OpenClaw would try, in order (`effectiveProfiles`). */
  tried: string[];
  skipped: Skipped[];
  /** With no profile to try: the environment variables OpenClaw falls back to. */
  envFallback: string[];
}

function resting(p: Profile, now: number): Skipped | undefined {
  const disabled = p.disabledUntil ?? 0;
  if (disabled > now)
    return {
      profileId: p.id,
      reason: 'disabled',
      until: disabled,
      ...(p.disabledReason ? { detail: p.disabledReason } : {}),
    };
  if (p.cooldownUntil !== undefined && p.cooldownUntil > now)
    return {
      profileId: p.id,
      reason: 'cooldown',
      until: p.cooldownUntil,
      ...(p.cooldownReason ? { detail: p.cooldownReason } : {}),
    };
  return undefined;
}

/** The answer for one provider of one agent at `now`. */
export function whyProfile(provider: Provider, now: number): WhyAnswer {
  const byId = new Map(provider.profiles.map((p) => [p.id, p]));
  const tried = [...provider.order];
  const skipped: Skipped[] = [];
  let first: string | undefined;
  const restingIds: string[] = [];
  for (const id of tried) {
    const p = byId.get(id);
    const rest = p ? resting(p, now) : undefined;
    if (rest) {
      skipped.push(rest);
      restingIds.push(id);
    } else if (p && ((p.health === 'expired' && !p.refreshable) || p.health === 'missing')) {
      // `models status` still lists it when nothing else is eligible; a request with it can only fail.
      skipped.push({ profileId: id, reason: p.health, ...(p.reasonCode ? { detail: p.reasonCode } : {}) });
    } else if (first === undefined) first = id;
  }
  let firstState: WhyAnswer['firstState'] = first !== undefined ? 'usable' : 'none';
  if (first === undefined && restingIds.length > 0) {
    // Every usable one is resting: OpenClaw still tries them, soonest back first (the order already puts it first).
    first = restingIds[0];
    firstState = 'resting';
  }
  const inOrder = new Set(tried);
  for (const p of provider.profiles) {
    if (inOrder.has(p.id)) continue;
    let reason: SkipReason;
    if (p.declaredOnly) reason = 'declared-only';
    else if (p.excluded) reason = 'excluded';
    else if (p.health === 'expired') reason = 'expired';
    else if (p.health === 'missing') reason = 'missing';
    else reason = 'not-eligible';
    const detail = reason === 'missing' || reason === 'not-eligible' ? p.reasonCode : undefined;
    skipped.push({ profileId: p.id, reason, ...(detail ? { detail } : {}) });
  }
  return {
    provider: provider.id,
    ...(first !== undefined ? { first } : {}),
    firstState,
    source: provider.orderSource,
    lockedByConfig: provider.orderSource === 'config-order',
    automatic: provider.orderSource === 'automatic',
    tried,
    skipped,
    envFallback: first === undefined ? (provider.env ?? []).map((e) => e.variable) : [],
  };
}

/**
 * A probe failure OpenClaw's docs explain (docs/providers/anthropic.md): Anthropic answers a subscription credential
 * (a Claude setup-token or OAuth login) used outside Claude Code with "This credential is only authorized for use with
 * Claude Code…". The fix is an API key, or the Claude CLI route (the installed `claude` runs the requests).
 */
export function probeHint(provider: string, status: string, error: string | undefined): 'claude-code-only' | undefined {
  if (status !== 'auth' || !error) return undefined;
  if (!/^(anthropic|claude-cli)$/i.test(provider)) return undefined;
  return /only authorized for use with Claude Code/i.test(error) ? 'claude-code-only' : undefined;
}
