// The gateway's view beside the local read, for the rows: compare.ts per agent (memoised per snapshot and answer,
// so a paint of many rows compares once) and the words of gatewayWords.ts. Used by GatewayStore (gateway.ts).

import { t } from './l10n';
import {
  compareAgent,
  HOLD_AFTER_WRITE_MS,
  heldByWrite,
  type AgentComparison,
  type OwnWrite,
} from '../openclaw/gateway/compare';
import type { AuthStatus } from '../openclaw/gateway/schemas';
import { usageUnavailableReason } from '../openclaw/gateway/usage';
import type { Snapshot } from '../openclaw/types';
import { md } from './format';
import { profileLive, providerLive, usageUnavailableWords, type LiveRow } from './gatewayWords';

export class GatewayLive {
  private readonly compared = new WeakMap<AuthStatus, { snapshot: Snapshot; comparison: AgentComparison }>();

  constructor(private readonly log: (line: string) => void) {}

  /** The local read of one agent against the gateway's last authStatus for it. */
  comparison(snapshot: Snapshot | undefined, status: AuthStatus | undefined, agentId: string) {
    const agent = snapshot?.agents.find((a) => a.id === agentId);
    if (!snapshot || !status || !agent) return undefined;
    const memo = this.compared.get(status);
    if (memo?.snapshot === snapshot) return memo.comparison;
    const comparison = compareAgent(agent, status);
    this.compared.set(status, { snapshot, comparison });
    if (comparison.differences.length)
      this.log(
        `gateway: agent ${agentId} differs from the local read: ${comparison.differences.map((d) => `${d.kind} ${d.profileId ?? d.provider}`).join(', ')}`,
      );
    return comparison;
  }

  /**
   * What the gateway adds to a provider row (no profileId) or a profile row; on a provider whose credential cannot
   * report usage (an Anthropic API key), says so (only called while a gateway is connected). `held`: no differences.
   */
  row(
    snapshot: Snapshot | undefined,
    status: AuthStatus | undefined,
    where: { agentId: string; provider: string; profileId: string | undefined; now: number; held?: boolean },
  ): LiveRow | undefined {
    const { agentId, provider, profileId, now } = where;
    const compared = this.comparison(snapshot, status, agentId);
    // Held after our own write (compare.ts heldByWrite): what the gateway adds, without differences.
    const comparison = compared && where.held ? { ...compared, differences: [] } : compared;
    if (profileId !== undefined) return profileLive(comparison, provider, profileId, now, t);
    const row = providerLive(comparison, provider, now, t);
    const local = snapshot?.agents.find((a) => a.id === agentId)?.providers.find((p) => p.id === provider);
    const reason = local ? usageUnavailableReason(local) : undefined;
    if (!reason) return row;
    const words = usageUnavailableWords(reason, t);
    return {
      words: [row?.words, words.short].filter(Boolean).join(' · '),
      tooltip: [...(row?.tooltip ?? []), '', md(words.long)],
    };
  }
}

/**
 * Our own writes (gateway or CLI): the comparison of the agent written to shows no difference until the local read
 * and the gateway's answer were both taken again (compare.ts heldByWrite), at most HOLD_AFTER_WRITE_MS after the end.
 */
export class WriteHold {
  private write: OwnWrite | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When the gateway's current answer was asked. */
  answerAskedAt: number | undefined;
  /** Changes when a hold ends by its time limit, so the rows repaint (GatewayStore.usageKey). */
  ends = 0;

  held(agentId: string, localReadAt: number | undefined): boolean {
    return heldByWrite(this.write, agentId, { localReadAt, gatewayAskedAt: this.answerAskedAt }, Date.now());
  }

  /** A write begins; the returned function ends it. `repaint` runs when the hold ends by its time limit. */
  note(agentId: string, repaint: () => void): () => void {
    const write: OwnWrite = { agentId, startedAt: Date.now() };
    this.write = write;
    return () => {
      if (this.write !== write) return;
      write.endedAt = Date.now();
      clearTimeout(this.timer);
      // A difference that is real shows then.
      this.timer = setTimeout(() => {
        if (this.write !== write) return;
        this.write = undefined;
        this.ends++;
        repaint();
      }, HOLD_AFTER_WRITE_MS);
    };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.write = undefined;
  }
}
