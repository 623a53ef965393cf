// A self-signed `wss://` gateway: one real `openclaw gateway run` (2026.9.6, loopback, token, `gateway.tls.enabled`
// with OpenClaw's own auto-generated certificate). The pin is the SHA-256 of the certificate file the gateway wrote
// (read with Node's X509Certificate, independent of the client): with it our session connects; with a wrong pin it
// fails as TLS_FINGERPRINT_MISMATCH; with none, as TLS_SELF_SIGNED (Node refuses the certificate).

import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDeviceIdentity, memoryTokenStore } from '../../src/openclaw/gateway/deviceIdentity';
import { createRemoteSession } from '../../src/openclaw/gateway/index';
import { normalizeTlsFingerprint } from '../../src/openclaw/gateway/remote';
import type { RemoteGatewaySession, RemoteView } from '../../src/openclaw/gateway/remoteSession';
import { freePort, startGateway, type RunningGateway, OFFLINE_GATEWAY_SETTINGS } from '../fixtures/gateway';
import { mustRun } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

function certificatesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return certificatesUnder(full);
    return /\.(crt|pem|cert)$/.test(e.name) && fs.readFileSync(full, 'utf8').includes('BEGIN CERTIFICATE')
      ? [full]
      : [];
  });
}

function settle(session: RemoteGatewaySession, timeoutMs = 45_000): Promise<RemoteView> {
  const done = (v: RemoteView) => v.status === 'connected' || v.status === 'failed';
  if (done(session.view)) return Promise.resolve(session.view);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no outcome; view is ${JSON.stringify({ ...session.view, authStatus: undefined })}`));
    }, timeoutMs);
    const sub = session.onDidChange((v) => {
      if (!done(v)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}

describe('interop: a self-signed wss:// gateway and its TLS pin (real gateway)', function () {
  this.timeout(90_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-tls-'));
  const home = path.join(root, 'home');
  let gateway: RunningGateway | undefined;
  let token = '';
  let fingerprint = '';
  const sessions: RemoteGatewaySession[] = [];
  const open = (tlsFingerprint?: string): RemoteGatewaySession => {
    const s = createRemoteSession({
      config: {
        id: 'gw-tls',
        url: `wss://127.0.0.1:${must(gateway, 'gateway').port}`,
        addedAt: Date.now(),
        ...(tlsFingerprint ? { tlsFingerprint } : {}),
      },
      secrets: { token },
      identity: createDeviceIdentity(),
      tokens: memoryTokenStore(),
      clientVersion: 'test',
      refreshMs: 0,
    });
    sessions.push(s);
    s.start();
    return s;
  };

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    const port = await freePort();
    token = crypto.randomBytes(18).toString('base64url');
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
        { path: 'gateway.tls.enabled', value: true },
        { path: 'gateway.tls.autoGenerate', value: true },
      ]),
      { mode: 0o600 },
    );
    await mustRun('current', home, ['config', 'set', '--batch-file', batch]);
    fs.rmSync(batch, { force: true });
    gateway = await startGateway(home, port, token, { timeoutMs: 240_000 });
    const certs = certificatesUnder(path.join(home, '.openclaw'));
    const [cert, ...others] = certs;
    assert.ok(cert && others.length === 0, `one generated certificate under the state dir: ${certs.join(', ')}`);
    fingerprint = new crypto.X509Certificate(fs.readFileSync(cert)).fingerprint256;
  });

  after(async () => {
    await Promise.all(sessions.map((s) => s.dispose()));
    await gateway?.stop();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  it('the certificate’s own fingerprint (as openssl prints it, AB:CD:…) connects', async () => {
    assert.match(fingerprint, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const v = await settle(open(normalizeTlsFingerprint(fingerprint)));
    assert.equal(v.status, 'connected', JSON.stringify(v.failure));
  });

  it('a wrong fingerprint is TLS_FINGERPRINT_MISMATCH; no fingerprint is TLS_SELF_SIGNED', async () => {
    const wrong = crypto.createHash('sha256').update('another certificate').digest('hex');
    const [mismatch, unpinned] = await Promise.all([settle(open(wrong)), settle(open())]);
    assert.equal(mismatch.status, 'failed');
    assert.equal(mismatch.failure?.code, 'TLS_FINGERPRINT_MISMATCH');
    assert.equal(unpinned.status, 'failed');
    assert.equal(unpinned.failure?.code, 'TLS_SELF_SIGNED');
  });
});
