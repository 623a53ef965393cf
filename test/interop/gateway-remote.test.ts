// Remote pairing, end to end on this machine: one real `openclaw gateway run` (2026.9.6, loopback, token,
// `gateway.trustedProxies: ["127.0.0.1"]`) behind a loopback reverse proxy that adds `X-Forwarded-For: 192.168.77.10`
// to the WebSocket upgrade, so the gateway treats our client as remote (shared doc, "Remote gateways and pairing").
// Our session with a fresh Ed25519 identity sees PAIRING_REQUIRED; the test approves with the real CLI
// (`openclaw devices approve <requestId>` in the gateway's home); the session connects by itself, keeps the issued
// device token, and that token alone then connects. Wrong and missing tokens get their own codes; a gateway that goes
// away leaves the last answer marked stale. Its agents come from `agents.list`, and a write through the paired device
// (order set and clear, operator.admin) shows in the gateway's authStatus at once.

import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDeviceIdentity, memoryTokenStore, type DeviceIdentity } from '../../src/openclaw/gateway/deviceIdentity';
import { createRemoteSession } from '../../src/openclaw/gateway/index';
import type { RemoteGatewayConfig, RemoteSecrets } from '../../src/openclaw/gateway/remote';
import type { RemoteGatewaySession, RemoteStatus, RemoteView } from '../../src/openclaw/gateway/remoteSession';
import { clearOrderViaGateway, setOrderViaGateway } from '../../src/openclaw/gateway/writes';
import { forwardingProxy } from '../fixtures/forwardingProxy';
import { freePort, startGateway, type RunningGateway, OFFLINE_GATEWAY_SETTINGS } from '../fixtures/gateway';
import { fakeApiKey } from '../fixtures/homes';
import { mustRun } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

