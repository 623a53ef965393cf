// One notification per dangling session pin (the session will fail: openclaw#149502), once. What was shown is kept
// in globalState by agent, session and profile, so a refresh never repeats it, while a session pinned again to
// another missing profile speaks up again.

import vscode = require('vscode');
import { t } from './l10n';
import type { Snapshot } from '../openclaw/types';
import { plain } from '../openclaw/untrusted';
import { showWarning } from './messages';
import { danglingKey, danglingPins, sessionLabel, type DanglingPin } from './pinWords';
import type { Settings } from './settings';
import type { SnapshotSource } from './tree';

const SHOWN_KEY = 'openclawAuth.notifiedPins';

export class PinNotifications implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    store: SnapshotSource,
    private readonly settings: Pick<Settings, 'notifications'>,
    private readonly context: Pick<vscode.ExtensionContext, 'globalState'>,
  ) {
    this.subscriptions.push(store.onDidChange((s) => void this.check(s)));
  }

  /** Shows what is new and returns the pins it showed (for tests). Serialised, like Notifications. */
  check(snapshot: Snapshot): Promise<DanglingPin[]> {
    const run = this.queue.then(() => this.checkNow(snapshot));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async checkNow(snapshot: Snapshot): Promise<DanglingPin[]> {
    const state = this.context.globalState;
    const shown = new Set(state.get<string[]>(SHOWN_KEY, []));
    const present = danglingPins(snapshot);
    const fresh = present.filter((d) => !shown.has(danglingKey(d)));
    // Forget pins that are gone, so the list does not grow; remembered even with notifications off.
    const keep = [...shown].filter((k) => present.some((d) => danglingKey(d) === k));
    if (fresh.length === 0 && keep.length === shown.size) return [];
    await state.update(SHOWN_KEY, [...keep, ...fresh.map(danglingKey)]);
    if (!this.settings.notifications) return [];
    for (const d of fresh) void this.showOne(d);
    return fresh;
  }

  private async showOne(d: DanglingPin): Promise<void> {
    const repin = t('Re-pin to…');
    const choice = await showWarning(
      t(
        'Session {0} of agent {1} is pinned to {2}, which no longer exists: the session will fail until it is re-pinned.',
        sessionLabel(d.pin, d.agentId),
        plain(d.agentId, 80),
        plain(d.pin.profileId, 200),
      ),
      repin,
    );
    if (choice === repin)
      await vscode.commands.executeCommand('openclawAuth.repinSession', { agentId: d.agentId, pin: d.pin });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
