// A remote gateway inside a real VS Code: a real `openclaw gateway run` behind the loopback forwarding proxy (so the
// gateway treats the extension as remote). "Add Gateway…" is answered as a person would (URL, token kind, token);
// the extension shows the exact approve command, the test approves with the real CLI, and the extension connects by
// itself and says so. The tree's top level becomes connections, with each agent the gateway lists (main, ops);
// Set Order (as a person, from the row), Clear Order and Remove go through that gateway and show in its
// `models.authStatus` (the extension's re-read, and `openclaw gateway call` on the host as an independent witness);
// "Remove Gateway" takes it back. The tokens have the FAKE-SECRET shape, so run-integration's secret scan fails the
// run if any log or setting holds one.

import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RemoteView } from '../../src/openclaw/gateway/remoteSession';
import type { Snapshot } from '../../src/openclaw/types';
import type { TreeNode } from '../../src/ui/treeNodes';
import { ProfilesTreeDataProvider } from '../../src/ui/tree';
import { forwardingProxy } from '../fixtures/forwardingProxy';
import { freePort, startGateway, type RunningGateway, OFFLINE_GATEWAY_SETTINGS } from '../fixtures/gateway';
import { fakeToken } from '../fixtures/homes';
import { mustRun, stdoutJson } from '../fixtures/openclaw';
import { activateApi, cmd, type Api, until } from './helpers';
import { must } from '../fixtures/must';

type Window = Record<
  'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage',
  unknown
>;
type Provider = NonNullable<RemoteView['authStatus']>['providers'][number];

/**
 * After a write the gateway prepares its model catalog again before `models.authStatus` answers (11 s and more on a
 * busy 2-core machine); the extension asks again with backoff (gateway/backoff.ts: 2, 4, 8, 15, 30 s), so its re-read
 * shows a change within about a minute at worst.
 */
const PREPARED_MS = 90_000;