function waitFor(
  session: RemoteGatewaySession,
  test: (v: RemoteView) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<RemoteView> {
  if (test(session.view)) return Promise.resolve(session.view);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`waited for ${what}; view is ${JSON.stringify({ ...session.view, authStatus: undefined })}`));
    }, timeoutMs);
    const sub = session.onDidChange((v) => {
      if (!test(v)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}
const status = (s: RemoteStatus) => (v: RemoteView) => v.status === s;

describe('interop: a remote gateway by pairing (real gateway behind a forwarding proxy)', function () {
  this.timeout(90_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-remote-'));
  const home = path.join(root, 'home');
  let gateway: RunningGateway | undefined;
  let proxy: { port: number; close(): Promise<void> } | undefined;
  let token = '';
  const sessions: RemoteGatewaySession[] = [];
  const identity: DeviceIdentity = createDeviceIdentity();
  const tokens = memoryTokenStore();
  const config = (): RemoteGatewayConfig => ({
    id: 'gw-test',
    url: `ws://127.0.0.1:${must(proxy, 'proxy').port}`,
    addedAt: Date.now(),
  });
  const open = (secrets: RemoteSecrets, id = identity, store = tokens): RemoteGatewaySession => {
    const s = createRemoteSession({
      config: config(),
      secrets,
      identity: id,
      tokens: store,
      clientVersion: 'test',
      pairingBackoffMs: [1000, 2000],
      refreshMs: 0,
    });
    sessions.push(s);
    s.start();
    return s;
  };

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'anthropic'],
      `${fakeApiKey('remote')}\n`,
    );
    const port = await freePort();
    token = crypto.randomBytes(18).toString('base64url');
    // One batch (the token goes in a file, not argv): what the fixture's configureGateway writes, plus the proxy trust.
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
      ]),
      { mode: 0o600 },
    );
    await mustRun('current', home, ['config', 'set', '--batch-file', batch]);
    fs.rmSync(batch, { force: true });
    gateway = await startGateway(home, port, token, { timeoutMs: 240_000 });
    proxy = await forwardingProxy(port);
  });

  after(async () => {
    await Promise.all(sessions.map((s) => s.dispose()));
    await proxy?.close();
    await gateway?.stop();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  it('a new device with the token is asked to pair; after `openclaw devices approve` it connects by itself', async () => {
    const session = open({ token });
    const pairing = await waitFor(session, status('pairing'), 'PAIRING_REQUIRED', 60_000);
    assert.equal(pairing.failure?.code, 'PAIRING_REQUIRED');
    assert.equal(pairing.failure?.deviceId, identity.deviceId);
    const requestId = pairing.failure?.requestId;
    assert.ok(requestId, 'the gateway names the request to approve');
    assert.equal(tokens.load(), undefined);
    assert.equal(JSON.stringify(session.view).includes(token), false);

    const started = Date.now();
    await mustRun('current', home, ['devices', 'approve', requestId]);
    const connected = await waitFor(
      session,
      (v) => v.status === 'connected' && v.authStatus !== undefined,
      'connected',
    );
    console.log(`[interop remote] connected ${Date.now() - started} ms after the CLI approve started`);
    assert.equal(connected.failure, undefined);
    assert.deepEqual(
      connected.authStatus?.providers.filter((p) => p.profiles.length > 0).map((p) => p.provider),
      ['anthropic'],
    );
    const issued = tokens.load();
    assert.ok(issued?.token, 'the gateway issued a device token and the session kept it');
    assert.notEqual(issued.token, token);
    assert.ok(issued.scopes.includes('operator.read'), JSON.stringify(issued.scopes));
    // Order, logout and probe are operator.admin (dist/method-scopes-*.mjs): the pairing must have granted it.
    assert.ok(issued.scopes.includes('operator.admin'), JSON.stringify(issued.scopes));
    // The agents as `agents.list` names them (this home has only its implicit default agent).
    assert.deepEqual(
      connected.agents?.map((a) => [a.id, a.isDefault]),
      [['main', true]],
    );
    await session.dispose();
  });

  let deviceOnly: RemoteGatewaySession | undefined;
  it('the issued device token alone connects (no gateway token or password)', async () => {
    assert.ok(tokens.load()?.token);
    const session = open({});
    deviceOnly = session;
    const v = await waitFor(session, (x) => x.status === 'connected' && x.authStatus !== undefined, 'connected');
    assert.equal(
      v.authStatus?.providers.some((p) => p.provider === 'anthropic'),
      true,
    );
  });

  it("a write through the paired device is confirmed in that gateway's authStatus (order set, then clear)", async () => {
    const session = deviceOnly;
    const writer = session?.writer('main');
    assert.ok(session && writer, 'connected in the earlier test');
    const ids = (writer.known?.providers.find((p) => p.provider === 'anthropic')?.profiles ?? []).map(
      (p) => p.profileId,
    );
    assert.equal(ids.length, 1);
    const set = await setOrderViaGateway(writer.gateway, writer.known, {
      agentId: 'main',
      provider: 'anthropic',
      profileIds: ids,
    });
    assert.deepEqual([set.route, set.route === 'gateway' && set.confirmed], ['gateway', true]);
    await session.fetch();
    const stored = session.writer('main')?.known?.providers.find((p) => p.provider === 'anthropic');
    assert.equal(stored?.profileOrderStored, true);
    const cleared = await clearOrderViaGateway(writer.gateway, session.writer('main')?.known, {
      agentId: 'main',
      provider: 'anthropic',
    });
    assert.deepEqual([cleared.route, cleared.route === 'gateway' && cleared.confirmed], ['gateway', true]);
  });

  it('a wrong token and no token each get their own code', async () => {
    const wrong = open({ token: `${token}x` }, createDeviceIdentity(), memoryTokenStore());
    assert.equal((await waitFor(wrong, status('failed'), 'failed')).failure?.code, 'AUTH_TOKEN_MISMATCH');
    const none = open({}, createDeviceIdentity(), memoryTokenStore());
    assert.equal((await waitFor(none, status('failed'), 'failed')).failure?.code, 'AUTH_TOKEN_MISSING');
  });

  it('a gateway that goes away keeps its last answer, marked stale', async () => {
    const session = deviceOnly;
    assert.ok(session?.view.status === 'connected' && session.view.authStatus, 'connected in the earlier test');
    await must(proxy, 'proxy').close();
    const v = await waitFor(session, (x) => x.status !== 'connected', 'not connected', 60_000);
    assert.equal(v.stale, true);
    assert.ok(v.authStatus && v.fetchedAt);
    assert.equal(v.agents?.length, 1, 'the agents are kept too');
  });
});
