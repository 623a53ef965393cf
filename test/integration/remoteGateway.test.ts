// A remote gateway inside a real VS Code: a real `openclaw gateway run` behind the loopback forwarding proxy (so the
// gateway treats the extension as remote). "Add Gateway…" is answered as a person would (URL, token kind, token);
// the extension shows the exact approve command, the test approves with the real CLI, and the extension connects by
// itself and says so. The tree's top level becomes connections; "Remove Gateway" takes it back. The token has the
// FAKE-SECRET shape, so run-integration's secret scan fails the run if any log or setting holds it.

import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Snapshot } from '../../src/openclaw/types';
import { ProfilesTreeDataProvider } from '../../src/ui/tree';
import { forwardingProxy } from '../fixtures/forwardingProxy';
import { freePort, startGateway, type RunningGateway } from '../fixtures/gateway';
import { fakeApiKey } from '../fixtures/homes';
import { mustRun } from '../fixtures/openclaw';
import { activateApi, cmd, type Api, until } from './helpers';

type Window = Record<'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage', unknown>;

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
  };
  const infos: string[] = [];
  let gateway: RunningGateway | undefined;
  let proxy: { port: number; close(): Promise<void> } | undefined;
  let a: Api;

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 8 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'anthropic'],
      `${fakeApiKey('remote-int')}\n`,
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
        { path: 'gateway.trustedProxies', value: ['127.0.0.1'] },
      ]),
      { mode: 0o600 },
    );
    await mustRun('current', home, ['config', 'set', '--batch-file', batch]);
    fs.rmSync(batch, { force: true });
    gateway = await startGateway(home, port, token, { timeoutMs: 240_000 });
    proxy = await forwardingProxy(port);
    a = await activateApi();
  });

  after(async () => {
    Object.assign(w, original);
    await proxy?.close();
    await gateway?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('Add Gateway… shows the approve command; once approved with the CLI it connects by itself', async () => {
    const url = `ws://127.0.0.1:${proxy!.port}`;
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
    const requestId = pairing.failure!.requestId!;
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

    // The tree: connections at the top, this machine's rows under "This machine", the remote's rows under it.
    const snapshot: Snapshot = a.getSnapshot() ?? (await a.refresh());
    const emitter = new vscode.EventEmitter<Snapshot>();
    const tree = new ProfilesTreeDataProvider({ current: snapshot, onDidChange: emitter.event });
    tree.remotes = () => a.getRemoteGateways().map((view) => ({ view }));
    const top = tree.getChildren();
    assert.deepEqual(
      top.map((n) => tree.getTreeItem(n).label),
      ['This machine', '127.0.0.1'],
    );
    const remoteRow = top[1];
    assert.ok(remoteRow);
    assert.match(String(tree.getTreeItem(remoteRow).description), /^connected/);
    const providers = tree.getChildren(remoteRow);
    assert.ok(
      providers.some((n) => n.kind === 'remoteProvider' && n.provider.provider === 'anthropic'),
      JSON.stringify(connected.authStatus?.providers.map((p) => p.provider)),
    );
    const anthropic = providers.find((n) => n.kind === 'remoteProvider' && n.provider.provider === 'anthropic')!;
    const profiles = tree.getChildren(anthropic);
    const [only, ...more] = profiles;
    assert.ok(only && more.length === 0, `one profile row, not ${profiles.length}`);
    assert.deepEqual(tree.getParent(only), anthropic);
    tree.dispose();
    emitter.dispose();
  });

  it('Remove Gateway deletes it; the tree is as before', async () => {
    const id = a.getRemoteGateways()[0]?.id;
    assert.ok(id);
    w.showWarningMessage = (_m: string, _o: unknown, remove: string) => Promise.resolve(remove);
    await cmd('openclawAuth.removeGateway', { kind: 'connection', remoteId: id });
    await until('no remote gateway', () => a.getRemoteGateways().length === 0);
  });
});
