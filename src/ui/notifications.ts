// A notification when a profile in use crosses into expiring and when it crosses into expired — once.
// What was shown is remembered in globalState keyed by agent, profile and expiresAt, so a refresh
// never repeats it but a re-pasted token (new expiresAt) that later expires speaks up again.

import vscode = require('vscode');
import { t } from './l10n';
import type { Snapshot } from '../openclaw/types';
import { showError, showWarning } from './messages';
import { summarize, type Attention } from '../openclaw/attention';
import { attentionLabel, expiryWords } from './format';
import type { Settings } from './settings';
import type { SnapshotSource } from './tree';
import { targetRef } from './commands/context';

const SHOWN_KEY = 'openclawAuth.notified';
const MUTED_KEY = 'openclawAuth.mutedProfiles';
/** More crossings than this at once (e.g. the first start) become one summary notification. */
const MAX_SEPARATE = 2;

export const profileKey = (agentId: string | undefined, profileId: string): string => `${agentId ?? ''}|${profileId}`;
export const crossingKey = (a: Attention): string =>
  `${profileKey(a.agentId, a.id)}|${a.expiresAt ?? 'none'}|${a.health}`;

export class Notifications implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  private readonly state: vscode.Memento;

  constructor(
    store: SnapshotSource,
    private readonly settings: Pick<Settings, 'notifications'>,
    context: Pick<vscode.ExtensionContext, 'globalState'>,
    private readonly now: () => number = Date.now,
  ) {
    this.state = context.globalState;
    this.subscriptions.push(store.onDidChange((s) => void this.check(s)));
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** Shows what is new and returns the crossings it showed (for tests). Serialised: two quick snapshots must not both notify. */
  check(snapshot: Snapshot): Promise<Attention[]> {
    const run = this.queue.then(() => this.checkNow(snapshot));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async checkNow(snapshot: Snapshot): Promise<Attention[]> {
    const shown = new Set(this.state.get<string[]>(SHOWN_KEY, []));
    const muted = new Set(this.state.get<string[]>(MUTED_KEY, []));
    const fresh = summarize(snapshot).all.filter(
      (a) => a.health !== 'missing' && !shown.has(crossingKey(a)) && !muted.has(profileKey(a.agentId, a.id)),
    );
    if (!fresh.length) return [];
    // Remembered even with notifications off, so turning them on later does not replay old news.
    const present = new Set(summarize(snapshot).all.map(crossingKey));
    const keep = [...shown].filter((k) => present.has(k));
    await this.state.update(SHOWN_KEY, [...keep, ...fresh.map(crossingKey)]);
    if (!this.settings.notifications) return [];
    if (fresh.length > MAX_SEPARATE) void this.showSummary(fresh);
    else for (const a of fresh) void this.showOne(a);
    return fresh;
  }

  private async showOne(a: Attention): Promise<void> {
    const when =
      expiryWords({ type: 'oauth', health: a.health, expiresAt: a.expiresAt, refreshable: false }, this.now(), t) ?? '';
    const message =
      a.health === 'expired'
        ? t(
            'OpenClaw profile {0} has expired ({1}). Requests that use it will fail until you re-authenticate.',
            attentionLabel(a, t),
            when,
          )
        : t('OpenClaw profile {0} {1}.', attentionLabel(a, t), when);
    const reauth = t('Re-authenticate');
    const mute = t("Don't Show Again for This Profile");
    const choice =
      a.health === 'expired' ? await showError(message, reauth, mute) : await showWarning(message, reauth, mute);
    if (choice === reauth) {
      if (a.kind === 'profile') {
        const ref = targetRef({ agentId: a.agentId, providerId: a.profile?.provider, profileId: a.id });
        await vscode.commands.executeCommand('openclawAuth.reauthenticate', ref);
      } else await vscode.commands.executeCommand('openclawAuth.setupToken');
    } else if (choice === mute) {
      const muted = this.state.get<string[]>(MUTED_KEY, []);
      await this.state.update(MUTED_KEY, [...muted, profileKey(a.agentId, a.id)]);
    }
  }

  private async showSummary(fresh: Attention[]): Promise<void> {
    const expired = fresh.filter((a) => a.health === 'expired').length;
    const message = t(
      '{0} OpenClaw profiles need attention ({1} expired, {2} expiring).',
      fresh.length,
      expired,
      fresh.length - expired,
    );
    const open = t('Show Profiles');
    if ((await showWarning(message, open)) === open) {
      await vscode.commands.executeCommand('openclawAuth.profiles.focus');
    }
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
