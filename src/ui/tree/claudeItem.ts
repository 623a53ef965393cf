// The Claude CLI's own login (`~/.claude/.credentials.json`), shown at the end of the view.

import vscode = require('vscode');
import { t } from '../l10n';
import { code, expiryWords, healthWords, md } from '../format';
import type { ClaudeNode } from '../treeNodes';
import { healthIcon } from './icons';
import type { Row } from './row';

export const claudeRow: Row<ClaudeNode> = {
  item({ login: l }, { now }) {
    const item = new vscode.TreeItem(t('Claude CLI login'), vscode.TreeItemCollapsibleState.None);
    const expiry = expiryWords(
      { type: 'oauth', health: l.health, expiresAt: l.expiresAt, refreshable: l.refreshable },
      now,
      t,
    );
    const words = [l.refreshable ? t('refreshable') : '', expiry ?? '', l.subscriptionType ?? '', l.email ?? ''];
    item.description = words.filter(Boolean).join(' · ');
    item.iconPath = healthIcon(l.health);
    const lines = [
      `**${md(t('Claude CLI login'))}** — ${md(healthWords(l.health, t))}`,
      '',
      `- ${md(t('File'))}: ${code(l.path)}`,
    ];
    if (l.expiresAt) lines.push(`- ${md(t('Expires'))}: ${code(new Date(l.expiresAt).toISOString())}`);
    lines.push('', md(t('OpenClaw no longer reports this login; `claude auth login` renews it.')));
    item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    item.accessibilityInformation = {
      label: t('Claude CLI login, {0}, {1}', healthWords(l.health, t), item.description),
    };
    return item;
  },
};
