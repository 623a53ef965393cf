// One status-bar item that speaks up when a profile in use is expiring, expired or missing.

import vscode = require('vscode');
import { t } from './l10n';
import type { Snapshot } from '../openclaw/types';
import { storesUnread, summarize, type Attention } from '../openclaw/attention';
import { attentionLabel, code, expiryWords, healthWords, md, summaryWords } from './format';
import type { Settings } from './settings';
import type { SnapshotSource } from './tree';
import { targetRef } from './commands/context';
import { danglingPins, danglingSummary, pinsFromWords, sessionLabel } from './pinWords';
import { plain } from '../openclaw/untrusted';
import type { RemoteView } from '../openclaw/gateway/remoteSession';
import { summarizeRemotes } from '../openclaw/gateway/remoteSummary';
import { remoteLine, remoteSummaryWords } from './remoteWords';

/** What the status bar needs from the remote gateways (RemoteGatewayStore; tests pass a fake). */
export interface RemoteSource {
  views(): RemoteView[];
  onDidChange: vscode.Event<unknown>;
}

export const STATUS_ID = 'openclawAuth.status';
const LINKED_COMMANDS = [
  'openclawAuth.reauthenticate',
  'openclawAuth.refresh',
  'openclawAuth.profiles.focus',
  'openclawAuth.setupToken',
  'openclawAuth.repinSession',
];
const MAX_LISTED = 10;
const SETTINGS_COMMAND = 'workbench.action.openSettings';

function link(title: string, command: string, args?: unknown[]): string {
  const query = args ? `?${encodeURIComponent(JSON.stringify(args))}` : '';
  return `[${md(title)}](command:${command}${query} "${title.replace(/"/g, '')}")`;
}

function line(a: Attention, snapshot: Snapshot, now: number): string {
  const icon = a.health === 'expiring' ? '$(warning)' : '$(error)';
  const who = a.agentId && snapshot.agents.length > 1 ? ` (${md(a.agentId)})` : '';
  const when = a.profile
    ? (expiryWords(a.profile, now, t) ?? healthWords(a.health, t))
    : (expiryWords({ type: 'oauth', health: a.health, expiresAt: a.expiresAt }, now, t) ?? healthWords(a.health, t));
  // The link names the profile by ids (a JSON argument), never a serialised row.
  const ref = targetRef({ agentId: a.agentId, providerId: a.profile?.provider, profileId: a.id });
  const fix = a.kind === 'profile' ? ` — ${link(t('Re-authenticate'), 'openclawAuth.reauthenticate', [ref])}` : '';
  return `- ${icon} **${md(attentionLabel(a, t))}**${who}: ${md(when)}${fix}`;
}

