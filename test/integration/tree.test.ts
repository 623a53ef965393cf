// The Auth Profiles tree model inside a real VS Code: getChildren/getTreeItem over snapshot-shaped values,
// drag and drop, and the watcher turning a file write into a refresh.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Profile, Snapshot } from '../../src/openclaw/types';
import { ProfilesTreeDataProvider } from '../../src/ui/tree';
import type { ProfileNode, TreeNode } from '../../src/ui/treeNodes';
import { Watcher, watchTargets } from '../../src/ui/watcher';
import { mustRun, node24Path, repoRoot } from '../fixtures/openclaw';
import { activateApi } from './helpers';
import { useLanguage } from '../../src/ui/l10n';
import { must } from '../fixtures/must';

const NOW = Date.now();
const H = 3_600_000;
const SECRET = 'sk-ant-oat01-FAKE-tree-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuv';
const MASKED = 'sk-ant-o...pqrstuv';

function profile(over: Partial<Profile> & { id: string }): Profile {
  return {
    provider: 'anthropic',
    type: 'token',
    health: 'ok',
    store: 'sqlite-shared',
    storePath: '/h/.openclaw/state/openclaw.sqlite',
    ...over,
  };
}

function snapshot(over: Partial<Snapshot> = {}): Snapshot {
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
        agentDir: '/h/.openclaw/agents/main/agent',
        providers: [
          {
            id: 'anthropic',
            order: ['anthropic:work', 'anthropic:max'],
            sequence: ['anthropic:work', 'anthropic:max'],
            storedOrder: ['anthropic:work', 'anthropic:max'],
            orderSource: 'stored',
            health: 'expiring',
            profiles: [
              profile({
                id: 'anthropic:max',
                type: 'oauth',
                refreshable: true,
                expiresAt: NOW + 3 * 24 * H,
                orderIndex: 1,
                email: 'me@example.com',
              }),
              profile({
                id: 'anthropic:work',
                health: 'expiring',
                expiresAt: NOW + 3 * H,
                orderIndex: 0,
                masked: MASKED,
              }),
              profile({ id: 'anthropic:old', health: 'expired', expiresAt: NOW - H, excluded: true }),
            ],
            env: [
              {
                provider: 'anthropic',
                variable: 'ANTHROPIC_API_KEY',
                source: 'dotenv',
                sourcePath: '/h/.openclaw/.env',
                masked: 'sk-ant-a...12345678',
              },
            ],
          },
          {
            id: 'openrouter',
            order: ['openrouter:default'],
            sequence: ['openrouter:default'],
            orderSource: 'automatic',
            health: 'static',
            profiles: [
              profile({
                id: 'openrouter:default',
                provider: 'openrouter',
                type: 'api_key',
                health: 'static',
                orderIndex: 0,
                masked: 'sk-or-v1...cdef0123',
              }),
            ],
          },
        ],
      },
    ],
    ...over,
  };
}

class FakeStore {
  readonly emitter = new vscode.EventEmitter<Snapshot>();
  readonly onDidChange = this.emitter.event;
  refreshes: string[] = [];
  constructor(public current: Snapshot | undefined) {}
  set(s: Snapshot): void {
    this.current = s;
    this.emitter.fire(s);
  }
  refresh(reason = 'manual'): Promise<Snapshot> {
    this.refreshes.push(reason);
    return Promise.resolve(must(this.current, 'this.current'));
  }
}

const label = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
const icon = (item: vscode.TreeItem) => item.iconPath as vscode.ThemeIcon;
const tooltip = (item: vscode.TreeItem): string => (item.tooltip as vscode.MarkdownString).value;

