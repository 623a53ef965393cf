// What needs a person, and when that next changes: the rules the status bar, the badge, the notifications and the
// tree share. Codes and values only; src/ui/format.ts words them.

import { needsAttention } from './health';
import type { Health, Profile, Snapshot } from './types';

export const isActive = (until: number | undefined, now: number): until is number => until !== undefined && until > now;

/**
 * Expired OAuth with a refresh token: OpenClaw reports it `expired` (so do we) but refreshes the access token itself on
 * the next request, so requests do not fail for it.
 */
export function selfRefreshing(profile: Pick<Profile, 'type' | 'health' | 'refreshable' | 'refreshing'>): boolean {
  return (
    profile.type === 'oauth' && profile.health === 'expired' && profile.refreshable === true && !profile.refreshing
  );
}

/** The id an `Attention` for the Claude CLI's own login carries (it has no profile id). */
export const CLAUDE_CLI_ID = 'claude-cli';

/** One thing that needs a person: a profile in use, a provider the models need with no credential, the Claude CLI login. */
export interface Attention {
  kind: 'profile' | 'provider' | 'claude';
  /** The profile id, the provider id, or `CLAUDE_CLI_ID`. */
  id: string;
  agentId?: string;
  profile?: Profile;
  health: Extract<Health, 'expiring' | 'expired' | 'missing'>;
  expiresAt?: number;
}

export interface AttentionSummary {
  expiring: Attention[];
  expired: Attention[];
  missing: Attention[];
  all: Attention[];
  /** Expired OAuth that OpenClaw refreshes on next use: shown, never counted or notified as failing. */
  selfRefreshing: Attention[];
}

/** Profiles in use that need a person: excluded profiles are not in use, so they do not count. */
export function summarize(snapshot: Snapshot): AttentionSummary {
  const all: Attention[] = [];
  const refreshes: Attention[] = [];
  for (const agent of snapshot.agents) {
    for (const provider of agent.providers) {
      for (const profile of provider.profiles) {
        if (profile.excluded || !needsAttention(profile.health)) continue;
        const { id, health, expiresAt } = profile;
        (selfRefreshing(profile) ? refreshes : all).push({
          kind: 'profile',
          id,
          agentId: agent.id,
          profile,
          health,
          expiresAt,
        });
      }
      // A provider the configured models need with no credential at all: `models status --check` fails on it.
      const stored = provider.profiles.some((p) => !p.declaredOnly);
      if (provider.neededBy?.length && provider.health === 'missing' && !stored)
        all.push({ kind: 'provider', id: provider.id, agentId: agent.id, health: 'missing' });
    }
  }
  const claude = snapshot.claudeCli;
  if (claude && (claude.health === 'expiring' || claude.health === 'expired'))
    all.push({ kind: 'claude', id: CLAUDE_CLI_ID, health: claude.health, expiresAt: claude.expiresAt });
  return {
    all,
    expiring: all.filter((a) => a.health === 'expiring'),
    expired: all.filter((a) => a.health === 'expired'),
    missing: all.filter((a) => a.health === 'missing'),
    selfRefreshing: refreshes,
  };
}

/** The stores exist but nothing could read them (STORES_UNREADABLE_NO_READER): say so instead of guessing health. */
export function storesUnread(snapshot: Snapshot): boolean {
  return snapshot.warnings.some((w) => w.code === 'STORES_UNREADABLE_NO_READER');
}

/**
 * When the next health threshold is crossed (expiry window entered, expiry reached, cooldown or
 * disabled period over), so one timer can refresh exactly then instead of polling.
 */
export function nextThreshold(snapshot: Snapshot, now: number): number | undefined {
  let next: number | undefined;
  const consider = (at: number | undefined): void => {
    if (at !== undefined && Number.isFinite(at) && at > now && (next === undefined || at < next)) next = at;
  };
  const expiry = (at: number | undefined): void => {
    if (at === undefined || at <= 0) return;
    consider(at - snapshot.warnWindowMs);
    consider(at);
  };
  for (const agent of snapshot.agents) {
    for (const provider of agent.providers) {
      for (const profile of provider.profiles) {
        expiry(profile.expiresAt);
        consider(profile.cooldownUntil);
        consider(profile.disabledUntil);
      }
    }
  }
  expiry(snapshot.claudeCli?.expiresAt);
  return next;
}
