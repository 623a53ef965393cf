// One store's content (profiles and their state) and how OpenClaw layers them: `mergeAuthProfileStores` in
// `src/agents/auth-profiles/persisted.ts` — a shared base, an agent-local overlay on top.

import { normalizeProviderId } from './ids';
import type { AuthState, StoredCredential } from './model';

/** One store's content before merging. */
export interface Layer {
  profiles: Record<string, StoredCredential>;
  state: AuthState;
}

export const emptyState = (): AuthState => ({ order: {}, lastGood: {}, usageStats: {} });
export const emptyLayer = (): Layer => ({ profiles: {}, state: emptyState() });

export function mergeState(base: AuthState, over: AuthState): AuthState {
  return {
    order: { ...base.order, ...over.order },
    lastGood: { ...base.lastGood, ...over.lastGood },
    usageStats: { ...base.usageStats, ...over.usageStats },
  };
}

function isEmptyLayer(l: Layer): boolean {
  return (
    !Object.keys(l.profiles).length &&
    !Object.keys(l.state.order).length &&
    !Object.keys(l.state.lastGood).length &&
    !Object.keys(l.state.usageStats).length
  );
}

/** `mergeAuthProfileStores(base, override)`: local profiles win; a provider the overlay has profiles for keeps its local order, or gets them prepended. */
export function mergeLayers(base: Layer, over: Layer): Layer {
  if (isEmptyLayer(over)) return base;
  const profiles = { ...base.profiles, ...over.profiles };
  const order: Record<string, string[]> = { ...base.state.order, ...over.state.order };
  const byProvider = new Map<string, string[]>();
  for (const [id, c] of Object.entries(over.profiles))
    byProvider.set(normalizeProviderId(c.provider), [...(byProvider.get(normalizeProviderId(c.provider)) ?? []), id]);
  for (const [provider, ids] of byProvider) {
    if (over.state.order[provider]) continue;
    if (!base.state.order[provider]) continue;
    order[provider] = [...new Set([...ids, ...base.state.order[provider]])];
  }
  const lastGood = Object.fromEntries(
    Object.entries({ ...base.state.lastGood, ...over.state.lastGood }).filter(([, id]) => profiles[id]),
  );
  const usageStats = Object.fromEntries(
    Object.entries({ ...base.state.usageStats, ...over.state.usageStats }).filter(
      ([id]) => profiles[id] || id.startsWith('inline-api-key:'),
    ),
  );
  return {
    profiles,
    state: { order: Object.fromEntries(Object.entries(order).filter(([, ids]) => ids.length)), lastGood, usageStats },
  };
}
