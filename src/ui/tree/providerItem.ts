// A provider row: health, order source, usage from the gateway; its profiles and environment credentials sit under it.

import vscode = require('vscode');
import { t } from '../l10n';
import { selfRefreshing } from '../../openclaw/attention';
import { needsAttention } from '../../openclaw/health';
import { code, healthWords, md, orderSourceWords, usageTooltip, usageWords } from '../format';
import { neededWords, unavailableWords } from '../why';
import { profileNodes, type ProviderNode } from '../treeNodes';
import { healthIcon } from './icons';
import type { Row } from './row';

export const providerRow: Row<ProviderNode> = {
  item({ agentId, provider: p }, { now, usage: usageOf, live: liveOf }) {
    // A provider the models need but nothing signs in for has no profiles to list: its row says why it is there.
    const bare = p.profiles.length === 0 && !p.env?.length;
    const item = new vscode.TreeItem(
      p.id,
      bare ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded,
    );
    const count = p.profiles.length === 1 ? t('1 profile') : t('{0} profiles', p.profiles.length);
    const blocked = p.migrationBlocked ? t('blocked — run openclaw doctor --fix') : '';
    const health = p.health ? healthWords(p.health, t) : '';
    const needed = neededWords(p, t);
    const unavailable = unavailableWords(p, now, t);
    const words =
      bare && needed
        ? [blocked, health, needed]
        : [blocked, health, unavailable ?? '', count, orderSourceWords(p.orderSource, t)];
    if (p.env?.length) words.push(t('environment'));
    const usage = usageOf?.(p.id);
    if (usage?.windows.length) words.push(usageWords(usage.windows, t));
    // Where the running gateway disagrees with the files, its view is named on the row (gatewayWords.ts).
    const live = liveOf?.(agentId, p.id, undefined, now);
    if (live?.words) words.push(live.words);
    item.description = words.filter(Boolean).join(' · ');
    item.iconPath = p.migrationBlocked
      ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'))
      : unavailable && !needsAttention(p.health)
        ? new vscode.ThemeIcon('clock', new vscode.ThemeColor('list.warningForeground'))
        : p.health === 'expired' && p.profiles.every((x) => x.excluded || x.health !== 'expired' || selfRefreshing(x))
          ? new vscode.ThemeIcon('sync')
          : healthIcon(p.health);
    const order = p.order.length ? p.order.map(code).join(' → ') : md(t('none'));
    const usageLines = usage ? ['', `**${md(t('Usage (live gateway)'))}**`, ...usageTooltip(usage, now, t)] : [];
    const why = [
      ...(p.neededBy?.length ? [`- ${md(t('Needed by'))}: ${p.neededBy.map(code).join(', ')}`] : []),
      ...(bare && p.neededBy?.length
        ? [`- ${md(t('Credential'))}: ${md(t('none — no profile, no environment variable; Sign In… adds one'))}`]
        : []),
      ...(unavailable ? [`- ${md(t('Unavailable'))}: ${md(unavailable)}`] : []),
    ];
    const head = `**${md(p.id)}** — ${md(item.description)}\n\n- ${md(t('Order'))}: ${order}`;
    item.tooltip = new vscode.MarkdownString([head, ...why, ...usageLines, ...(live?.tooltip ?? [])].join('\n'));
    item.accessibilityInformation = { label: t('Provider {0}, {1}', p.id, words.filter(Boolean).join(', ')) };
    return item;
  },
  parent({ agentId }, { snapshot }) {
    // A single agent's providers are the top level (tree.ts roots()).
    const agent = snapshot && snapshot.agents.length > 1 ? snapshot.agents.find((a) => a.id === agentId) : undefined;
    return agent ? { kind: 'agent', agent } : undefined;
  },
  children: ({ agentId, provider }) => [
    ...profileNodes(agentId, provider),
    ...(provider.env ?? []).map((env) => ({ kind: 'env' as const, agentId, provider: provider.id, env })),
  ],
};
