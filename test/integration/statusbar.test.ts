// The status-bar item and the expiry notifications inside a real VS Code, over snapshot-shaped values.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Profile, Snapshot } from '../../src/openclaw/types';
import { Notifications } from '../../src/ui/notifications';
import type { SettingsChange, StatusBarMode } from '../../src/ui/settings';
import { StatusBar } from '../../src/ui/statusBar';
import type { RemoteView } from '../../src/openclaw/gateway/remoteSession';
import { targetOf, targetRef, type TargetRef } from '../../src/ui/commands/context';
import { profileNodes, type TreeNode } from '../../src/ui/treeNodes';
import { must } from '../fixtures/must';

const NOW = Date.now();
const H = 3_600_000;

function snapshot(profiles: Profile[]): Snapshot {
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
            order: profiles.map((p) => p.id),
            sequence: profiles.map((p) => p.id),
            orderSource: 'automatic',
            profiles,
          },
        ],
      },
    ],
  };
}
const p = (id: string, health: Profile['health'], expiresAt?: number): Profile => ({
  id,
  provider: 'anthropic',
  type: health === 'static' ? 'api_key' : 'token',
  health,
  ...(expiresAt ? { expiresAt } : {}),
});

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
  readonly emitter = new vscode.EventEmitter<SettingsChange>();
  readonly onDidChange = this.emitter.event;
  notifications = true;
  constructor(public statusBar: StatusBarMode) {}
  setMode(mode: StatusBarMode): void {
    this.statusBar = mode;
    this.emitter.fire({ keys: ['statusBar'], affects: (k) => k === 'statusBar' });
  }
}

describe('status bar', () => {
  let bar: StatusBar | undefined;
  afterEach(() => bar?.dispose());
  const make = (s: Snapshot | undefined, mode: StatusBarMode = 'auto') => {
    const store = new FakeStore(s);
    const settings = new FakeSettings(mode);
    bar = new StatusBar(store, settings, undefined, () => NOW);
    return { store, settings, bar };
  };

  it('remote gateways join the summary: an expired remote profile turns it red, a pairing asks for approval', () => {
    const { bar } = make(snapshot([p('anthropic:key', 'static')]));
    assert.equal(bar.visible, false, 'all healthy locally and no remote: hidden in auto mode');
    const changed = new vscode.EventEmitter<unknown>();
    let views: RemoteView[] = [
      {
        id: 'g1',
        url: 'wss://gw.example.ts.net',
        label: 'studio',
        status: 'unreachable',
        stale: true,
        since: NOW,
        authStatus: {
          providers: [
            {
              provider: 'anthropic',
              status: 'expired',
              profiles: [
                { profileId: 'anthropic:studio', type: 'token', status: 'expired' },
                { profileId: 'anthropic:ok', type: 'token', status: 'ok' },
              ],
            },
          ],
        },
      },
      { id: 'g2', url: 'ws://192.168.1.20:18789', status: 'pairing', stale: false, since: NOW },
    ];
    bar.attachRemotes({ views: () => views, onDidChange: changed.event });
    assert.equal(bar.visible, true);
    assert.equal(bar.item.text, '$(error) OpenClaw: remote: 1 expired, 1 to approve, 1 not connected');
    assert.equal((bar.item.backgroundColor as vscode.ThemeColor).id, 'statusBarItem.errorBackground');
    const tip = (bar.item.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /\*\*studio\*\*: not reachable; showing its last answer/);
    assert.match(tip, /\*\*studio\*\*: anthropic:studio expired \(last known\)/);
    assert.match(tip, /waiting for you to approve the pairing/);
    assert.doesNotMatch(tip, /anthropic:ok/);
    views = [];
    changed.fire(undefined);
    assert.equal(bar.visible, false, 'the remote gone: hidden again');
    changed.dispose();
  });

  it('warns about expiring profiles with the warning background and a focus-the-view click', () => {
    const { bar } = make(snapshot([p('anthropic:work', 'expiring', NOW + 3 * H), p('anthropic:key', 'static')]));
    assert.equal(bar.visible, true);
    assert.equal(bar.item.text, '$(warning) OpenClaw: 1 expiring');
    assert.equal((bar.item.backgroundColor as vscode.ThemeColor).id, 'statusBarItem.warningBackground');
    assert.equal((bar.item.command as vscode.Command).command, 'openclawAuth.profiles.focus');
    assert.equal(bar.item.accessibilityInformation?.label, 'OpenClaw Auth: 1 expiring');
  });

  it('turns red for expired and missing, with re-authenticate links in a trusted tooltip', () => {
    const { bar } = make(
      snapshot([
        p('anthropic:a', 'expired', NOW - H),
        p('anthropic:b', 'expired', NOW - 2 * H),
        p('anthropic:c', 'missing'),
        p('anthropic:d', 'expiring', NOW + H),
      ]),
    );
    assert.equal(bar.item.text, '$(error) OpenClaw: 2 expired, 1 missing, 1 expiring');
    assert.equal((bar.item.backgroundColor as vscode.ThemeColor).id, 'statusBarItem.errorBackground');
    const tip = bar.item.tooltip as vscode.MarkdownString;
    assert.deepEqual(tip.isTrusted, {
      enabledCommands: [
        'openclawAuth.reauthenticate',
        'openclawAuth.refresh',
        'openclawAuth.profiles.focus',
        'openclawAuth.setupToken',
        'openclawAuth.repinSession',
      ],
    });
    assert.ok(tip.value.includes('**anthropic:a**: expired 1h ago'), tip.value);
    assert.ok(tip.value.includes('](command:openclawAuth.refresh'), tip.value);
    assert.ok(tip.value.includes('](command:openclawAuth.profiles.focus'), tip.value);
    const links = [...tip.value.matchAll(/command:openclawAuth\.reauthenticate\?([^ )]+)/g)].map(
      (m) => JSON.parse(decodeURIComponent(must(m[1], 'm[1]'))) as TargetRef[],
    );
    // Links carry ids, not serialised rows.
    assert.deepEqual(
      links.map((l) => l[0]),
      ['a', 'b', 'c', 'd'].map((x) => ({
        kind: 'target',
        agentId: 'main',
        providerId: 'anthropic',
        profileId: `anthropic:${x}`,
      })),
    );
    assert.deepEqual(targetOf(must(links[0], 'links[0]')[0]), {
      agentId: 'main',
      providerId: 'anthropic',
      profileId: 'anthropic:a',
    });
  });

  it('auto hides when all is well; always shows a check; never hides; and follows the setting live', () => {
    const healthy = snapshot([p('anthropic:ok', 'ok', NOW + 30 * 24 * H)]);
    const { store, settings, bar } = make(healthy, 'auto');
    assert.equal(bar.visible, false);
    settings.setMode('always');
    assert.equal(bar.visible, true);
    assert.equal(bar.item.text, '$(pass) OpenClaw');
    assert.equal(bar.item.backgroundColor, undefined);
    store.set(snapshot([p('anthropic:ok', 'expired', NOW - H)]));
    assert.equal(bar.item.text, '$(error) OpenClaw: 1 expired');
    settings.setMode('never');
    assert.equal(bar.visible, false);
  });

  it('before the first snapshot: hidden in auto, a spinner in always', () => {
    assert.equal(make(undefined, 'auto').bar.visible, false);
    must(bar, 'bar').dispose();
    const always = make(undefined, 'always').bar;
    assert.equal(always.visible, true);
    assert.equal(always.item.text, '$(sync~spin) OpenClaw');
  });
});

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

