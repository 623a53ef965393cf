// What every row kind of the Auth Profiles view gets to render itself, and what it must provide.

import type vscode = require('vscode');
import type { Snapshot } from '../../openclaw/types';
import type { UsageProvider } from '../../openclaw/gateway/schemas';
import type { TreeNode } from '../treeNodes';
import type { LiveRow } from '../gatewayWords';
import type { RemoteView } from '../../openclaw/gateway/remoteSession';

/** The same for every row of one paint: the clock, the snapshot being shown, the gateway's usage. */
export interface RowContext {
  now: number;
  /** The remote gateways (src/ui/remoteGateways.ts), when any is added: views plus their TLS pins. */
  remotes?: (() => readonly { view: RemoteView; tlsFingerprint?: string | undefined }[]) | undefined;
  snapshot: Snapshot | undefined;
  /** Usage windows from the live gateway (src/ui/gateway.ts), when one is connected. */
  usage: ((provider: string) => UsageProvider | undefined) | undefined;
  /** What the live gateway adds to a provider row (no profileId) or a profile row: a disagreement, last used, … */
  live?:
    | ((agentId: string, provider: string, profileId: string | undefined, now: number) => LiveRow | undefined)
    | undefined;
}

/**
 * One row kind. `item` builds the row from plain data (labels and descriptions are passed through `plain()` by
 * the tree afterwards, ids and context values come from treeNodes.ts); `children` lists the rows under it.
 */
export interface Row<N extends TreeNode> {
  item(node: N, ctx: RowContext): vscode.TreeItem;
  children?(node: N, ctx: RowContext): TreeNode[];
  /** The row it sits under, for `reveal`; none for a top-level row. */
  parent?(node: N, ctx: RowContext): TreeNode | undefined;
}

/** The provider row a profile or environment row sits under. */
export function providerParent(
  agentId: string,
  providerId: string,
  snapshot: Snapshot | undefined,
): TreeNode | undefined {
  const provider = snapshot?.agents.find((a) => a.id === agentId)?.providers.find((p) => p.id === providerId);
  return provider ? { kind: 'provider', agentId, provider } : undefined;
}
