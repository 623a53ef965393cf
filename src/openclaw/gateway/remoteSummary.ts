// What the status bar says about remote gateways: each one that needs a person (pairing to approve, a failure, gone
// away) and each profile its last `models.authStatus` reports expired, expiring or missing. No `vscode` import.

import type { RemoteView } from './remoteSession';

export type RemoteProblem = 'pairing' | 'failed' | 'unreachable';
export type RemoteProfileHealth = 'expired' | 'expiring' | 'missing';

export interface RemoteAttention {
  gatewayId: string;
  /** The gateway's label, else its URL (untrusted: the UI shows it through `plain()`). */
  gateway: string;
  /** Set for a gateway that needs a person; absent for a profile line. */
  problem?: RemoteProblem;
  profileId?: string;
  /** The agent the profile belongs to, when the gateway listed several (absent with one agent). */
  agentId?: string;
  health?: RemoteProfileHealth;
  /** The answer behind a profile line is an old one (the gateway is not connected now). */
  stale?: boolean;
}

export interface RemoteSummary {
  expired: number;
  expiring: number;
  missing: number;
  /** Gateways that need a person (pairing, failed, unreachable). */
  gateways: number;
  all: RemoteAttention[];
}

const PROFILE_HEALTH: ReadonlySet<string> = new Set(['expired', 'expiring', 'missing']);

/** One line per gateway that needs a person, then one per profile in trouble, in the gateways' order. */
export function summarizeRemotes(views: readonly RemoteView[]): RemoteSummary {
  const summary: RemoteSummary = { expired: 0, expiring: 0, missing: 0, gateways: 0, all: [] };
  for (const view of views) {
    const gateway = view.label ?? view.url;
    if (view.status === 'pairing' || view.status === 'failed' || view.status === 'unreachable') {
      summary.gateways += 1;
      summary.all.push({ gatewayId: view.id, gateway, problem: view.status });
    }
    // Every listed agent, else the default's answer. With several, a profile an agent inherits is counted at its
    // owner only (the gateway marks it `source: "inherited"`), so one expired key is one line.
    const agents = view.agents ?? [{ id: undefined, authStatus: view.authStatus }];
    const several = agents.length > 1;
    for (const agent of agents) {
      for (const provider of agent.authStatus?.providers ?? []) {
        for (const profile of provider.profiles) {
          if (!PROFILE_HEALTH.has(profile.status) || (several && profile.source === 'inherited')) continue;
          const health = profile.status as RemoteProfileHealth;
          summary[health] += 1;
          summary.all.push({
            gatewayId: view.id,
            gateway,
            profileId: profile.profileId,
            ...(several && agent.id ? { agentId: agent.id } : {}),
            health,
            ...(view.stale ? { stale: true } : {}),
          });
        }
      }
    }
  }
  return summary;
}