describe('remote gateway: Add Gateway, pairing and connection rows (real gateway behind a forwarding proxy)', function () {
  this.timeout(240_000);
  const root = fs.mkdtempSync(path.join(process.env.OPENCLAW_AUTH_TEST_FIXTURES || os.tmpdir(), 'oca-remote-'));
  const home = path.join(root, 'home');
  const token = `gw-FAKE-SECRET-${crypto.randomBytes(12).toString('hex')}`;
  const w = vscode.window as unknown as Window;
  // Only the four functions this file replaces (the window object also has getters that cannot be written back).
  const original: Window = {
    showInputBox: w.showInputBox,
    showQuickPick: w.showQuickPick,
    showInformationMessage: w.showInformationMessage,
    showWarningMessage: w.showWarningMessage,
    showErrorMessage: w.showErrorMessage,
  };
  const infos: string[] = [];
  const errors: string[] = [];
  let gateway: RunningGateway | undefined;
  let proxy: { port: number; close(): Promise<void> } | undefined;
  let a: Api;

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 8 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-token', '--provider', 'anthropic'],
      `${fakeToken('remote-int', 'main')}\n`,
    );
    // A second token (order needs two; two of one mode leave config auth.order unset, which the gateway would treat
    // as a locked order), before the second agent: with several agents the CLI wants --agent.
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:work'],
      `${fakeToken('remote-int', 'work')}\n`,
    );
    const port = await freePort();
    const batch = path.join(home, 'gateway-config.batch.json');
    fs.writeFileSync(
      batch,
      JSON.stringify([
        { path: 'gateway.mode', value: 'local' },
        { path: 'gateway.port', value: port },
        { path: 'gateway.bind', value: 'loopback' },
        { path: 'gateway.auth.mode', value: 'token' },
        { path: 'gateway.auth.token', value: token },
        ...OFFLINE_GATEWAY_SETTINGS,
        { path: 'gateway.trustedProxies', value: ['127.0.0.1'] },
        { path: 'agents.entries', value: { main: {}, ops: { name: 'Ops' } } },
      ]),
      { mode: 0o600 },
    );
    await mustRun('current', home, ['config', 'set', '--batch-file', batch]);
    fs.rmSync(batch, { force: true });
    gateway = await startGateway(home, port, token, { timeoutMs: 240_000 });
    proxy = await forwardingProxy(port);
    a = await activateApi();
    w.showErrorMessage = (message: string) => {
      errors.push(message);
      return Promise.resolve(undefined);
    };
  });

  after(async () => {
    Object.assign(w, original);
    await proxy?.close();
    await gateway?.stop();
    if (!process.env.OPENCLAW_AUTH_KEEP_TEMP) fs.rmSync(root, { recursive: true, force: true });
  });

  it('Add Gateway… shows the approve command; once approved with the CLI it connects by itself', async () => {
    const url = `ws://127.0.0.1:${must(proxy, 'proxy').port}`;
    const answers = [url, token];
    w.showInputBox = () => Promise.resolve(answers.shift());
    w.showQuickPick = (items: readonly { value?: string }[]) => Promise.resolve(items.find((i) => i.value === 'token'));
    w.showInformationMessage = (message: string) => {
      infos.push(message);
      return Promise.resolve(undefined);
    };
    await cmd('openclawAuth.addGateway');
    assert.equal(answers.length, 0, 'URL and token were asked for');

    const pairing = await until(
      'a pairing request',
      () => a.getRemoteGateways().find((v) => v.status === 'pairing' && v.failure?.requestId),
      90_000,
    );
    const requestId = must(must(pairing.failure, 'pairing.failure').requestId, 'pairing.failure.requestId');
    await until('the approve command in a notification', () =>
      infos.some((m) => m.includes(`openclaw devices approve ${requestId}`)),
    );
    await mustRun('current', home, ['devices', 'approve', requestId]);
    const connected = await until(
      'connected with auth status',
      () => a.getRemoteGateways().find((v) => v.status === 'connected' && v.authStatus),
      90_000,
    );
    await until('"Approved. Connected to …"', () => infos.some((m) => m.startsWith('Approved. Connected to')));
    assert.equal(JSON.stringify(a.getRemoteGateways()).includes(token), false);

    // Every agent the gateway lists, default first, each with its own authStatus.
    assert.deepEqual(
      connected.agents?.map((x) => [x.id, x.isDefault, !!x.authStatus]),
      [
        ['main', true, true],
        ['ops', false, true],
      ],
    );

    // The tree: connections at the top, this machine's rows under "This machine", the remote's agents under it.
    const { tree, dispose } = await remoteTree();
    const top = tree.getChildren();
    assert.deepEqual(
      top.map((n) => tree.getTreeItem(n).label),
      ['This machine', '127.0.0.1'],
    );
    const remoteRow = top[1];
    assert.ok(remoteRow);
    assert.match(String(tree.getTreeItem(remoteRow).description), /^connected/);
    const agents = tree.getChildren(remoteRow);
    assert.deepEqual(
      agents.map((n) => tree.getTreeItem(n).label),
      ['main', 'Ops'],
    );
    const anthropic = anthropicRow(tree);
    assert.deepEqual(tree.getParent(anthropic), agents[0]);
    assert.match(String(tree.getTreeItem(anthropic).contextValue), /^remoteProvider;.*;live;/);
    const profiles = tree.getChildren(anthropic);
    assert.equal(profiles.length, 2, 'two profile rows');
    const [first] = profiles;
    assert.ok(first);
    assert.deepEqual(tree.getParent(first), anthropic);
    dispose();
  });

  /** A tree over the current snapshot and remote views (the extension's own view is not reachable from a test). */
  async function remoteTree() {
    const snapshot: Snapshot = a.getSnapshot() ?? (await a.refresh());
    const emitter = new vscode.EventEmitter<Snapshot>();
    const tree = new ProfilesTreeDataProvider({ current: snapshot, onDidChange: emitter.event });
    tree.remotes = () => a.getRemoteGateways().map((view) => ({ view }));
    return {
      tree,
      dispose: () => {
        tree.dispose();
        emitter.dispose();
      },
    };
  }

  /** Agent main's anthropic row under the remote connection. */
  function anthropicRow(tree: ProfilesTreeDataProvider): Extract<TreeNode, { kind: 'remoteProvider' }> {
    const remote = tree.getChildren().find((n) => n.kind === 'connection' && n.remoteId !== undefined);
    const main = tree.getChildren(remote).find((n) => n.kind === 'remoteAgent' && n.agentId === 'main');
    const row = tree.getChildren(main).find((n) => n.kind === 'remoteProvider' && n.provider.provider === 'anthropic');
    assert.ok(row?.kind === 'remoteProvider', 'agent main has an anthropic row');
    return row;
  }

  /** Agent main's anthropic entry as the extension last read it from the remote. */
  const mainAnthropic = (): Provider | undefined =>
    a
      .getRemoteGateways()[0]
      ?.agents?.find((x) => x.id === 'main')
      ?.authStatus?.providers.find((p) => p.provider === 'anthropic');

  /** The same, asked on the gateway host with the real CLI (its own loopback connection and the home's token). */
  async function witness(): Promise<Provider | undefined> {
    // Right after a write the gateway may still be preparing its catalog (an `unavailable` answer): ask again.
    const answer = await until(
      'a prepared models.authStatus from the CLI on the host',
      async () => {
        const r = await mustRun('current', home, [
          'gateway',
          'call',
          'models.authStatus',
          '--json',
          '--params',
          JSON.stringify({ agentId: 'main' }),
        ]);
        const parsed = stdoutJson(r) as { providers?: Provider[]; unavailable?: unknown };
        return parsed.unavailable === undefined && parsed;
      },
      PREPARED_MS,
    );
    return answer.providers?.find((p) => p.provider === 'anthropic');
  }

  it('Set Order, Clear Order and Remove on the remote rows go through that gateway (seen in its authStatus)', async () => {
    const id = a.getRemoteGateways()[0]?.id;
    assert.ok(id);
    const { tree, dispose } = await remoteTree();
    const row = anthropicRow(tree);

    // Set Order from the row, as a person: each pick takes the last profile offered, so the order is reversed.
    let offered: string[] | undefined;
    w.showQuickPick = (items: readonly { id?: string }[]) => {
      offered ??= items.map((i) => String(i.id));
      return Promise.resolve(items[items.length - 1]);
    };
    await cmd('openclawAuth.setOrder', row);
    assert.deepEqual(errors, []);
    assert.equal(offered?.length, 2);
    const expected = [...(offered ?? [])].reverse();
    await until(
      "the new order in the extension's re-read",
      () => {
        const p = mainAnthropic();
        return p?.profileOrderStored && p.profileOrder?.join() === expected.join();
      },
      PREPARED_MS,
    );
    const seen = await witness();
    assert.equal(seen?.profileOrderStored, true);
    assert.deepEqual(seen?.profileOrder, expected);

    // Clear Order (automation names the remote by id) and Remove from the profile row (modal answered Remove).
    const cleared = (await cmd('openclawAuth.clearOrder', { remoteId: id, agent: 'main', provider: 'anthropic' })) as {
      confirmed?: boolean;
    };
    assert.equal(cleared.confirmed, true);
    const work = tree
      .getChildren(anthropicRow(tree))
      .find((n) => n.kind === 'remoteProfile' && n.profile.profileId === 'anthropic:work');
    assert.ok(work);
    assert.match(String(tree.getTreeItem(work).contextValue), /^remoteProfile;(?=.*;live;)(?=.*;removable;)/);
    w.showWarningMessage = (_m: string, _o: unknown, remove: string) => Promise.resolve(remove);
    await cmd('openclawAuth.removeProfile', work);
    assert.deepEqual(errors, []);
    await until(
      "anthropic:work gone from the extension's re-read",
      () => !mainAnthropic()?.profiles.some((p) => p.profileId === 'anthropic:work'),
      PREPARED_MS,
    );
    const after = await witness();
    assert.equal(after?.profileOrderStored ?? false, false);
    assert.deepEqual(
      after?.profiles.map((p) => p.profileId),
      mainAnthropic()?.profiles.map((p) => p.profileId),
    );
    assert.equal(
      after?.profiles.some((p) => p.profileId === 'anthropic:work'),
      false,
    );
    dispose();
  });

  it('Remove Gateway deletes it; the tree is as before', async () => {
    const id = a.getRemoteGateways()[0]?.id;
    assert.ok(id);
    w.showWarningMessage = (_m: string, _o: unknown, remove: string) => Promise.resolve(remove);
    await cmd('openclawAuth.removeGateway', { kind: 'connection', remoteId: id });
    await until('no remote gateway', () => a.getRemoteGateways().length === 0);
  });
});
