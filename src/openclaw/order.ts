// Effective auth order per provider, following OpenClaw 2026.9.6 `resolveAuthProfileOrderWithMetadata`
// (dist order-*.mjs, read line by line) as `models status` calls it: no model scope, no session pin.
//
// What we mirror: base order = stored per-agent override ?? config auth.order ?? config auth.profiles ids
// for the provider ?? stored profiles; ineligible profiles are dropped from selection; the "repair"
// fallback to stored profiles when none of a stored-order/config-profiles base exists in the store;
// explicit orders keep their sequence but move profiles in cooldown to the back (soonest first);
// automatic order sorts oauth < token < api_key, then non-expired OAuth first, then least recently used.
// What we do not mirror: provider auth aliases from plugin manifests (we compare lowercase ids only),
// aws-sdk profiles that exist only in config, and setup-replacement credentials.
// Unlike the CLI's `effectiveProfiles` we keep ineligible profiles visible: they follow the eligible
// ones, in base order, so the first entries equal the CLI's list.

import { profileHealth, unusableUntil } from './health';
import type { AuthConfig, StoredCredential, UsageStats } from './model';
import type { OrderSource } from './types';

export interface EffectiveOrder {
  order: string[];
  orderSource: OrderSource;
  /** Stored profiles of the provider that the explicit order or the config profile list leaves out. */
  excluded: string[];
  /** Ids OpenClaw would actually try, in order (its `effectiveProfiles`). */
  eligible: string[];
}

export interface OrderOptions {
  usageStats?: Record<string, UsageStats>;
  now?: number;
}

export function normalizeProviderId(provider: string): string {
  return provider.trim().toLowerCase();
}

export function findForProvider<T>(entries: Record<string, T> | undefined, provider: string): T | undefined {
  if (!entries) return undefined;
  for (const [key, value] of Object.entries(entries)) if (normalizeProviderId(key) === provider) return value;
  return undefined;
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function effectiveOrder(
  providerId: string,
  stored: Record<string, StoredCredential>,
  stateOrder: Record<string, string[]> | undefined,
  auth: AuthConfig,
  opts: OrderOptions = {},
): EffectiveOrder {
  const provider = normalizeProviderId(providerId);
  const now = opts.now ?? Date.now();
  const usage = opts.usageStats ?? {};
  const storeIds = Object.keys(stored).filter((id) => normalizeProviderId(stored[id].provider) === provider);
  const storedOrder = findForProvider(stateOrder, provider);
  const configOrder = findForProvider(auth.order, provider);
  const declared = Object.entries(auth.profiles ?? {})
    .filter(([, p]) => normalizeProviderId(p.provider ?? '') === provider)
    .map(([id]) => id);

  let source: OrderSource;
  let base: string[];
  if (storedOrder !== undefined) [source, base] = ['stored', storedOrder];
  else if (configOrder !== undefined) [source, base] = ['config-order', configOrder];
  else if (declared.length > 0) [source, base] = ['config-profiles', declared];
  else [source, base] = ['automatic', storeIds];
  base = dedupe(base);

  const isEligible = (id: string): boolean => {
    const cred = stored[id];
    if (!cred || normalizeProviderId(cred.provider) !== provider) return false;
    const cfg = auth.profiles?.[id];
    if (cfg) {
      if (normalizeProviderId(cfg.provider ?? '') !== provider) return false;
      if (cfg.mode !== cred.type && !(cfg.mode === 'oauth' && cred.type === 'token')) return false;
    }
    return profileHealth(cred, now, 0).eligible;
  };
  const inCooldown = (id: string): boolean => {
    const until = unusableUntil(usage[id]);
    return until !== undefined && now < until;
  };
  const byCooldownEnd = (a: string, b: string): number => (unusableUntil(usage[a]) ?? now) - (unusableUntil(usage[b]) ?? now);

  let eligible = base.filter(isEligible);
  let repaired = false;
  if (eligible.length === 0 && base.length > 0 && base.every((id) => !stored[id]) && (source === 'stored' || source === 'config-profiles')) {
    // OpenClaw repairs a stale order/profile list that names nothing stored by selecting automatically.
    eligible = storeIds.filter(isEligible);
    repaired = true;
  }
  if (repaired) {
    source = 'automatic';
    base = storeIds;
  }

  const explicit = (source === 'stored' || source === 'config-order') && base.length > 0;
  const available = eligible.filter((id) => !inCooldown(id));
  const cooling = eligible.filter(inCooldown).sort(byCooldownEnd);
  const sortedAvailable = explicit ? available : sortByMode(available, stored, usage, now);
  const selected = [...sortedAvailable, ...cooling];

  const order = [...selected, ...base.filter((id) => !selected.includes(id))];
  const excluded = source === 'automatic' ? [] : storeIds.filter((id) => !base.includes(id));
  return { order, orderSource: source, excluded, eligible: selected };
}

/** OpenClaw's `orderProfilesByMode` for the profiles not in cooldown. */
function sortByMode(ids: string[], stored: Record<string, StoredCredential>, usage: Record<string, UsageStats>, now: number): string[] {
  const typeScore = (t: string | undefined): number => (t === 'oauth' ? 0 : t === 'token' ? 1 : t === 'api_key' ? 2 : 3);
  const scored = ids.map((id) => {
    const cred = stored[id];
    const expires = cred?.expires;
    const oauthExpired =
      cred?.type === 'oauth' && typeof expires === 'number' && Number.isFinite(expires) && expires > 0 && expires <= 8.64e15 && expires - now <= 0;
    return { id, type: typeScore(cred?.type), expiry: oauthExpired ? 1 : 0, lastUsed: usage[id]?.lastUsed ?? 0 };
  });
  // Array.prototype.sort is stable, like the CLI's toSorted, so ties keep store order.
  scored.sort((a, b) => a.type - b.type || a.expiry - b.expiry || a.lastUsed - b.lastUsed);
  return scored.map((s) => s.id);
}
