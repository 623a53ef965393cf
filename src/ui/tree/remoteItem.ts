// A remote gateway's providers and profiles, read-only, straight from its `models.authStatus` (the whole source
// for a remote: its files are not on this machine). Changes to a remote go through the gateway, later.

import vscode = require('vscode');
import type { Health } from '../../openclaw/types';
import { t } from '../l10n';
import { code, healthWords, md, relative, typeWords } from '../format';
import type { RemoteProfileNode, RemoteProviderNode } from '../treeNodes';
import { healthIcon } from './icons';
import type { Row } from './row';

const HEALTH = new Set<Health>(['ok', 'expiring', 'expired', 'missing', 'static']);
/** The gateway's status words are OpenClaw's own health names; anything else shows as unknown. */
const health = (status: string): Health | undefined => (HEALTH.has(status as Health) ? (status as Health) : undefined);

function expiryText(expiry: { at?: number | undefined } | undefined, now: number): string | undefined {
  if (!expiry?.at) return undefined;
  return expiry.at > now
    ? t('expires in {0}', relative(expiry.at - now, t))
    : t('expired {0} ago', relative(now - expiry.at, t));
}

export const remoteProviderRow: Row<RemoteProviderNode> = {
  item({ provider: p }, { now }) {
    const h = health(p.status);
    const item = new vscode.TreeItem(
      p.displayName ?? p.provider,
      p.profiles.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    const words = [healthWords(h, t), expiryText(p.expiry, now)].filter(Boolean) as string[];
    item.description = words.join(' · ');
    item.iconPath = healthIcon(h);
    item.tooltip = new vscode.MarkdownString(
      `**${md(p.displayName ?? p.provider)}** ${code(p.provider)}\n\n- ${md(t('As the remote gateway reports it'))}`,
    );
    item.accessibilityInformation = { label: `${p.displayName ?? p.provider}, ${words.join(', ')}` };
    return item;
  },
  children: ({ remoteId, provider }) => {
    const order = provider.profileOrder ?? [];
    const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
    return [...provider.profiles]
      .sort((a, b) => rank(a.profileId) - rank(b.profileId))
      .map((profile) => ({ kind: 'remoteProfile', remoteId, provider: provider.provider, profile }));
  },
  parent: ({ remoteId }) => ({ kind: 'connection', remoteId }),
};

export const remoteProfileRow: Row<RemoteProfileNode> = {
  item({ profile: p }, { now }) {
    const h = health(p.status);
    const item = new vscode.TreeItem(p.profileId, vscode.TreeItemCollapsibleState.None);
    const words = [typeWords(p.type, t), healthWords(h, t), expiryText(p.expiry, now)].filter(Boolean) as string[];
    item.description = words.join(' · ');
    item.iconPath = healthIcon(h);
    const lines = [`**${md(p.profileId)}**`, '', `- ${md(t('Type'))}: ${md(typeWords(p.type, t))}`];
    if (p.email) lines.push(`- ${md(p.email)}`);
    if (p.lastUsedAt) lines.push(`- ${md(t('Last used {0} ago', relative(now - p.lastUsedAt, t)))}`);
    item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    item.accessibilityInformation = { label: `${p.profileId}, ${words.join(', ')}` };
    return item;
  },
  parent: ({ remoteId, provider }, { remotes }) => {
    const p = remotes?.()
      .find((r) => r.view.id === remoteId)
      ?.view.authStatus?.providers.find((x) => x.provider === provider);
    return p ? { kind: 'remoteProvider', remoteId, provider: p } : undefined;
  },
};
