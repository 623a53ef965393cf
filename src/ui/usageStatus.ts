// The usage part of the status bar: the fullest window the live gateway reports ("Claude 5h 62% · resets 14:00"),
// its own item beside the auth item (statusBar.ts) so neither hides the other, and a warning once per window per
// reset when a window passes `openclawAuth.usageWarnPercent`. Rules: src/openclaw/gateway/usage.ts.

import vscode = require('vscode');
import { t } from './l10n';
import { statusBarPart, usageAlerts, usageParts, usageState } from '../openclaw/gateway/usage';
import type { UsageStatus } from '../openclaw/gateway/schemas';
import { md } from './format';
import { usageAlertWords, usagePartWords, usageRefreshingWords } from './gatewayWords';
import { showWarning } from './messages';
import type { Settings } from './settings';

export const USAGE_STATUS_ID = 'openclawAuth.usage';
const WARNED_KEY = 'openclawAuth.usageWarned';

export interface UsageSource {
  current: { kind: string; usage?: UsageStatus };
  onDidChange: vscode.Event<unknown>;
}

export class UsageStatusItem implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  visible = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** What was last shown, kept while a cold `usage.status` is refreshing (it answers with no windows then). */
  private last: UsageStatus | undefined;

  constructor(
    private readonly gateway: UsageSource,
    private readonly settings: Pick<
      Settings,
      'usageInStatusBar' | 'usageWarnPercent' | 'notifications' | 'onDidChange'
    >,
    private readonly memento: vscode.Memento,
    private readonly now: () => number = Date.now,
  ) {
    this.item = vscode.window.createStatusBarItem(USAGE_STATUS_ID, vscode.StatusBarAlignment.Left, 49);
    this.item.name = t('OpenClaw usage');
    this.item.command = { command: 'openclawAuth.profiles.focus', title: t('Show OpenClaw Auth Profiles') };
    this.subscriptions.push(
      this.item,
      gateway.onDidChange(() => this.update()),
      settings.onDidChange((e) => {
        if (e.affects('usageInStatusBar') || e.affects('usageWarnPercent')) this.update();
      }),
    );
    this.update();
  }

  private update(): void {
    const view = this.gateway.current;
    const usage = view.kind === 'connected' ? view.usage : undefined;
    const state = usageState(usage);
    if (state === 'windows') this.last = usage;
    else if (state !== 'refreshing') this.last = undefined;
    this.render(state === 'refreshing');
    if (state === 'windows') this.warn(usage);
  }

  private render(refreshing: boolean): void {
    const part = statusBarPart(this.last);
    if (!this.settings.usageInStatusBar || !part) {
      this.visible = false;
      this.item.hide();
      return;
    }
    const now = this.now();
    const text = usagePartWords(part, now, t);
    const threshold = this.settings.usageWarnPercent;
    const over = threshold > 0 && part.usedPercent >= threshold;
    this.item.text = `${over ? '$(warning)' : '$(pulse)'} ${text}`;
    this.item.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const lines = usageParts(this.last).map((p) => `- ${md(usagePartWords(p, now, t))}`);
    this.item.tooltip = new vscode.MarkdownString(
      [
        `**${md(t('Usage (live gateway)'))}**`,
        '',
        ...lines,
        ...(refreshing ? ['', md(usageRefreshingWords(t))] : []),
      ].join('\n'),
    );
    this.item.accessibilityInformation = { label: t('OpenClaw usage: {0}', text), role: 'button' };
    this.visible = true;
    this.item.show();
  }

  /** Once per window per reset (the remembered keys survive a reload, so a window does not warn twice). */
  private warn(usage: UsageStatus | undefined): void {
    const warned = new Set(this.memento.get<string[]>(WARNED_KEY) ?? []);
    const { alerts, warned: next } = usageAlerts(usage, this.settings.usageWarnPercent, warned);
    if ([...next].join('\n') !== [...warned].join('\n')) void this.memento.update(WARNED_KEY, [...next]);
    if (!this.settings.notifications) return;
    const now = this.now();
    for (const part of alerts) void showWarning(usageAlertWords(part, now, t));
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
