// An agent row (shown when the config names more than one agent): its providers sit under it.

import vscode = require('vscode');
import { t } from '../l10n';
import type { Health } from '../../openclaw/types';
import { needsAttention, worstHealth } from '../../openclaw/health';
import { code, healthWords, md } from '../format';
import type { AgentNode, TreeNode } from '../treeNodes';
import { pinGroupNodes } from './pinItem';
import { healthIcon } from './icons';
import type { Row } from './row';

/** Up to this many agents, every agent starts expanded; with more, only the default one and those needing attention. */
export const EXPAND_ALL_AGENTS_UP_TO = 5;

/**
 * Whether an agent row starts expanded. Expanding 50 agents of 200 profiles each would send 10,000 rows to
 * the workbench at once (tens of MB in the extension host) to show a user what they mostly need not see.
 * VS Code remembers what the user expands or collapses afterwards (rows keep their ids).
 */
export function agentExpanded(agent: { isDefault: boolean }, health: Health | undefined, agentCount: number): boolean {
  return agentCount <= EXPAND_ALL_AGENTS_UP_TO || agent.isDefault || needsAttention(health);
}

export const agentRow: Row<AgentNode> = {
  item({ agent: a }, { snapshot }) {
    const health = worstHealth(a.providers.map((p) => p.health));
    const item = new vscode.TreeItem(
      a.name ?? a.id,
      agentExpanded(a, health, snapshot?.agents.length ?? 0)
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed,
    );
    const words = [a.name ? a.id : '', a.isDefault ? t('default') : '', health ? healthWords(health, t) : ''].filter(
      Boolean,
    );
    item.description = words.join(' · ');
    item.iconPath = new vscode.ThemeIcon('hubot', health ? healthIcon(health).color : undefined);
    item.tooltip = new vscode.MarkdownString(
      `**${md(t('Agent {0}', a.id))}**\n\n- ${md(t('Folder'))}: ${code(a.agentDir)}`,
    );
    item.accessibilityInformation = { label: t('Agent {0}, {1}', a.id, words.join(', ')) };
    return item;
  },
  children: ({ agent }) => [
    ...agent.providers.map((provider): TreeNode => ({ kind: 'provider', agentId: agent.id, provider })),
    ...pinGroupNodes(agent),
  ],
};
