// Session pins inside a real VS Code: the "Pinned sessions" rows (at the top with one agent, under the agent with
// several), the sessions under the profile they pin, a dangling pin flagged with its inline fix, the status bar's
// count, and one notification per dangling pin.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Agent, Profile, SessionPin, Snapshot } from '../../src/openclaw/types';
import { useLanguage } from '../../src/ui/l10n';
import { GatewayPins } from '../../src/ui/gatewayPins';
import { PinNotifications } from '../../src/ui/pinNotifications';
import type { SettingsChange, StatusBarMode } from '../../src/ui/settings';
import { StatusBar } from '../../src/ui/statusBar';
import { ProfilesTreeDataProvider } from '../../src/ui/tree';
import { contextValue, nodeId, type TreeNode } from '../../src/ui/treeNodes';
import { repoRoot } from '../fixtures/openclaw';
import { until } from './helpers';
import { must } from '../fixtures/must';

const NOW = Date.now();

const profile = (id: string, over: Partial<Profile> = {}): Profile => ({
  id,
  provider: 'anthropic',
  type: 'token',
  health: 'ok',
  orderIndex: 0,
  ...over,
});
const pin = (sessionKey: string, profileId: string, status: SessionPin['status']): SessionPin => ({
  sessionKey,
  profileId,
  source: 'user',
  status,
  provider: 'anthropic',
  model: 'claude-opus-4-5',
});

function agent(id: string, pins: SessionPin[] | undefined): Agent {
  return {
    id,
    isDefault: id === 'main',
    agentDir: `/h/.openclaw/agents/${id}/agent`,
    providers: [
      {
        id: 'anthropic',
        order: ['anthropic:work'],
        sequence: ['anthropic:work'],
        orderSource: 'automatic',
        health: 'ok',
        profiles: [profile('anthropic:work')],
      },
    ],
    ...(pins ? { pins } : {}),
  };
}

function snapshot(agents: Agent[]): Snapshot {
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
    warnWindowMs: 86_400_000,
    watchPaths: [],
    agents,
  };
}

const PINS = [pin('agent:main:a', 'anthropic:work', 'ok'), pin('agent:main:b', 'anthropic:gone', 'dangling')];

class FakeStore {
  readonly emitter = new vscode.EventEmitter<Snapshot>();
  readonly onDidChange = this.emitter.event;
  constructor(public current: Snapshot | undefined) {}
  set(s: Snapshot): void {
    this.current = s;
    this.emitter.fire(s);
  }
}
class FakeSettings {
  readonly onDidChange = new vscode.EventEmitter<SettingsChange>().event;
  notifications = false;
  statusBar: StatusBarMode = 'auto';
}
class Memento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  setKeysForSync(): void {}
}

const label = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

