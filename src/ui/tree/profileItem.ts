// A profile row: one stored (or declared) credential, in its place in the effective order.

import vscode = require('vscode');
import { t } from '../l10n';
import { selfRefreshing } from '../../openclaw/attention';
import { needsAttention } from '../../openclaw/health';
import { describeProfile, healthWords } from '../format';
import { profileTooltip } from '../why';
import type { ProfileNode } from '../treeNodes';
import { healthIcon } from './icons';
import { pinsOfProfile } from './pinItem';
import { providerParent, type Row } from './row';

function profileIcon(node: ProfileNode, now: number): vscode.ThemeIcon {
  const p = node.profile;
  if (p.refreshing) return new vscode.ThemeIcon('sync~spin');
  // Expired, but OpenClaw refreshes it on the next request: not an error.
  if (selfRefreshing(p)) return new vscode.ThemeIcon('sync');
  if (needsAttention(p.health)) return healthIcon(p.health);
  if (p.disabledUntil !== undefined && p.disabledUntil > now)
    return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'));
  if (p.cooldownUntil !== undefined && p.cooldownUntil > now)
    return new vscode.ThemeIcon('clock', new vscode.ThemeColor('list.warningForeground'));
  if (p.excluded) return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground'));
  return healthIcon(p.health);
}

export const profileRow: Row<ProfileNode> = {
  item(node, { now, snapshot, live: liveOf }) {
    const p = node.profile;
    const agent = snapshot?.agents.find((a) => a.id === node.agentId);
    // The sessions pinned to this profile sit under it.
    const pinned = pinsOfProfile(agent, p.id).length > 0;
    const item = new vscode.TreeItem(
      p.id,
      pinned ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    const provider = snapshot?.agents.find((a) => a.id === node.agentId)?.providers.find((x) => x.id === node.provider);
    // The running gateway's view where it differs from the files, and what it adds (last used, source).
    const live = liveOf?.(node.agentId, node.provider, p.id, now);
    item.description =
      (provider?.migrationBlocked ? `${t('blocked')} · ` : '') +
      describeProfile(p, now, t) +
      (live?.words ? ` · ${live.words}` : '');
    item.iconPath = profileIcon(node, now);
    const place = {
      agentId: (snapshot?.agents.length ?? 0) > 1 ? node.agentId : undefined,
      orderSource: provider?.orderSource ?? 'automatic',
      count: node.count,
    };
    item.tooltip = new vscode.MarkdownString([profileTooltip(p, place, now, t), ...(live?.tooltip ?? [])].join('\n'));
    item.accessibilityInformation = {
      label: t('Profile {0}, {1}, {2}', p.id, healthWords(p.health, t), item.description),
    };
    return item;
  },
  children: (node, { snapshot }) =>
    pinsOfProfile(
      snapshot?.agents.find((a) => a.id === node.agentId),
      node.profile.id,
    ),
  parent: (node, { snapshot }) => providerParent(node.agentId, node.provider, snapshot),
};
