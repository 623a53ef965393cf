// A credential from the environment (process env, `$STATE/.env`, config `env.vars`): shown, never a profile.

import vscode = require('vscode');
import { t } from '../l10n';
import { code, md } from '../format';
import type { EnvNode } from '../treeNodes';
import { providerParent, type Row } from './row';

export const envRow: Row<EnvNode> = {
  item({ env: e }) {
    const item = new vscode.TreeItem(e.variable, vscode.TreeItemCollapsibleState.None);
    const from =
      e.source === 'process' ? t('process environment') : e.source === 'dotenv' ? t('.env file') : t('config env.vars');
    item.description = `${t('environment')} · ${from}`;
    item.iconPath = new vscode.ThemeIcon('symbol-variable');
    item.tooltip = new vscode.MarkdownString(
      [
        `**${md(e.variable)}** — ${md(t('a credential from the environment, not a profile'))}`,
        '',
        `- ${md(t('Secret'))}: ${code(e.masked)}`,
        `- ${md(t('From'))}: ${md(from)}${e.sourcePath ? ` ${code(e.sourcePath)}` : ''}`,
      ].join('\n'),
    );
    item.accessibilityInformation = { label: t('Environment variable {0} from {1}', e.variable, from) };
    return item;
  },
  parent: (node, { snapshot }) => providerParent(node.agentId, node.provider, snapshot),
};
