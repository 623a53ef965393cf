// The rules for usage windows (`usage.status`): which window the status bar shows, when a window is worth a
// warning (once per window per reset), and when a credential cannot report usage at all. Codes and values only;
// the words are src/ui/gatewayWords.ts. No `vscode`.

import type { Provider } from '../types';
import type { UsageProvider, UsageStatus } from './schemas';

/** One window of one provider, flattened for the status bar and the warnings. */
export interface UsagePart {
  provider: string;
  /** The gateway's display name ("Claude"); untrusted text. */
  displayName?: string;
  label: string;
  usedPercent: number;
  /** Epoch ms. */
  resetAt?: number;
}

export type UsageState =
  /** No answer yet (not connected, or not fetched). */
  | 'none'
  /** A cold `usage.status` answered `{ providers: [], refreshing: true }`; data follows ~2 s later. */
  | 'refreshing'
  /** Answered, and no provider reports a window. */
  | 'empty'
  | 'windows';

export function usageState(usage: UsageStatus | undefined): UsageState {
  if (!usage) return 'none';
  const parts = usageParts(usage);
  if (parts.length) return 'windows';
  return usage.refreshing ? 'refreshing' : 'empty';
}

/** Every window the gateway reports, in its order; percentages outside 0-100 are clamped (a new gateway may overshoot). */
export function usageParts(usage: UsageStatus | undefined): UsagePart[] {
  if (!usage) return [];
  return usage.providers.flatMap((p) =>
    p.windows
      .filter((w) => Number.isFinite(w.usedPercent))
      .map((w) => ({
        provider: p.provider,
        ...(p.displayName ? { displayName: p.displayName } : {}),
        label: w.label,
        usedPercent: Math.min(100, Math.max(0, w.usedPercent)),
        ...(w.resetAt !== undefined ? { resetAt: w.resetAt } : {}),
      })),
  );
}

/**
 * Providers whose usage `usage.status` reports under another id, as OpenClaw maps them
 * (dist/provider-usage.shared-*.mjs resolveUsageProviderId): MiniMax's OAuth sign-in and its CN aliases report as
 * `minimax`, the Claude CLI's sign-in as `anthropic`.
 */
const USAGE_PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  'minimax-portal': 'minimax',
  'minimax-portal-cn': 'minimax',
  'minimax-cn': 'minimax',
  'claude-cli': 'anthropic',
};

/** The id `usage.status` reports a provider's windows under (lower case). */
export function usageProviderId(providerId: string): string {
  const id = providerId.trim().toLowerCase();
  return USAGE_PROVIDER_ALIASES[id] ?? id;
}

/**
 * The usage a provider row shows: the gateway's entry for the provider's usage id (a `minimax-portal` row shows
 * `minimax`'s windows), when it reports a window or an error.
 */
export function usageForProvider(usage: UsageStatus | undefined, providerId: string): UsageProvider | undefined {
  const id = usageProviderId(providerId);
  const found = usage?.providers.find((p) => p.provider.toLowerCase() === id);
  return found && (found.windows.length || found.error) ? found : undefined;
}

/**
 * The window the status bar names: the fullest one (a person cares about the limit closest to biting); on a tie the
 * one that resets first. Undefined when no window is reported.
 */
export function statusBarPart(usage: UsageStatus | undefined): UsagePart | undefined {
  const parts = usageParts(usage);
  let best: UsagePart | undefined;
  for (const p of parts) {
    if (
      !best ||
      p.usedPercent > best.usedPercent ||
      (p.usedPercent === best.usedPercent && (p.resetAt ?? Infinity) < (best.resetAt ?? Infinity))
    )
      best = p;
  }
  return best;
}

/** Identifies one window until it resets: a new `resetAt` is a new window, so it may warn again. */
export function windowKey(part: UsagePart): string {
  return `${part.provider.toLowerCase()}|${part.label}|${part.resetAt ?? '-'}`;
}

/**
 * Which windows to warn about now, and the set of keys to remember. A window warns once when it reaches
 * `threshold` percent; a window with a `resetAt` is a new one after each reset (new key). One without a reset time
 * is forgotten once it drops below the threshold, so a later climb warns again. Keys of windows the gateway no
 * longer reports are dropped, so the remembered set stays small.
 */
export function usageAlerts(
  usage: UsageStatus | undefined,
  threshold: number,
  warned: ReadonlySet<string>,
): { alerts: UsagePart[]; warned: Set<string> } {
  const parts = usageParts(usage);
  const next = new Set<string>();
  const alerts: UsagePart[] = [];
  if (!(threshold > 0) || threshold > 100) return { alerts, warned: new Set(warned) };
  // While refreshing the gateway reports nothing: that is not "every window reset".
  if (!parts.length) return { alerts, warned: new Set(warned) };
  for (const part of parts) {
    const k = windowKey(part);
    if (part.usedPercent < threshold) continue;
    next.add(k);
    if (!warned.has(k)) alerts.push(part);
  }
  return { alerts, warned: next };
}

/**
 * Providers whose usage windows come from an OAuth sign-in or a setup-token only; an API key reports none
 * (ground truth: ../shared/docs/openclaw-gateway.md "Usage windows"; the gateway picks the usage credential as
 * oauth/token first, else api_key, and resolves no usage provider for an Anthropic key: dist/models-auth-status-*.mjs
 * mapProvider → resolveUsageProviderId).
 */
const SUBSCRIPTION_USAGE_ONLY = new Set(['anthropic']);

/** `api-key` when the provider's credentials are API keys only and its usage needs a sign-in; else undefined. */
export function usageUnavailableReason(provider: Pick<Provider, 'id' | 'profiles'>): 'api-key' | undefined {
  if (!SUBSCRIPTION_USAGE_ONLY.has(provider.id.toLowerCase())) return undefined;
  const live = provider.profiles.filter((p) => !p.declaredOnly);
  if (!live.length) return undefined;
  return live.every((p) => p.type === 'api_key') ? 'api-key' : undefined;
}
