// A remote gateway's agents, providers and profiles, straight from its `agents.list` and each agent's
// `models.authStatus` (the whole source for a remote: its files are not on this machine). Changes to a remote go
// through that gateway only (commands/remoteWrites.ts); a row offers them while the gateway is connected (`live`).

import vscode = require('vscode');
import type { RemoteView } from '../../openclaw/gateway/remoteSession';
import { worstHealth } from '../../openclaw/health';
import type { Health } from '../../openclaw/types';
import { plain } from '../../openclaw/untrusted';
import { t } from '../l10n';
import { code, healthWords, md, reasonWords, relative, typeWords } from '../format';
import type { RemoteAgentNode, RemoteProfileNode, RemoteProviderNode, TreeNode } from '../treeNodes';
import { healthIcon } from './icons';
import type { Row, RowContext } from './row';

const HEALTH = new Set<Health>(['ok', 'expiring', 'expired', 'missing', 'static']);
/** The gateway's status words are OpenClaw's own health names; anything else shows as unknown. */
const health = (status: string): Health | undefined => (HEALTH.has(status as Health) ? (status as Health) : undefined);

function expiryText(expiry: { at?: number | undefined } | undefined, now: number): string | undefined {
  if (!expiry?.at) return undefined;
  return expiry.at > now
    ? t('expires in {0}', relative(expiry.at - now, t))
    : t('expired {0} ago', relative(now - expiry.at, t));
}

const viewOf = (ctx: RowContext, remoteId: string): RemoteView | undefined =>
  ctx.remotes?.().find((r) => r.view.id === remoteId)?.view;

/** An agent's last answer; with no agent id (the gateway did not list them) the default agent's. */
const statusOf = (view: RemoteView | undefined, agentId: string | undefined) =>
  agentId && view?.agents ? view.agents.find((a) => a.id === agentId)?.authStatus : view?.authStatus;

/** Several listed agents get a row each; one (or none listed) puts the providers right under the connection. */
export function remoteConnectionChildren(remoteId: string, view: RemoteView | undefined): TreeNode[] {
  const agents = view?.agents ?? [];
  if (agents.length > 1) return agents.map((a): TreeNode => ({ kind: 'remoteAgent', remoteId, agentId: a.id }));
  return remoteProviderNodes(remoteId, view, agents[0]?.id);
}

/** What every row under an agent carries: the gateway, the agent (when listed) and whether changes are offered. */
const under = (remoteId: string, agentId: string | undefined, live: boolean | undefined) => ({
  remoteId,
  ...(agentId !== undefined ? { agentId } : {}),
  ...(live ? { live } : {}),
});

function remoteProviderNodes(remoteId: string, view: RemoteView | undefined, agentId: string | undefined): TreeNode[] {
  const live = view?.status === 'connected' && agentId !== undefined;
  return (statusOf(view, agentId)?.providers ?? [])
    .filter((p) => p.profiles.length > 0 || p.status !== 'missing')
    .map((provider): TreeNode => ({ kind: 'remoteProvider', ...under(remoteId, agentId, live), provider }));
}

/** Why an agent's last read got no answer (its older answer is still shown); the session asks again with backoff. */
const failedWords = (code: string): string =>
  code === 'PREPARED_MODEL_AUTH_UNAVAILABLE'
    ? t('the gateway is still preparing its answer; asking again')
    : t('could not be read ({0})', plain(code, 64));

export const remoteAgentRow: Row<RemoteAgentNode> = {
  item({ remoteId, agentId }, ctx) {
    const agent = viewOf(ctx, remoteId)?.agents?.find((a) => a.id === agentId);
    const h = worstHealth((agent?.authStatus?.providers ?? []).map((p) => health(p.status)));
    const item = new vscode.TreeItem(agent?.name ?? agentId, vscode.TreeItemCollapsibleState.Expanded);
    const words = [
      agent?.name ? agentId : '',
      agent?.isDefault ? t('default') : '',
      h ? healthWords(h, t) : '',
      agent?.failed ? failedWords(agent.failed) : '',
    ].filter(Boolean);
    item.description = words.join(' · ');
    item.iconPath = new vscode.ThemeIcon('hubot', h ? healthIcon(h).color : undefined);
    item.tooltip = new vscode.MarkdownString(
      `**${md(t('Agent {0}', agentId))}**\n\n- ${md(t('As the remote gateway reports it'))}`,
    );
    item.accessibilityInformation = { label: t('Agent {0}, {1}', agentId, words.join(', ')) };
    return item;
  },
  children: ({ remoteId, agentId }, ctx) => remoteProviderNodes(remoteId, viewOf(ctx, remoteId), agentId),
  parent: ({ remoteId }) => ({ kind: 'connection', remoteId }),
};

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
  children: ({ remoteId, agentId, live, provider }) => {
    const order = provider.profileOrder ?? [];
    const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
    return [...provider.profiles]
      .sort((a, b) => rank(a.profileId) - rank(b.profileId))
      .map((profile) => ({
        kind: 'remoteProfile',
        ...under(remoteId, agentId, live),
        provider: provider.provider,
        profile,
      }));
  },
  parent: ({ remoteId, agentId }, ctx) =>
    agentId !== undefined && (viewOf(ctx, remoteId)?.agents?.length ?? 0) > 1
      ? { kind: 'remoteAgent', remoteId, agentId }
      : { kind: 'connection', remoteId },
};

export const remoteProfileRow: Row<RemoteProfileNode> = {
  item({ profile: p }, { now }) {
    const h = health(p.status);
    const item = new vscode.TreeItem(p.profileId, vscode.TreeItemCollapsibleState.None);
    // `unresolved_ref`: the gateway could not resolve its key reference (remoteAgents.ts markUnresolved).
    const state = h === 'missing' && p.reasonCode ? t('missing: {0}', reasonWords(p.reasonCode, t)) : healthWords(h, t);
    const words = [typeWords(p.type, t), state, expiryText(p.expiry, now)].filter(Boolean) as string[];
    item.description = words.join(' · ');
    item.iconPath = healthIcon(h);
    const lines = [`**${md(p.profileId)}**`, '', `- ${md(t('Type'))}: ${md(typeWords(p.type, t))}`];
    if (h === 'missing' && p.reasonCode) lines.push(`- ${md(t('Missing'))}: ${md(reasonWords(p.reasonCode, t))}`);
    if (p.email) lines.push(`- ${md(p.email)}`);
    if (p.lastUsedAt) lines.push(`- ${md(t('Last used {0} ago', relative(now - p.lastUsedAt, t)))}`);
    item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    item.accessibilityInformation = { label: `${p.profileId}, ${words.join(', ')}` };
    return item;
  },
  parent: ({ remoteId, agentId, live, provider }, ctx) => {
    const p = statusOf(viewOf(ctx, remoteId), agentId)?.providers.find((x) => x.provider === provider);
    return p ? { kind: 'remoteProvider', ...under(remoteId, agentId, live), provider: p } : undefined;
  },
};
