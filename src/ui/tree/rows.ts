// Every row kind of the Auth Profiles view, by `kind`. The mapped type makes a kind without an entry a compile error.

import type vscode = require('vscode');
import type { TreeNode } from '../treeNodes';
import { agentRow } from './agentItem';
import { claudeRow } from './claudeItem';
import { connectionRow } from './connectionItem';
import { envRow } from './envItem';
import { pinGroupRow, pinRow } from './pinItem';
import { profileRow } from './profileItem';
import { providerRow } from './providerItem';
import { remoteAgentRow, remoteProfileRow, remoteProviderRow } from './remoteItem';
import type { Row, RowContext } from './row';
import { warningRow } from './warningItem';

const ROWS: { [K in TreeNode['kind']]: Row<Extract<TreeNode, { kind: K }>> } = {
  agent: agentRow,
  provider: providerRow,
  profile: profileRow,
  env: envRow,
  claude: claudeRow,
  warning: warningRow,
  pins: pinGroupRow,
  pin: pinRow,
  connection: connectionRow,
  remoteAgent: remoteAgentRow,
  remoteProvider: remoteProviderRow,
  remoteProfile: remoteProfileRow,
};

// TypeScript cannot tie `ROWS[node.kind]` to `node`'s own member of the union; the table's type above does.
const rowOf = (node: TreeNode): Row<TreeNode> => ROWS[node.kind];

export function renderRow(node: TreeNode, ctx: RowContext): vscode.TreeItem {
  return rowOf(node).item(node, ctx);
}

export function parentOf(node: TreeNode, ctx: RowContext): TreeNode | undefined {
  return rowOf(node).parent?.(node, ctx);
}

export function childrenOf(node: TreeNode, ctx: RowContext): TreeNode[] {
  return rowOf(node).children?.(node, ctx) ?? [];
}