describe('tree model', () => {
  let store: FakeStore;
  let tree: ProfilesTreeDataProvider;
  beforeEach(() => {
    store = new FakeStore(snapshot());
    tree = new ProfilesTreeDataProvider(store, undefined, { now: () => NOW });
  });
  afterEach(() => tree.dispose());

  it("openclawAuth.language th: rows, units and tooltips in Thai whatever VS Code's display language; en and auto in English", () => {
    try {
      useLanguage('th', path.join(repoRoot(), 'l10n'));
      const roots = tree.getChildren();
      const anthropic = tree.getTreeItem(must(roots[0], 'roots[0]'));
      assert.equal(anthropic.description, 'ใกล้หมดอายุ · 3 โปรไฟล์ · ลำดับที่จัดเก็บไว้ · ตัวแปรสภาพแวดล้อม');
      const work = tree.getTreeItem(must(tree.getChildren(roots[0])[0], 'tree.getChildren(roots[0])[0]'));
      assert.equal(work.description, 'โทเคน · หมดอายุใน 3 ชม.');
      assert.ok(!/[A-Za-z]{4,}/.test(String(work.description)), String(work.description));
      useLanguage('en', path.join(repoRoot(), 'l10n'));
      assert.equal(
        tree.getTreeItem(must(tree.getChildren(tree.getChildren()[0])[0], 'tree.getChildren(tree.getChildren()[0])[0]'))
          .description,
        'token · expires in 3h',
      );
    } finally {
      useLanguage('auto', path.join(repoRoot(), 'l10n'));
    }
    assert.equal(
      tree.getTreeItem(must(tree.getChildren(tree.getChildren()[0])[0], 'tree.getChildren(tree.getChildren()[0])[0]'))
        .description,
      'token · expires in 3h',
    );
  });

  it('shows providers at the top with one agent, and profiles in effective order with env rows last', () => {
    const roots = tree.getChildren();
    assert.deepEqual(
      roots.map((n) => label(tree.getTreeItem(n))),
      ['anthropic', 'openrouter'],
    );
    const anthropic = tree.getTreeItem(must(roots[0], 'roots[0]'));
    assert.equal(anthropic.description, 'expiring · 3 profiles · stored order · environment');
    assert.equal(anthropic.contextValue, 'provider;expiring;stored;multiple;');
    assert.equal(icon(anthropic).id, 'warning');
    const rows = tree.getChildren(roots[0]).map((n) => tree.getTreeItem(n));
    assert.deepEqual(rows.map(label), ['anthropic:work', 'anthropic:max', 'anthropic:old', 'ANTHROPIC_API_KEY']);
    assert.deepEqual(
      rows.map((r) => r.description),
      [
        'token · expires in 3h',
        'oauth · refreshable · 3d',
        'token · expired 1h ago · excluded by order',
        'environment · .env file',
      ],
    );
    assert.deepEqual(
      rows.map((r) => r.contextValue),
      ['profile;token;expiring;first;', 'profile;oauth;ok;last;', 'profile;token;expired;excluded;', 'env;dotenv;'],
    );
    assert.deepEqual(
      rows.map((r) => icon(r).id),
      ['warning', 'pass', 'error', 'symbol-variable'],
    );
    assert.equal((icon(must(rows[0], 'rows[0]')).color as vscode.ThemeColor).id, 'list.warningForeground');
  });

  it('profile tooltips and accessibility text say it in words and hold only the masked secret', () => {
    const work = must(
      tree.getChildren(tree.getChildren()[0]).map((n) => tree.getTreeItem(n))[0],
      'the first row under the first provider',
    );
    const text = tooltip(work);
    assert.ok(text.includes(`\`${MASKED}\``), text);
    assert.ok(text.includes('1 of 2 (stored order)'), text);
    assert.ok(text.includes(new Date(NOW + 3 * H).toISOString()), text);
    assert.ok(text.includes('shared SQLite store'), text);
    assert.equal(work.accessibilityInformation?.label, 'Profile anthropic:work, expiring, token · expires in 3h');
    for (const node of [...tree.getChildren(), ...tree.getChildren(tree.getChildren()[0])]) {
      const item = tree.getTreeItem(node);
      assert.ok(!JSON.stringify([item.label, item.description, tooltip(item)]).includes(SECRET));
    }
  });

  it('adds the agent level only with several agents, warnings first and the Claude login last', () => {
    const one = snapshot();
    store.set({
      ...one,
      agents: [
        ...one.agents,
        { id: 'work', name: 'Work', isDefault: false, agentDir: '/h/.openclaw/agents/work/agent', providers: [] },
      ],
      warnings: [
        {
          code: 'MIGRATION_REQUIRED',
          message: 'Legacy auth-profiles.json needs migration.',
          agent: 'main',
          path: '/h/.openclaw/agents/main/agent/auth-profiles.json',
        },
      ],
      claudeCli: {
        path: '/h/.claude/.credentials.json',
        health: 'ok',
        expiresAt: NOW + 5 * H,
        refreshable: true,
        subscriptionType: 'max',
      },
    });
    const items = tree.getChildren().map((n) => tree.getTreeItem(n));
    // Rendered from the code and its values (ui/warnings.ts), not the domain's English sentence.
    assert.deepEqual(items.map(label), [
      'OpenClaw refuses every provider for agent main until you run openclaw doctor --fix: /h/.openclaw/agents/main/agent/auth-profiles.json was never imported into its SQLite store.',
      'main',
      'Work',
      'Claude CLI login',
    ]);
    assert.equal(must(items[0], 'items[0]').command?.command, 'openclawAuth.runDoctor');
    assert.equal(must(items[0], 'items[0]').contextValue, 'warning;MIGRATION_REQUIRED;');
    assert.equal(must(items[1], 'items[1]').contextValue, 'agent;default;');
    assert.equal(must(items[3], 'items[3]').description, 'refreshable · 5h · max');
    assert.equal(must(items[3], 'items[3]').contextValue, 'claude;ok;');
  });

  it('with many agents, starts with only the default agent and those needing attention expanded', () => {
    const one = snapshot();
    const quiet = (id: string) => ({
      id,
      isDefault: false,
      agentDir: `/h/.openclaw/agents/${id}/agent`,
      providers: [{ ...must(must(one.agents[0], 'an agent').providers[1], 'one.agents[0].providers[1]') }],
    });
    const expiring = {
      ...quiet('w5'),
      providers: [must(must(one.agents[0], 'an agent').providers[0], 'one.agents[0].providers[0]')],
    };
    const state = (s: Snapshot) => {
      store.set(s);
      return tree.getChildren().map((n) => [label(tree.getTreeItem(n)), tree.getTreeItem(n).collapsibleState]);
    };
    const { Expanded, Collapsed } = vscode.TreeItemCollapsibleState;
    assert.deepEqual(state({ ...one, agents: [...one.agents, quiet('w1'), quiet('w2'), quiet('w3'), quiet('w4')] }), [
      ['main', Expanded],
      ['w1', Expanded],
      ['w2', Expanded],
      ['w3', Expanded],
      ['w4', Expanded],
    ]);
    assert.deepEqual(
      state({ ...one, agents: [...one.agents, quiet('w1'), quiet('w2'), quiet('w3'), quiet('w4'), expiring] }),
      [
        ['main', Expanded],
        ['w1', Collapsed],
        ['w2', Collapsed],
        ['w3', Collapsed],
        ['w4', Collapsed],
        ['w5', Expanded],
      ],
    );
  });

  it('warning rows carry the fix for the profile they name', () => {
    const s = snapshot({
      warnings: [
        {
          code: 'EXPIRY_IN_SECONDS',
          message: 'anthropic:work expiry looks like seconds.',
          profileId: 'anthropic:work',
          agent: 'main',
        },
        { code: 'CLI_MISSING', message: 'OpenClaw CLI not found.' },
      ],
    });
    store.set(s);
    const [secs, cli] = tree.getChildren().map((n) => tree.getTreeItem(n));
    assert.equal(must(secs, 'secs').command?.command, 'openclawAuth.reauthenticate');
    assert.deepEqual(must(secs, 'secs').command?.arguments, [
      { kind: 'target', agentId: 'main', providerId: 'anthropic', profileId: 'anthropic:work' },
    ]);
    assert.equal(must(cli, 'cli').command?.command, 'workbench.action.openSettings');
    assert.ok(tooltip(must(cli, 'cli')).includes('npm install -g openclaw'));
  });

  it('is empty (so the welcome view shows) when there is nothing but a missing CLI, or no snapshot yet', () => {
    store.set(snapshot({ agents: [], warnings: [{ code: 'CLI_MISSING', message: 'not found' }] }));
    assert.deepEqual(tree.getChildren(), []);
    const empty = new ProfilesTreeDataProvider(new FakeStore(undefined));
    assert.deepEqual(empty.getChildren(), []);
    empty.dispose();
  });

  it('keeps ids stable across refreshes and fires a change per snapshot', async () => {
    const ids = (): string[] =>
      tree.getChildren(tree.getChildren()[0]).map((n) => must(tree.getTreeItem(n).id, 'tree.getTreeItem(n).id'));
    const before = ids();
    const fired = new Promise<void>((resolve) => tree.onDidChangeTreeData(() => resolve()));
    store.set(snapshot());
    await fired;
    assert.deepEqual(ids(), before);
    assert.equal(new Set(before).size, before.length);
  });

  it('a drop within a provider asks setOrder for the new order; across providers it does nothing', async () => {
    const calls: unknown[][] = [];
    const dnd = new ProfilesTreeDataProvider(store, undefined, {
      now: () => NOW,
      execute: ((...args: unknown[]) => {
        calls.push(args);
        return Promise.resolve();
      }) as typeof vscode.commands.executeCommand,
    });
    const [anthropic, openrouter] = dnd.getChildren();
    const [work, max, old] = dnd.getChildren(anthropic) as ProfileNode[];
    const drag = async (source: TreeNode[], target: TreeNode): Promise<void> => {
      const data = new vscode.DataTransfer();
      dnd.handleDrag(source, data);
      await dnd.handleDrop(target, data);
    };
    await drag([must(max, 'max')], must(work, 'work'));
    await drag([must(old, 'old')], must(anthropic, 'anthropic'));
    await drag([must(work, 'work')], must(openrouter, 'openrouter'));
    assert.deepEqual(calls, [
      [
        'openclawAuth.setOrder',
        { provider: 'anthropic', profileIds: ['anthropic:max', 'anthropic:work'], agent: 'main', fromTree: true },
      ],
      [
        'openclawAuth.setOrder',
        {
          provider: 'anthropic',
          profileIds: ['anthropic:work', 'anthropic:max', 'anthropic:old'],
          agent: 'main',
          fromTree: true,
        },
      ],
    ]);
    dnd.dispose();
  });
});

