// Connection rows, the top level once a remote gateway is added: "This machine" (the local tree under it, as
// before) and one row per remote gateway with what its `models.authStatus` last said. A remote that cannot be
// reached keeps its last answer, marked stale with its age. No secret is ever on a row (only URL and TLS pin).

import os = require('node:os');
import vscode = require('vscode');
import { formatTlsFingerprint } from '../../openclaw/gateway/remote';
import type { RemoteView } from '../../openclaw/gateway/remoteSession';
import { t } from '../l10n';
import { code, md, relative } from '../format';
import type { ConnectionNode } from '../treeNodes';
import { remoteConnectionChildren } from './remoteItem';
import type { Row } from './row';

/** What a remote gateway's state is called on its row. */
export function remoteStatusWords(view: RemoteView): string {
  switch (view.status) {
    case 'connected':
      return t('connected');
    case 'pairing':
      return t('waiting for approval');
    case 'connecting':
      return t('connecting…');
    case 'unreachable':
      return t('unreachable');
    default:
      return view.failure?.code === 'MISSING_SCOPE'
        ? t('no permission')
        : view.failure?.code.startsWith('TLS_')
          ? t('certificate problem')
          : t('sign-in refused');
  }
}

function remoteIcon(view: RemoteView): vscode.ThemeIcon {
  if (view.status === 'connected') return new vscode.ThemeIcon('remote', new vscode.ThemeColor('testing.iconPassed'));
  if (view.status === 'failed') return new vscode.ThemeIcon('remote', new vscode.ThemeColor('list.errorForeground'));
  if (view.status === 'pairing') return new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground'));
  return new vscode.ThemeIcon('remote', new vscode.ThemeColor('disabledForeground'));
}

function remoteItem(view: RemoteView, now: number, tlsFingerprint: string | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(view.label ?? view.url, vscode.TreeItemCollapsibleState.Expanded);
  const words = [remoteStatusWords(view)];
  if (view.stale && view.fetchedAt) words.push(t('stale, {0} old', relative(now - view.fetchedAt, t)));
  item.description = words.join(' · ');
  item.iconPath = remoteIcon(view);
  const lines = [
    `**${md(t('Remote gateway'))}** ${code(view.url)}`,
    '',
    `- ${md(t('State'))}: ${md(words.join(' · '))}`,
  ];
  if (tlsFingerprint) lines.push(`- ${md(t('TLS fingerprint'))}: ${code(formatTlsFingerprint(tlsFingerprint))}`);
  if (view.serverVersion) lines.push(`- OpenClaw ${code(view.serverVersion)}`);
  if (view.fetchedAt) lines.push(`- ${md(t('Last answer'))}: ${md(t('{0} ago', relative(now - view.fetchedAt, t)))}`);
  if (view.failure?.requestId)
    lines.push(`- ${md(t('Approve on the host'))}: ${code(`openclaw devices approve ${view.failure.requestId}`)}`);
  item.tooltip = new vscode.MarkdownString(lines.join('\n'));
  item.accessibilityInformation = { label: t('Remote gateway {0}, {1}', view.label ?? view.url, words.join(', ')) };
  return item;
}

export const connectionRow: Row<ConnectionNode> = {
  item(node, { now, remotes }) {
    if (node.remoteId === undefined) {
      const item = new vscode.TreeItem(t('This machine'), vscode.TreeItemCollapsibleState.Expanded);
      item.description = os.hostname();
      item.iconPath = new vscode.ThemeIcon('device-desktop');
      item.accessibilityInformation = { label: t('This machine, {0}', os.hostname()) };
      return item;
    }
    const remote = remotes?.().find((r) => r.view.id === node.remoteId);
    if (!remote) return new vscode.TreeItem(node.remoteId);
    return remoteItem(remote.view, now, remote.tlsFingerprint);
  },
  children(node, { remotes }) {
    if (node.remoteId === undefined) return []; // the local rows: tree.ts lists them (its roots of old)
    const view = remotes?.().find((r) => r.view.id === node.remoteId)?.view;
    return remoteConnectionChildren(node.remoteId, view);
  },
};
