// Reads through the OpenClaw CLI (no Node with `node:sqlite` found) take seconds, not milliseconds. Two things make
// that wait visible and curable: the view's progress bar while a read runs longer than a glance, and one
// notification (per window, until dismissed for good) that says how to get the fast path.

import vscode = require('vscode');
import type { Snapshot } from '../openclaw/types';
import { t } from './l10n';
import { showInfo } from './messages';
import { VIEW_ID } from './tree';

/** A read shorter than this never shows the bar: the local readers answer in milliseconds and must not flicker. */
const SHOW_AFTER_MS = 250;
const DISMISSED_KEY = 'openclawAuth.slowReadNoticeDismissed';

/** Wraps the snapshot read so that a read still running after a quarter second shows the view's progress bar. */
export function withReadProgress(
  read: () => Promise<Snapshot>,
  show: (reading: Promise<unknown>) => void = showInView,
): () => Promise<Snapshot> {
  return () => {
    const reading = read();
    let done = false;
    const settle = () => {
      done = true;
    };
    reading.then(settle, settle);
    const timer = setTimeout(() => {
      if (!done) show(reading);
    }, SHOW_AFTER_MS);
    reading.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    return reading;
  };
}

function showInView(reading: Promise<unknown>): void {
  void vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: t('Reading OpenClaw state…') }, () =>
    reading.catch(() => undefined),
  );
}

/** Says once per window, with the way out, that the stores are being read the slow way. */
export class SlowReadNotice implements vscode.Disposable {
  private shown = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    snapshots: { onDidChange: vscode.Event<Snapshot> },
    private readonly state: vscode.Memento,
  ) {
    this.subscription = snapshots.onDidChange((snapshot) => void this.consider(snapshot));
  }

  /** Whether this snapshot made the notice speak (for tests; the subscription ignores it). */
  consider(snapshot: Snapshot): boolean {
    if (snapshot.readPath !== 'cli' || this.shown || this.state.get<boolean>(DISMISSED_KEY)) return false;
    this.shown = true;
    const seconds = Math.max(1, Math.round(snapshot.readMs / 1000));
    const setPath = t('Set Node Path…');
    const never = t("Don't Show Again");
    void showInfo(
      t(
        'OpenClaw Auth reads your profiles through the OpenClaw CLI ({0} s per read), because no Node 22.13 or later (with node:sqlite) was found. Point {1} at one for instant reads.',
        seconds,
        'openclawAuth.nodePath',
      ),
      setPath,
      never,
    ).then((choice) => {
      if (choice === setPath)
        void vscode.commands.executeCommand('workbench.action.openSettings', 'openclawAuth.nodePath');
      else if (choice === never) void this.state.update(DISMISSED_KEY, true);
    });
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