describe('watcher', () => {
  it('watches the nearest existing folder for files not created yet', () => {
    const s = snapshot({
      watchPaths: ['/h/.openclaw/state/openclaw.sqlite'],
      configPath: '/h/.openclaw/openclaw.json',
    });
    const exists = (p: string) => p === '/h' || p === '/';
    const targets = watchTargets(s, exists);
    assert.deepEqual([...targets.keys()], ['/h']);
    assert.deepEqual([...must(targets.get('/h'), "targets.get('/h')")], ['.openclaw']);
    const all = watchTargets(s, () => true);
    assert.deepEqual([...must(all.get('/h/.openclaw/state'), "all.get('/h/.openclaw/state')")].sort(), [
      'openclaw.sqlite',
      'openclaw.sqlite-journal',
      'openclaw.sqlite-wal',
    ]);
  });

  /** A Watcher on a state DB in a temp home, over a FakeStore whose refreshes are recorded (reason, time). */
  async function withWatcher(
    body: (db: string, dir: string, reads: { reason: string; at: number }[]) => Promise<void>,
  ): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-watch-'));
    const db = path.join(dir, 'state', 'openclaw.sqlite');
    fs.mkdirSync(path.dirname(db));
    fs.writeFileSync(db, '');
    const store = new FakeStore(
      snapshot({ stateDir: dir, configPath: path.join(dir, 'openclaw.json'), watchPaths: [db] }),
    );
    const reads: { reason: string; at: number }[] = [];
    const refresh = store.refresh.bind(store);
    store.refresh = (reason = 'manual') => (reads.push({ reason, at: Date.now() }), refresh(reason));
    const settings = { pollIntervalSeconds: 0, onDidChange: new vscode.EventEmitter<never>().event };
    const watcher = new Watcher(store, settings, { debug: () => undefined, warn: () => undefined });
    try {
      await new Promise((r) => setTimeout(r, 300));
      reads.length = 0;
      await body(db, dir, reads);
    } finally {
      watcher.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('a write to a watched -wal file refreshes once, debounced, within a second', () =>
    withWatcher(async (db, dir, reads) => {
      // Readers touch -shm; unrelated files are noise: neither may refresh.
      fs.writeFileSync(`${db}-shm`, 'r');
      fs.writeFileSync(path.join(dir, 'state', 'unrelated.txt'), 'x');
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(reads.length, 0, `no read for -shm or unrelated files (${reads.map((r) => r.reason).join(',')})`);
      fs.writeFileSync(`${db}-wal`, 'a');
      fs.appendFileSync(`${db}-wal`, 'b');
      const deadline = Date.now() + 1000;
      while (!reads.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(
        reads.map((r) => r.reason),
        ['watch'],
      );
    }));

  it('writes that go on after a commit do not hold back its read (a CLI keeps writing for seconds)', () =>
    withWatcher(async (db, _dir, reads) => {
      const first = Date.now();
      // A write every 40 ms for 1.2 s: a debounce that waits for quiet would read only after the last one.
      for (let i = 0; i < 30; i++) {
        fs.appendFileSync(`${db}-wal`, 'x');
        await new Promise((r) => setTimeout(r, 40));
      }
      await new Promise((r) => setTimeout(r, 400));
      assert.ok(reads.length >= 2, `reads during the burst, not only after it (${reads.length})`);
      assert.ok(
        must(reads[0], 'reads[0]').at - first < 600,
        `first read ${must(reads[0], 'reads[0]').at - first} ms after the first write`,
      );
      assert.ok(reads.length <= 16, `at most about one read per 100 ms (${reads.length})`);
    }));
});

describe('tree over a home made by the real CLI', function () {
  this.timeout(180_000);
  const TOKEN = 'sk-ant-oat01-FAKE-tree-real-'.padEnd(100, 'r');
  let previous: unknown;

  after(async () => {
    await vscode.workspace
      .getConfiguration('openclawAuth')
      .update('stateDir', previous || undefined, vscode.ConfigurationTarget.Global);
  });

  it("the view is contributed and renders the extension's own snapshot: rows, words, masked secret", async () => {
    await vscode.commands.executeCommand('openclawAuth.profiles.focus');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-tree-'));
    await mustRun(
      'current',
      home,
      [
        'models',
        'auth',
        'paste-token',
        '--provider',
        'anthropic',
        '--profile-id',
        'anthropic:work',
        '--expires-in',
        '3h',
      ],
      `${TOKEN}\n`,
    );
    const api = await activateApi();
    const config = vscode.workspace.getConfiguration('openclawAuth');
    previous = config.inspect('stateDir')?.globalValue;
    await config.update('nodePath', node24Path(), vscode.ConfigurationTarget.Global);
    await config.update('stateDir', path.join(home, '.openclaw'), vscode.ConfigurationTarget.Global);
    let s = await api.refresh();
    for (let i = 0; i < 50 && s.stateDir !== path.join(home, '.openclaw'); i++) s = await api.refresh();
    const tree = new ProfilesTreeDataProvider({
      get current() {
        return api.getSnapshot();
      },
      onDidChange: api.onDidChangeSnapshot,
    });
    try {
      const providers = tree.getChildren().filter((n) => n.kind === 'provider');
      assert.deepEqual(
        providers.map((n) => label(tree.getTreeItem(n))),
        ['anthropic'],
      );
      const [row] = tree.getChildren(providers[0]).map((n) => tree.getTreeItem(n));
      assert.equal(label(must(row, 'row')), 'anthropic:work');
      assert.match(String(must(row, 'row').description), /^token · expires in (3h|2h)$/);
      assert.equal(must(row, 'row').contextValue, 'profile;token;expiring;first;last;');
      assert.equal(icon(must(row, 'row')).id, 'warning');
      const text = tooltip(must(row, 'row'));
      assert.ok(text.includes('`sk-ant-o...rrrrrrrr`'), text);
      assert.ok(!text.includes(TOKEN));
    } finally {
      tree.dispose();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
