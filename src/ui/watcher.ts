// Keeps the snapshot live: file changes by anyone (gateway, a CLI in a terminal), the next health
// threshold (one timer, re-armed per snapshot), and an optional slow poll. Also ticks a repaint when
// the shortest relative label on screen would change, without re-reading anything.

import fs = require('node:fs');
import path = require('node:path');
import vscode = require('vscode');
import type { Snapshot } from '../openclaw/types';
import { nextThreshold } from '../openclaw/attention';
import { nextRepaint } from './format';
import type { Log } from './log';
import type { Settings } from './settings';
import type { SnapshotStore } from './snapshotStore';

/**
 * A change schedules one read this long after it; changes meanwhile join that read instead of postponing it (a CLI
 * call keeps writing for seconds after its commit, and a postponing debounce put the commit on screen 0.3-1.4 s late
 * in the bench). Changes during the read get one more read (SnapshotStore coalesces).
 */
const DEBOUNCE_MS = 100;
/** The workbench watcher reports a change up to ~1 s after fs.watch did (it batches); within this, it is an echo. */
const ECHO_MS = 2000;
// setTimeout overflows above 2^31-1 ms (~24.8 days) and would fire at once.
const MAX_DELAY_MS = 2_147_000_000;

/** Folder → names inside it whose change matters (a SQLite file brings its -wal and -journal). */
export function watchTargets(
  snapshot: Snapshot,
  exists: (p: string) => boolean = fs.existsSync,
): Map<string, Set<string>> {
  const targets = new Map<string, Set<string>>();
  const add = (file: string): void => {
    // Watch the nearest folder that exists, for the first missing name on the way down, so a store
    // created later (first paste-token) is noticed without watching the whole home recursively.
    let dir = path.dirname(file);
    let name = path.basename(file);
    while (!exists(dir) && path.dirname(dir) !== dir) {
      name = path.basename(dir);
      dir = path.dirname(dir);
    }
    const names = targets.get(dir) ?? new Set<string>();
    names.add(name);
    // Not -shm: readers (our own included) touch it, which would make every read trigger the next.
    if (/\.sqlite$|\.db$/.test(name)) for (const suffix of ['-wal', '-journal']) names.add(name + suffix);
    targets.set(dir, names);
  };
  for (const p of [...snapshot.watchPaths, snapshot.configPath]) if (p) add(p);
  return targets;
}

export class Watcher implements vscode.Disposable {
  private readonly repaintEmitter = new vscode.EventEmitter<void>();
  /** Fires when relative times on screen change; the tree and status bar repaint. */
  readonly onDidRepaint = this.repaintEmitter.event;
  private watchers: vscode.Disposable[] = [];
  private armedFor = '';
  private debounce: NodeJS.Timeout | undefined;
  private threshold: NodeJS.Timeout | undefined;
  private repaint: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [this.repaintEmitter];

  constructor(
    private readonly store: Pick<SnapshotStore, 'current' | 'onDidChange' | 'refresh'>,
    private readonly settings: Pick<Settings, 'pollIntervalSeconds' | 'onDidChange'>,
    private readonly log: Pick<Log, 'debug' | 'warn'>,
  ) {
    this.subscriptions.push(
      store.onDidChange((s) => this.update(s)),
      settings.onDidChange((e) => {
        if (e.affects('pollIntervalSeconds')) this.armPoll();
      }),
    );
    this.armPoll();
    if (store.current) this.update(store.current);
  }

  /** The folders currently watched, for tests and the log. */
  get watchedFolders(): string[] {
    return this.armedFor ? this.armedFor.split('\n').map((l) => l.split('\t', 1)[0] ?? '') : [];
  }

  private update(snapshot: Snapshot): void {
    this.armFiles(snapshot);
    this.armTimers(snapshot);
  }

  private armFiles(snapshot: Snapshot): void {
    const targets = watchTargets(snapshot);
    const signature = [...targets]
      .map(([dir, names]) => `${dir}\t${[...names].sort().join(',')}`)
      .sort()
      .join('\n');
    if (signature === this.armedFor) return;
    this.disposeWatchers();
    this.armedFor = signature;
    for (const [dir, names] of targets) {
      try {
        const watcher = fs.watch(dir, { persistent: false }, (_event, filename) => {
          if (!filename || names.has(filename.toString()))
            this.changed(path.join(dir, filename?.toString() ?? ''), 'fs');
        });
        watcher.on('error', (error) => this.log.warn(`fs.watch ${dir} failed`, error));
        this.watchers.push(new vscode.Disposable(() => watcher.close()));
      } catch (error) {
        this.log.warn(`fs.watch ${dir} failed`, error);
      }
      // Both: fs.watch is instant locally; the workbench watcher covers remote hosts where fs.watch is flaky.
      const [first, ...more] = names;
      const pattern = first !== undefined && more.length === 0 ? first : `{${[...names].join(',')}}`;
      const fsw = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), pattern));
      const onChange = (uri: vscode.Uri): void => this.changed(uri.fsPath, 'workbench');
      this.watchers.push(fsw, fsw.onDidChange(onChange), fsw.onDidCreate(onChange), fsw.onDidDelete(onChange));
    }
    this.log.debug(`watching ${targets.size} folder(s): ${[...targets.keys()].join(', ')}`);
  }

  /** When fs.watch last reported each file: the workbench watcher's later echo of the same change is not read again. */
  private readonly seenByFsWatch = new Map<string, number>();

  private changed(file: string, source: 'fs' | 'workbench'): void {
    const now = Date.now();
    if (source === 'fs') this.seenByFsWatch.set(file, now);
    else if (now - (this.seenByFsWatch.get(file) ?? -Infinity) < ECHO_MS) return;
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.log.debug(`changed: ${file}`);
      this.store.refresh('watch').catch(() => undefined);
    }, DEBOUNCE_MS);
  }

  private armTimers(snapshot: Snapshot): void {
    const now = Date.now();
    if (this.threshold) clearTimeout(this.threshold);
    const next = nextThreshold(snapshot, now);
    // One second late so the read lands on the far side of the threshold.
    this.threshold =
      next === undefined
        ? undefined
        : setTimeout(
            () => void this.store.refresh('timer').catch(() => undefined),
            Math.min(next - now + 1000, MAX_DELAY_MS),
          );
    if (this.repaint) clearTimeout(this.repaint);
    const paint = nextRepaint(snapshot, now);
    this.repaint =
      paint === undefined
        ? undefined
        : setTimeout(
            () => {
              this.repaintEmitter.fire();
              if (this.store.current) this.armTimers(this.store.current);
            },
            Math.min(paint - now, MAX_DELAY_MS),
          );
  }

  private armPoll(): void {
    if (this.poll) clearInterval(this.poll);
    const seconds = this.settings.pollIntervalSeconds;
    this.poll =
      seconds > 0
        ? setInterval(() => void this.store.refresh('poll').catch(() => undefined), Math.max(seconds, 5) * 1000)
        : undefined;
  }

  private disposeWatchers(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
  }

  dispose(): void {
    this.disposeWatchers();
    for (const timer of [this.debounce, this.threshold, this.repaint]) if (timer) clearTimeout(timer);
    if (this.poll) clearInterval(this.poll);
    for (const d of this.subscriptions) d.dispose();
  }
}
