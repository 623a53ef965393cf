// Session pins in the tree: a "Pinned sessions" row under the agent (at the top level when there is one agent),
// and the sessions that pin a profile under that profile. A pin to a removed profile (dangling) is an error row
// with "Re-pin to…" inline: the session fails until it is moved (openclaw#149502).

import vscode = require('vscode');
import { t } from '../l10n';
import type { Agent, PinStatus, SessionPin, Snapshot } from '../../openclaw/types';
import { plain } from '../../openclaw/untrusted';
import { code, md } from '../format';
import { pinSourceWords, pinsFromWords, pinStatusWords, sessionLabel } from '../pinWords';
import { profileNodes, type PinGroupNode, type PinNode, type TreeNode } from '../treeNodes';
import type { Row } from './row';

/** The "Pinned sessions" row of an agent, when it has pins. */
export function pinGroupNodes(agent: Agent): TreeNode[] {
  return agent.pins?.length ? [{ kind: 'pins', agentId: agent.id, pins: agent.pins }] : [];
}

/** The sessions that pin one profile of an agent. */
export function pinsOfProfile(agent: Agent | undefined, profileId: string): PinNode[] {
  if (!agent) return [];
  return (agent.pins ?? [])
    .filter((pin) => pin.profileId === profileId)
    .map((pin) => ({ kind: 'pin', agentId: agent.id, pin, under: 'profile' }));
}

function pinIcon(status: PinStatus): vscode.ThemeIcon {
  if (status === 'dangling') return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (status === 'ok') return new vscode.ThemeIcon('pinned');
  return new vscode.ThemeIcon('pinned', new vscode.ThemeColor('list.warningForeground'));
}

function pinTooltip(agentId: string, pin: SessionPin, from: Snapshot['pinsFrom']): vscode.MarkdownString {
  const lines = [
    `**${md(t('Session {0}', plain(pin.sessionKey, 200)))}** — ${md(pinStatusWords(pin.status, t))}`,
    '',
    `- ${md(t('Pinned to'))}: ${code(pin.profileId)}`,
    `- ${md(t('Pin set'))}: ${md(pinSourceWords(pin.source, t))}`,
  ];
  if (pin.provider || pin.model)
    lines.push(`- ${md(t('Model'))}: ${code([pin.provider, pin.model].filter(Boolean).join('/'))}`);
  lines.push(`- ${md(t('Agent'))}: ${code(agentId)}`);
  if (pin.status === 'dangling')
    lines.push(
      '',
      md(
        t(
          'The profile no longer exists, and OpenClaw keeps a pin a person set: re-pin the session to another sign-in.',
        ),
      ),
    );
  lines.push('', md(pinsFromWords(from, t)));
  return new vscode.MarkdownString(lines.join('\n'));
}

export const pinGroupRow: Row<PinGroupNode> = {
  item(node, { snapshot }) {
    const dangling = node.pins.filter((p) => p.status === 'dangling').length;
    const troubled = node.pins.filter((p) => p.status !== 'ok' && p.status !== 'dangling').length;
    const item = new vscode.TreeItem(t('Pinned sessions'), vscode.TreeItemCollapsibleState.Expanded);
    const words = [
      String(node.pins.length),
      dangling ? t('{0} to a removed profile', dangling) : '',
      troubled ? t('{0} to a profile not usable now', troubled) : '',
    ].filter(Boolean);
    item.description = words.join(' · ');
    item.iconPath = dangling ? pinIcon('dangling') : troubled ? pinIcon('cooldown') : pinIcon('ok');
    item.tooltip = new vscode.MarkdownString(
      [
        md(
          t('Chat sessions held to one sign-in (/model …@profile). OpenClaw uses that sign-in even when others work.'),
        ),
        '',
        md(pinsFromWords(snapshot?.pinsFrom, t)),
      ].join('\n'),
    );
    item.accessibilityInformation = { label: t('Pinned sessions, {0}', words.join(', ')) };
    return item;
  },
  children: (node) => node.pins.map((pin) => ({ kind: 'pin', agentId: node.agentId, pin, under: 'group' })),
  parent: (node, { snapshot }) => {
    const agent = snapshot?.agents.find((a) => a.id === node.agentId);
    return agent && (snapshot?.agents.length ?? 0) > 1 ? { kind: 'agent', agent } : undefined;
  },
};

export const pinRow: Row<PinNode> = {
  item({ agentId, pin, under }, { snapshot }) {
    const item = new vscode.TreeItem(sessionLabel(pin, agentId), vscode.TreeItemCollapsibleState.None);
    // Under its profile the profile id is the parent's label; in the group it says where the pin points.
    item.description = [under === 'group' ? plain(pin.profileId, 200) : '', pinStatusWords(pin.status, t)]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = pinIcon(pin.status);
    item.tooltip = pinTooltip(agentId, pin, snapshot?.pinsFrom);
    item.accessibilityInformation = {
      label: t(
        'Session {0} pinned to {1}, {2}',
        sessionLabel(pin, agentId),
        plain(pin.profileId, 200),
        pinStatusWords(pin.status, t),
      ),
    };
    return item;
  },
  parent: ({ agentId, pin, under }, { snapshot }) => {
    const agent = snapshot?.agents.find((a) => a.id === agentId);
    if (!agent) return undefined;
    if (under === 'group') return { kind: 'pins', agentId, pins: agent.pins ?? [] };
    for (const provider of agent.providers) {
      const node = profileNodes(agentId, provider).find((n) => n.profile.id === pin.profileId);
      if (node) return node;
    }
    return undefined;
  },
};