export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Whether the item is shown (StatusBarItem does not tell). */
  visible = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: SnapshotSource,
    private readonly settings: Pick<Settings, 'statusBar' | 'onDidChange'>,
    repaint?: vscode.Event<void>,
    private readonly now: () => number = Date.now,
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = t('OpenClaw Auth');
    this.item.command = { command: 'openclawAuth.profiles.focus', title: t('Show OpenClaw Auth Profiles') };
    this.subscriptions.push(
      this.item,
      store.onDidChange(() => this.render()),
      settings.onDidChange((e) => {
        if (e.affects('statusBar')) this.render();
      }),
    );
    if (repaint) this.subscriptions.push(repaint(() => this.render()));
    this.render();
  }

  private remotes: RemoteSource | undefined;

  /** Remote gateways join the summary: their expired or expiring profiles, and a pairing to approve. */
  attachRemotes(remotes: RemoteSource): void {
    this.remotes = remotes;
    this.subscriptions.push(remotes.onDidChange(() => this.render()));
    this.render();
  }

  render(): void {
    const mode = this.settings.statusBar;
    const snapshot = this.store.current;
    if (mode === 'never' || (!snapshot && mode === 'auto')) return this.hide();
    if (!snapshot) {
      this.set(
        '$(sync~spin) OpenClaw',
        undefined,
        new vscode.MarkdownString(md(t('Reading OpenClaw state…'))),
        t('OpenClaw Auth: reading state'),
      );
      return this.show();
    }
    const summary = summarize(snapshot);
    // Unread stores are not healthy ones: say so rather than hide (or count every declared profile as missing).
    const unread = storesUnread(snapshot);
    // A session pinned to a removed profile fails for good (openclaw#149502): counted like an expired profile.
    const pins = danglingSummary(snapshot, t);
    const remote = this.remotes ? summarizeRemotes(this.remotes.views()) : undefined;
    const remoteWords = remote ? remoteSummaryWords(remote, t) : undefined;
    const words = [unread ? t('auth not read') : '', summaryWords(summary, t), pins ?? '', remoteWords ?? '']
      .filter(Boolean)
      .join(', ');
    if (!words && mode === 'auto') return this.hide();
    const bad =
      summary.expired.length + summary.missing.length > 0 ||
      pins !== undefined ||
      (remote !== undefined && remote.expired + remote.missing > 0);
    const icon = bad ? '$(error)' : words ? '$(warning)' : '$(pass)';
    const background = bad ? 'statusBarItem.errorBackground' : words ? 'statusBarItem.warningBackground' : undefined;
    const now = this.now();
    const listed = summary.all.slice(0, MAX_LISTED).map((a) => line(a, snapshot, now));
    if (summary.all.length > MAX_LISTED) listed.push(`- ${md(t('and {0} more', summary.all.length - MAX_LISTED))}`);
    const dangling = danglingPins(snapshot);
    for (const d of dangling.slice(0, MAX_LISTED)) {
      const ref = { agentId: d.agentId, sessionKey: d.pin.sessionKey };
      listed.push(
        `- $(error) **${md(sessionLabel(d.pin, d.agentId))}**: ${md(t('pinned to removed profile {0}', plain(d.pin.profileId, 200)))} — ${link(t('Re-pin to…'), 'openclawAuth.repinSession', [ref])}`,
      );
    }
    // Which source answered for the pins: the running gateway or the agents' session stores.
    if (dangling.length > 0) listed.push(`- $(info) ${md(pinsFromWords(snapshot.pinsFrom, t))}`);
    for (const a of remote?.all.slice(0, MAX_LISTED) ?? []) listed.push(remoteLine(a, t));
    const heading = words ? t('OpenClaw Auth: {0}', words) : t('OpenClaw Auth: all profiles healthy');
    const why = unread
      ? [
          t(
            'OpenClaw keeps auth in SQLite, but no Node with node:sqlite (22.13 or later) and no OpenClaw CLI were found to read it. Set {0} or {1}.',
            code('openclawAuth.nodePath'),
            code('openclawAuth.cliPath'),
          ),
          '',
        ]
      : [];
    const tooltip = new vscode.MarkdownString(
      [
        `**${md(heading)}**`,
        '',
        ...why,
        ...listed,
        ...(listed.length ? [''] : []),
        `${link(t('Open Auth Profiles'), 'openclawAuth.profiles.focus')} · ${link(t('Refresh'), 'openclawAuth.refresh')}` +
          (unread ? ` · ${link(t('Open Settings'), SETTINGS_COMMAND, ['openclawAuth'])}` : ''),
      ].join('\n'),
      true,
    );
    tooltip.isTrusted = { enabledCommands: unread ? [...LINKED_COMMANDS, SETTINGS_COMMAND] : LINKED_COMMANDS };
    this.set(words ? `${icon} OpenClaw: ${words}` : `${icon} OpenClaw`, background, tooltip, heading);
    this.show();
  }

  private show(): void {
    this.visible = true;
    this.item.show();
  }
  private hide(): void {
    this.visible = false;
    this.item.hide();
  }

  private set(text: string, background: string | undefined, tooltip: vscode.MarkdownString, label: string): void {
    this.item.text = text;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label, role: 'button' };
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
