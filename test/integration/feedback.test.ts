// Feedback for every wait and for what a change means: pending rows while the CLI works, and what a paste
// means for the order. Runs in the real extension host (vscode APIs), on snapshot-shaped values.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile, Snapshot } from '../../src/openclaw/types';
import { usageNote } from '../../src/ui/commands/paste';
import { originOf, withOperation } from '../../src/ui/commands/progress';
import { pendingRows } from '../../src/ui/pending';
import { ProfilesTreeDataProvider } from '../../src/ui/tree';
import { SlowReadNotice, withReadProgress } from '../../src/ui/slowRead';
import { must } from '../fixtures/must';

const NOW = Date.now();
const H = 3_600_000;

function profile(over: Partial<Profile> & { id: string }): Profile {
  return { provider: 'anthropic', type: 'token', health: 'static', store: 'sqlite-shared', ...over };
}

function snapshot(order: string[], storedOrder: string[] | undefined, profiles: Profile[]): Snapshot {
  return {
    generation: 'sqlite-shared',
    warnings: [],
    home: '/h',
    stateDir: '/h/.openclaw',
    configPath: '/h/.openclaw/openclaw.json',
    stateFound: true,
    readPath: 'in-process',
    takenAt: NOW,
    readMs: 1,
    warnWindowMs: 24 * H,
    watchPaths: [],
    agents: [
      {
        id: 'main',
        isDefault: true,
        agentDir: '/h/a',
        providers: [
          {
            id: 'anthropic',
            order,
            sequence: order,
            ...(storedOrder ? { storedOrder } : {}),
            orderSource: storedOrder ? 'stored' : 'automatic',
            health: 'static',
            profiles,
          },
        ],
      },
    ],
  };
}

describe('feedback: pending rows and what a paste means', () => {
  it('a paste the stored order leaves out says OpenClaw will not use it, and offers Add to Order and Use First', () => {
    const s = snapshot(
      ['anthropic:max'],
      ['anthropic:max'],
      [profile({ id: 'anthropic:max', orderIndex: 0 }), profile({ id: 'anthropic:new', excluded: true })],
    );
    const use = usageNote(s, 'main', 'anthropic', 'anthropic:new');
    assert.ok(use);
    assert.match(use.note, /will not use it/);
    assert.deepEqual(
      use.actions.map((a) => a.title),
      ['Add to Order', 'Use First'],
    );
  });

  it('a paste placed after another profile names the one tried first and offers Use First; a first one says nothing more', () => {
    const s = snapshot(['anthropic:max', 'anthropic:new'], undefined, [
      profile({ id: 'anthropic:max', orderIndex: 0 }),
      profile({ id: 'anthropic:new', orderIndex: 1 }),
    ]);
    const use = usageNote(s, 'main', 'anthropic', 'anthropic:new');
    assert.ok(use);
    assert.match(use.note, /tries anthropic:max before it/);
    assert.deepEqual(
      use.actions.map((a) => a.title),
      ['Use First'],
    );
    assert.equal(usageNote(s, 'main', 'anthropic', 'anthropic:max'), undefined);
  });

  it('a row being changed shows a spinner and "saving…" until the operation ends; the view shows progress', async () => {
    const s = snapshot(['anthropic:max'], undefined, [profile({ id: 'anthropic:max', orderIndex: 0 })]);
    const store = {
      current: s,
      onDidChange: new vscode.EventEmitter<Snapshot>().event,
      refresh: () => Promise.resolve(s),
    };
    const tree = new ProfilesTreeDataProvider(store, undefined, { now: () => NOW });
    const row = () =>
      tree.getTreeItem(must(tree.getChildren(tree.getChildren()[0])[0], 'tree.getChildren(tree.getChildren()[0])[0]'));
    let changes = 0;
    const sub = tree.onDidChangeTreeData(() => changes++);
    try {
      assert.notEqual((row().iconPath as vscode.ThemeIcon).id, 'loading~spin');
      let release: () => void = () => undefined;
      const during = new Promise<void>((r) => (release = r));
      const op = withOperation(
        'tree',
        'Saving…',
        { agentId: 'main', provider: 'anthropic', profileId: 'anthropic:max' },
        async (signal) => {
          assert.equal(signal.aborted, false);
          assert.equal((row().iconPath as vscode.ThemeIcon).id, 'loading~spin');
          assert.match(String(row().description), /^saving…/);
          assert.match(
            String(tree.getTreeItem(must(tree.getChildren()[0], 'tree.getChildren()[0]')).description),
            /^saving…/,
            'the provider row is pending too',
          );
          await during;
          return 7;
        },
      );
      await new Promise((r) => setTimeout(r, 50));
      release();
      assert.equal(await op, 7);
      assert.notEqual((row().iconPath as vscode.ThemeIcon).id, 'loading~spin');
      assert.equal(pendingRows.size, 0);
      assert.ok(changes >= 2, 'the tree repainted when the row became pending and when it was done');
    } finally {
      sub.dispose();
      tree.dispose();
    }
  });

  it('origin: a tree node or a drop is the tree, an arguments object is automation, nothing is the palette', () => {
    assert.equal(originOf({ kind: 'profile' }), 'tree');
    assert.equal(originOf({ provider: 'anthropic', profileIds: [], fromTree: true }), 'tree');
    assert.equal(originOf({ provider: 'anthropic' }), 'api');
    assert.equal(originOf(undefined), 'palette');
  });
  it("a read through the CLI shows the view's progress only when it outlasts a glance, and the fast-path notice once", async () => {
    const shown: unknown[] = [];
    const after = (ms: number, s: Snapshot) => () => new Promise<Snapshot>((r) => setTimeout(() => r(s), ms));
    const cliSnapshot = { ...snapshot([], undefined, []), readPath: 'cli', readMs: 4200 };
    assert.equal(await withReadProgress(after(10, cliSnapshot), (p) => shown.push(p))(), cliSnapshot);
    assert.equal(shown.length, 0, 'a 10 ms read never shows the bar');
    assert.equal(await withReadProgress(after(600, cliSnapshot), (p) => shown.push(p))(), cliSnapshot);
    assert.equal(shown.length, 1, 'a 600 ms read shows it once');

    const values = new Map<string, unknown>();
    const memento = {
      keys: () => [...values.keys()],
      get: <T>(k: string, d?: T) => (values.has(k) ? values.get(k) : d) as T,
      update: (k: string, v: unknown) => Promise.resolve(void values.set(k, v)),
    } as vscode.Memento;
    const emitter = new vscode.EventEmitter<Snapshot>();
    const notice = new SlowReadNotice({ onDidChange: emitter.event }, memento);
    try {
      assert.equal(notice.consider(snapshot([], undefined, [])), false, 'the SQLite path says nothing');
      assert.equal(notice.consider(cliSnapshot), true, 'the CLI path says how to get the fast path');
      assert.equal(notice.consider(cliSnapshot), false, 'once per window');
      values.set('openclawAuth.slowReadNoticeDismissed', true);
      const fresh = new SlowReadNotice({ onDidChange: emitter.event }, memento);
      assert.equal(fresh.consider(cliSnapshot), false, "Don't Show Again holds in the next window");
      fresh.dispose();
    } finally {
      notice.dispose();
      emitter.dispose();
    }
  });
});
