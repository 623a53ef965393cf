// Which agent commands act for when none is named is a preference of this window (Select Agent, then the
// `openclawAuth.defaultAgent` setting), not a fact about OpenClaw: the snapshot keeps OpenClaw's own default
// agent, and the choice is applied here and in commands/context.ts (`defaultAgentId`).

import type { Snapshot } from '../openclaw/types';

/** Select Agent's pick, else the setting; undefined when neither is set. */
export function chosenAgent(selected: string | undefined, setting: string): string | undefined {
  return selected?.trim() || setting.trim() || undefined;
}

/**
 * NO_DEFAULT_AGENT's fix is choosing an agent (in openclaw.json or with the setting): once a configured agent is
 * chosen, the warning is settled for this window and not shown. The snapshot is otherwise the domain's, unchanged.
 */
export function settleAgentWarning(snapshot: Snapshot, chosen: string | undefined): Snapshot {
  if (!chosen || !snapshot.agents.some((a) => a.id === chosen)) return snapshot;
  if (!snapshot.warnings.some((w) => w.code === 'NO_DEFAULT_AGENT')) return snapshot;
  return Object.freeze({
    ...snapshot,
    warnings: Object.freeze(snapshot.warnings.filter((w) => w.code !== 'NO_DEFAULT_AGENT')),
  }) as Snapshot;
}