describe('session pins: tree, status bar, notifications', () => {
  it('one agent: a Pinned sessions row at the top; the dangling pin is an error with Re-pin inline', () => {
    const tree = new ProfilesTreeDataProvider(new FakeStore(snapshot([agent('main', PINS)])), undefined, {
      now: () => NOW,
    });
    try {
      const roots = tree.getChildren();
      const group = must(
        roots.find((n) => n.kind === 'pins'),
        'the Pinned sessions row',
      );
      assert.ok(group, 'a Pinned sessions row');
      const groupItem = tree.getTreeItem(group);
      assert.equal(label(groupItem), 'Pinned sessions');
      assert.equal(groupItem.description, '2 · 1 to a removed profile');
      const rows = tree.getChildren(group).map((n) => tree.getTreeItem(n));
      assert.deepEqual(
        rows.map((r) => [label(r), r.description, (r.iconPath as vscode.ThemeIcon).id, r.contextValue]),
        [
          ['a', 'anthropic:work · pinned', 'pinned', 'pin;ok;user;'],
          ['b', 'anthropic:gone · profile removed — the session will fail', 'error', 'pin;dangling;user;'],
        ],
      );
      // The inline Re-pin is contributed for exactly this context value.
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
        contributes: { menus: Record<string, { command: string; when: string; group?: string }[]> };
      };
      const menus = manifest.contributes.menus['view/item/context'] ?? [];
      const inline = must(
        menus.find((m) => m.command === 'openclawAuth.repinSession' && m.group?.startsWith('inline')),
        'an inline Re-pin menu entry',
      );
      const shownFor = /viewItem =~ \/(.*)\//.exec(inline.when)?.[1];
      assert.ok(shownFor, inline.when);
      assert.match(rows[1]?.contextValue ?? '', new RegExp(shownFor));
      assert.doesNotMatch(rows[0]?.contextValue ?? '', new RegExp(shownFor));
      // Under the profile it pins: the session, without repeating the profile id.
      const provider = must(
        roots.find((n) => n.kind === 'provider'),
        'a provider row',
      );
      const work = must(
        tree.getChildren(provider).find((n) => n.kind === 'profile'),
        'a profile row',
      );
      assert.equal(tree.getTreeItem(work).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      const under = tree.getChildren(work).map((n) => tree.getTreeItem(n));
      assert.deepEqual(
        under.map((r) => [label(r), r.description]),
        [['a', 'pinned']],
      );
      // Reveal works both ways: parents are the group and the profile row.
      const [underNode] = tree.getChildren(work);
      assert.ok(underNode);
      assert.equal(nodeId(must(tree.getParent(underNode), 'tree.getParent(underNode)')), nodeId(work));
      assert.equal(tree.getParent(group), undefined);
    } finally {
      tree.dispose();
    }
  });

  it('several agents: the Pinned sessions row sits under its agent; none without pins; Thai words', () => {
    const tree = new ProfilesTreeDataProvider(
      new FakeStore(snapshot([agent('main', PINS), agent('work', undefined)])),
      undefined,
      { now: () => NOW },
    );
    try {
      const [main, work] = tree.getChildren();
      assert.ok(main && work);
      assert.deepEqual(
        tree.getChildren(main).map((n) => n.kind),
        ['provider', 'pins'],
      );
      assert.deepEqual(
        tree.getChildren(work).map((n) => n.kind),
        ['provider'],
      );
      const group = tree.getChildren(main).find((n) => n.kind === 'pins') as TreeNode;
      assert.equal(nodeId(must(tree.getParent(group), 'tree.getParent(group)')), nodeId(main));
      assert.equal(contextValue(group, NOW), 'pins;dangling;');
      try {
        useLanguage('th', path.join(repoRoot(), 'l10n'));
        assert.equal(label(tree.getTreeItem(group)), 'เซสชันที่ปักหมุด');
        const [, dangling] = tree.getChildren(group);
        assert.ok(dangling);
        const b = tree.getTreeItem(dangling);
        assert.equal(b.description, 'anthropic:gone · โปรไฟล์ถูกลบ — เซสชันจะล้มเหลว');
      } finally {
        useLanguage('auto', path.join(repoRoot(), 'l10n'));
      }
    } finally {
      tree.dispose();
    }
  });

  it('the status bar counts the dangling pin as an error and links Re-pin', () => {
    const store = new FakeStore(snapshot([agent('main', PINS)]));
    const bar = new StatusBar(store, new FakeSettings(), undefined, () => NOW);
    try {
      assert.equal(bar.visible, true);
      assert.equal(bar.item.text, '$(error) OpenClaw: 1 session pinned to a removed profile');
      const tip = (bar.item.tooltip as vscode.MarkdownString).value;
      assert.match(tip, /command:openclawAuth\.repinSession\?/);
      assert.match(tip, /Read from the agent’s session store/, 'which source answered');
      store.set(snapshot([agent('main', PINS.slice(0, 1))]));
      assert.equal(bar.visible, false, 'an ok pin alone is nothing to report');
    } finally {
      bar.dispose();
    }
  });

  it('one notification per dangling pin, once; a new dangling pin speaks again', async () => {
    const store = new FakeStore(undefined);
    const globalState = new Memento();
    const settings = new FakeSettings();
    settings.notifications = true;
    const n = new PinNotifications(store, settings, { globalState });
    try {
      const first = await n.check(snapshot([agent('main', PINS)]));
      assert.deepEqual(
        first.map((d) => d.pin.sessionKey),
        ['agent:main:b'],
      );
      assert.deepEqual(await n.check(snapshot([agent('main', PINS)])), []);
      const more = [...PINS, pin('agent:main:c', 'anthropic:old', 'dangling')];
      assert.deepEqual(
        (await n.check(snapshot([agent('main', more)]))).map((d) => d.pin.sessionKey),
        ['agent:main:c'],
      );
      // Turned off: remembered, not shown.
      settings.notifications = false;
      const later = [...more, pin('agent:main:d', 'anthropic:x', 'dangling')];
      assert.deepEqual(await n.check(snapshot([agent('main', later)])), []);
      settings.notifications = true;
      assert.deepEqual(await n.check(snapshot([agent('main', later)])), []);
    } finally {
      n.dispose();
    }
  });
  it('the tooltips say which source answered for the pins: the gateway, or the session store', () => {
    for (const [from, words] of [
      ['gateway', /Read from the running gateway \(sessions\.list and chat\.metadata\)\./],
      ['store', /Read from the agent’s session store \(read-only\)/],
    ] as const) {
      const tree = new ProfilesTreeDataProvider(
        new FakeStore({ ...snapshot([agent('main', PINS)]), pinsFrom: from }),
        undefined,
        { now: () => NOW },
      );
      try {
        const group = tree.getChildren().find((n) => n.kind === 'pins');
        assert.ok(group, 'a Pinned sessions row');
        const [row] = tree.getChildren(group);
        assert.ok(row);
        for (const item of [tree.getTreeItem(group), tree.getTreeItem(row)])
          assert.match((item.tooltip as vscode.MarkdownString).value, words);
      } finally {
        tree.dispose();
      }
    }
  });

  it('GatewayPins: pins from the gateway once connected; the store again when it cannot answer or disconnects', async () => {
    // The gateway side is a small table answering like 2026.9.6 (`sessions.list`, `chat.metadata` accountSelection,
    // both measured in test/interop/gateway-pins.test.ts); what is under test is when the snapshot uses which.
    const calls: string[] = [];
    let metadataUnknown = false;
    const requester = {
      request: (method: string, params: unknown): Promise<unknown> => {
        calls.push(method);
        if (method === 'sessions.list')
          return Promise.resolve({ sessions: [{ key: 'agent:main:g', modelProvider: 'anthropic', model: 'm' }] });
        if (metadataUnknown) return Promise.reject(new Error('unknown method: chat.metadata'));
        assert.deepEqual(params, { sessionKey: 'agent:main:g' });
        return Promise.resolve({
          accountSelection: { kind: 'shared', authProfileId: 'anthropic:gone', source: 'user' },
        });
      },
    };
    const state = new vscode.EventEmitter<unknown>();
    const gateway = { current: { kind: 'connecting' }, onDidChange: state.event, sessions: () => requester };
    const store = new FakeStore(undefined);
    const reasons: string[] = [];
    const lines: string[] = [];
    const pins = new GatewayPins({ info: (l) => lines.push(l), warn: (l) => lines.push(l) });
    const snapshots = {
      get current() {
        return store.current;
      },
      onDidChange: store.onDidChange,
      // Stands in for the Reader: it takes the gateway's answer when there is one (ReadOptions.gatewayPins).
      refresh: (reason = 'manual') => {
        reasons.push(reason);
        const answer = pins.current();
        const s: Snapshot = { ...snapshot([agent('main', undefined)]), pinsFrom: answer ? 'gateway' : 'store' };
        store.set(s);
        return Promise.resolve(s);
      },
    };
    pins.bind(gateway, snapshots);
    try {
      assert.equal(pins.current(), undefined, 'nothing before the gateway is connected');
      gateway.current = { kind: 'connected' };
      state.fire(undefined);
      await until('a snapshot with the gateway pins', () => store.current?.pinsFrom === 'gateway');
      assert.deepEqual(
        pins.current()?.main?.map((p) => [p.sessionKey, p.profileId, p.source, p.provider, p.model]),
        [['agent:main:g', 'anthropic:gone', 'user', 'anthropic', 'm']],
      );
      assert.deepEqual(reasons, ['gateway-pins']);
      // Its own snapshot does not start another read.
      await new Promise((r) => setTimeout(r, 600));
      assert.deepEqual(calls, ['sessions.list', 'chat.metadata']);
      // A gateway without chat.metadata (2026.5.28): back to the stores, and not asked again while connected.
      metadataUnknown = true;
      await snapshots.refresh('watch');
      await until('a snapshot from the stores', () => store.current?.pinsFrom === 'store' && reasons.length === 3);
      assert.equal(pins.current(), undefined);
      const asked = calls.length;
      await snapshots.refresh('watch');
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(calls.length, asked, 'an unsupported gateway is not asked again');
      assert.ok(lines.some((l) => /unknown method: chat\.metadata/.test(l)));
      // Reconnected (a newer gateway): asked again; disconnected: the stores.
      metadataUnknown = false;
      gateway.current = { kind: 'not-running' };
      state.fire(undefined);
      gateway.current = { kind: 'connected' };
      state.fire(undefined);
      await until('the gateway pins again', () => store.current?.pinsFrom === 'gateway');
      gateway.current = { kind: 'not-running' };
      state.fire(undefined);
      await until('the stores once disconnected', () => store.current?.pinsFrom === 'store');
      assert.equal(pins.current(), undefined);
    } finally {
      pins.dispose();
      state.dispose();
    }
  });
});
