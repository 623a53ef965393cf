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
import { normalizeProviderId } from './ids';
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
  /** The config `auth.profiles` ids of this provider in config order, when the caller has grouped them already. */
  declared?: readonly string[];
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
  // Each step below is linear (Sets and one pass, never `includes` in a loop): a store can hold hundreds of
  // thousands of profiles (issue 12). Provider spellings repeat, so each is normalised once.
  const spellings = new Map<string, string>();
  const ofProvider = (raw: string): string => {
    let id = spellings.get(raw);
    if (id === undefined) spellings.set(raw, (id = normalizeProviderId(raw)));
    return id;
  };
  // The provider's stored ids, and their credentials beside them: a lookup in a map of 200,000 costs more than the rest.
  const storeIds: string[] = [];
  const storeCreds: StoredCredential[] = [];
  for (const [id, cred] of Object.entries(stored)) {
    if (ofProvider(cred.provider) !== provider) continue;
    storeIds.push(id);
    storeCreds.push(cred);
  }
  const storedOrder = findForProvider(stateOrder, provider);
  const configOrder = findForProvider(auth.order, provider);
  const declared =
    opts.declared ??
    Object.entries(auth.profiles ?? {})
      .filter(([, cfg]) => normalizeProviderId(cfg.provider ?? '') === provider)
      .map(([id]) => id);

  let source: OrderSource;
  let base: readonly string[];
  if (storedOrder !== undefined) [source, base] = ['stored', storedOrder];
  else if (configOrder !== undefined) [source, base] = ['config-order', configOrder];
  else if (declared.length > 0) [source, base] = ['config-profiles', declared];
  else [source, base] = ['automatic', storeIds];
  if (source !== 'automatic') base = dedupe(base); // store ids are keys: unique already

  /** The stored profiles OpenClaw may select from `ids`, in their order, each with its credential (looked up once). */
  const eligibleIn = (ids: readonly string[]): Candidate[] => {
    const out: Candidate[] = [];
    const creds = ids === storeIds ? storeCreds : undefined;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id === undefined) continue;
      const cred = creds ? creds[i] : stored[id];
      if (!cred || ofProvider(cred.provider) !== provider) continue;
      const cfg = auth.profiles?.[id];
      if (cfg) {
        if (normalizeProviderId(cfg.provider ?? '') !== provider) continue;
        if (cfg.mode !== cred.type && !(cfg.mode === 'oauth' && cred.type === 'token')) continue;
      }
      if (profileHealth(cred, now, 0).eligible) out.push({ id, cred, stats: usage[id] });
    }
    return out;
  };
  let eligible = eligibleIn(base);
  let repaired = false;
  if (
    eligible.length === 0 &&
    base.length > 0 &&
    base.every((id) => !stored[id]) &&
    (source === 'stored' || source === 'config-profiles')
  ) {
    // OpenClaw repairs a stale order/profile list that names nothing stored by selecting automatically.
    eligible = eligibleIn(storeIds);
    repaired = true;
  }
  if (repaired) {
    source = 'automatic';
    base = storeIds;
  }

  const explicit = (source === 'stored' || source === 'config-order') && base.length > 0;
  const available: Candidate[] = [];
  const cooling: { id: string; until: number }[] = [];
  for (const c of eligible) {
    const until = unusableUntil(c.stats);
    if (until !== undefined && now < until) cooling.push({ id: c.id, until });
    else available.push(c);
  }
  // Soonest end of cooldown first; the sort is stable, so ties keep their order.
  cooling.sort((a, b) => a.until - b.until);
  const sortedAvailable = explicit ? available.map((c) => c.id) : sortByMode(available, now);
  const selected = [...sortedAvailable, ...cooling.map((c) => c.id)];

  const chosen = new Set(selected);
  // `selected` is drawn from `base` without repeats, so when it is as long it is all of it.
  const order =
    selected.length === base.length ? [...selected] : [...selected, ...base.filter((id) => !chosen.has(id))];
  const inBase = new Set(base);
  const excluded = source === 'automatic' ? [] : storeIds.filter((id) => !inBase.has(id));
  return { order, orderSource: source, excluded, eligible: selected };
}

interface Candidate {
  id: string;
  cred: StoredCredential;
  stats: UsageStats | undefined;
}

/** OpenClaw's `orderProfilesByMode` for the profiles not in cooldown. */
function sortByMode(candidates: Candidate[], now: number): string[] {
  const typeScore = (t: string | undefined): number =>
    t === 'oauth' ? 0 : t === 'token' ? 1 : t === 'api_key' ? 2 : 3;
  const scored = candidates.map(({ id, cred, stats }) => {
    const expires = cred.expires;
    const oauthExpired =
      cred.type === 'oauth' &&
      typeof expires === 'number' &&
      Number.isFinite(expires) &&
      expires > 0 &&
      expires <= 8.64e15 &&
      expires - now <= 0;
    return { id, type: typeScore(cred.type), expiry: oauthExpired ? 1 : 0, lastUsed: stats?.lastUsed ?? 0 };
  });
  // Array.prototype.sort is stable, like the CLI's toSorted, so ties keep store order.
  scored.sort((a, b) => a.type - b.type || a.expiry - b.expiry || a.lastUsed - b.lastUsed);
  return scored.map((s) => s.id);
}