describe('notifications', () => {
  it('notify once per crossing, again for a re-pasted token, and not at all when turned off', async () => {
    const store = new FakeStore(undefined);
    const settings = new FakeSettings('auto');
    const globalState = new Memento();
    const n = new Notifications(store, settings, { globalState }, () => NOW);
    try {
      const expiring = snapshot([p('anthropic:work', 'expiring', NOW + 3 * H), p('anthropic:key', 'static')]);
      assert.deepEqual(
        (await n.check(expiring)).map((a) => [a.id, a.health]),
        [['anthropic:work', 'expiring']],
      );
      assert.deepEqual(await n.check(expiring), [], 'a second refresh does not repeat it');
      const expired = snapshot([p('anthropic:work', 'expired', NOW + 3 * H)]);
      assert.deepEqual(
        (await n.check(expired)).map((a) => a.health),
        ['expired'],
      );
      assert.deepEqual(await n.check(expired), []);
      const repasted = snapshot([p('anthropic:work', 'expiring', NOW + 5 * H)]);
      assert.equal((await n.check(repasted)).length, 1, 'a new expiresAt is a new crossing');
      settings.notifications = false;
      const other = snapshot([p('anthropic:other', 'expired', NOW - H)]);
      assert.deepEqual(await n.check(other), []);
      settings.notifications = true;
      assert.deepEqual(await n.check(other), [], 'seen while off is not replayed later');
    } finally {
      n.dispose();
    }
  });
});

describe('command target', () => {
  it('every way a command is called parses into the same ids', () => {
    const s = snapshot([p('anthropic:work', 'ok', NOW + H)]);
    const agent = must(s.agents[0], 'an agent');
    const provider = must(agent.providers[0], 'agent.providers[0]');
    const profileRow = must(profileNodes(agent.id, provider)[0], 'profileNodes(agent.id, provider)[0]');
    const rows: Array<[TreeNode, object]> = [
      [{ kind: 'agent', agent }, { agentId: 'main' }],
      [
        { kind: 'provider', agentId: 'main', provider },
        { agentId: 'main', providerId: 'anthropic' },
      ],
      [profileRow, { agentId: 'main', providerId: 'anthropic', profileId: 'anthropic:work' }],
      [
        {
          kind: 'env',
          agentId: 'main',
          provider: 'anthropic',
          env: { provider: 'anthropic', variable: 'X', source: 'process', masked: '…' },
        },
        { agentId: 'main', providerId: 'anthropic' },
      ],
      [{ kind: 'warning', warning: { code: 'CLI_MISSING' } as Snapshot['warnings'][0] }, {}],
    ];
    for (const [row, ids] of rows) {
      assert.deepEqual(targetOf(row), ids, row.kind);
      // A row that went through a link's JSON reads the same.
      assert.deepEqual(targetOf(JSON.parse(JSON.stringify(row))), ids, `${row.kind} through JSON`);
    }
    const ref = targetRef({ agentId: 'main', providerId: 'anthropic', profileId: 'anthropic:work' });
    assert.deepEqual(targetOf(JSON.parse(JSON.stringify(ref))), targetOf(profileRow));
    const args = { agent: 'work', provider: 'openai', profileId: 'openai:ci', key: 'not-a-secret' };
    assert.deepEqual(targetOf(args), { agentId: 'work', providerId: 'openai', profileId: 'openai:ci', args });
    assert.deepEqual(targetOf({ provider: '  ' }), { args: { provider: '  ' } }, 'blank ids are no ids');
    assert.equal(targetOf({ profileId: ' x ' }).profileId, ' x ', 'ids are not trimmed: ids.ts refuses them whole');
    assert.deepEqual(targetOf(undefined), {});
    assert.deepEqual(targetOf(vscode.Uri.file('/tmp/x')), {}, 'a file from the explorer is no target');
  });
});
