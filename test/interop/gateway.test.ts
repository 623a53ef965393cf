// The live gateway, differential: one real `openclaw gateway run` (2026.9.6, loopback, token) for a home made by
// the real CLI. What the local snapshot says (Reader, straight from the stores) must equal what the gateway says
// through our own connection (`models.authStatus`): ids, types, status, expiry, stored order. Then a change the
// gateway could not see, made through our domain, shows in authStatus after our `models.authRefresh` without a
// restart. And the states a person sees: token rejected, token missing, nothing listening.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliInfo } from '../../src/openclaw/cli';
import { discoverLocalGateway, type GatewayDiscovery, type GatewayTarget } from '../../src/openclaw/gateway/config';
import type { GatewayConnection } from '../../src/openclaw/gateway/connection';
import { createGatewayConnection } from '../../src/openclaw/gateway/index';
import type { AuthStatus } from '../../src/openclaw/gateway/schemas';
import type { SqliteSource } from '../../src/openclaw/model';
import * as ops from '../../src/openclaw/operations';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import type { Snapshot } from '../../src/openclaw/types';
import { configureGateway, freePort, startGateway, waitForState, type RunningGateway } from '../fixtures/gateway';
import { fakeApiKey, fakeToken } from '../fixtures/homes';
import { cliEnv, mustRun, node24Path, openclawEntry } from '../fixtures/openclaw';
import { must, providerOf } from '../fixtures/must';

const WARN_WINDOW_MS = 86_400_000;

/** Every difference between the snapshot of one agent and the gateway's authStatus for it; [] when they agree. */
function differences(snapshot: Snapshot, agentId: string, status: AuthStatus): string[] {
  const out: string[] = [];
  const agent = snapshot.agents.find((a) => a.id === agentId);
  if (!agent) return [`snapshot has no agent ${agentId}`];
  const local = agent.providers.filter((p) => p.profiles.some((x) => !x.declaredOnly));
  const remote = status.providers.filter((p) => p.profiles.length > 0);
  const ids = (list: { id?: string; provider?: string }[]) => list.map((p) => p.id ?? p.provider).sort();
  if (JSON.stringify(ids(local)) !== JSON.stringify(ids(remote)))
    out.push(`providers: local ${ids(local).join(',')} vs gateway ${ids(remote).join(',')}`);
  for (const lp of local) {
    const gp = remote.find((p) => p.provider === lp.id);
    if (!gp) continue;
    const localProfiles = lp.profiles.filter((x) => !x.declaredOnly).sort((a, b) => a.id.localeCompare(b.id));
    const gatewayProfiles = [...gp.profiles].sort((a, b) => a.profileId.localeCompare(b.profileId));
    const row = (p: { id: string; type: string; status: string; at?: number }) =>
      `${p.id} ${p.type} ${p.status} ${p.at ?? '-'}`;
    const l = localProfiles.map((p) =>
      row({ id: p.id, type: p.type, status: p.health, ...(p.expiresAt ? { at: p.expiresAt } : {}) }),
    );
    const g = gatewayProfiles.map((p) =>
      row({ id: p.profileId, type: p.type, status: p.status, ...(p.expiry?.at ? { at: p.expiry.at } : {}) }),
    );
    if (JSON.stringify(l) !== JSON.stringify(g))
      out.push(`${lp.id} profiles:\n  local   ${l.join('\n          ')}\n  gateway ${g.join('\n          ')}`);
    // The gateway reports the stored per-agent order (profileOrderStored); the snapshot has it as storedOrder.
    const localStored = lp.orderSource === 'stored' ? (lp.storedOrder ?? []) : undefined;
    const gatewayStored = gp.profileOrderStored ? (gp.profileOrder ?? []) : undefined;
    if (JSON.stringify(localStored) !== JSON.stringify(gatewayStored))
      out.push(
        `${lp.id} stored order: local ${JSON.stringify(localStored)} vs gateway ${JSON.stringify(gatewayStored)}`,
      );
    if (gatewayStored && JSON.stringify(lp.order) !== JSON.stringify(gatewayStored))
      out.push(`${lp.id} effective order ${JSON.stringify(lp.order)} vs gateway ${JSON.stringify(gatewayStored)}`);
  }
  return out;
}

describe('interop: the live gateway (real openclaw gateway run)', function () {
  this.timeout(60_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-gw-'));
  const home = path.join(root, 'home');
  const env = cliEnv(home);
  let gateway: RunningGateway | undefined;
  let discovery: GatewayDiscovery;
  let connection: GatewayConnection;
  let sqlite: SqliteSource | undefined;
  const extra: GatewayConnection[] = [];
  const read = () =>
    new Reader({ env, homedir: home, warnWindowMs: WARN_WINDOW_MS, ...(sqlite ? { sqlite } : {}) }).read();
  const connect = (target: GatewayTarget): GatewayConnection => {
    const c = createGatewayConnection({ kind: 'local', target }, { clientVersion: 'test' });
    extra.push(c);
    c.start();
    return c;
  };

  before(async function () {
    // Three CLI calls (5-40 s each on a busy 2-core runner) and a gateway start (~12-27 s).
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    const started = Date.now();
    // First, while no CLI has touched the home: then it is written directly, without a CLI call.
    const port = await freePort();
    const token = await configureGateway(home, port);
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
        '30d',
      ],
      `${fakeToken('gateway', 'work')}\n`,
    );
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'anthropic'],
      `${fakeApiKey('gateway')}\n`,
    );
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'openrouter'],
      `${fakeApiKey('gateway', 'sk-or-v1')}\n`,
    );
    const built = Date.now();
    gateway = await startGateway(home, port, token);
    console.log(
      `[interop gateway] home in ${((built - started) / 1000).toFixed(1)} s; gateway listening after ${(gateway.startMs / 1000).toFixed(1)} s`,
    );
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    discovery = discoverLocalGateway({ env, homedir: home });
    assert.equal(discovery.kind, 'local', JSON.stringify(discovery));
    const t0 = Date.now();
    connection = createGatewayConnection(discovery, { clientVersion: 'test' });
    connection.start();
    await waitForState(connection, ['connected'], 60_000);
    console.log(`[interop gateway] connected in ${Date.now() - t0} ms (OpenClaw ${connection.state.serverVersion})`);
  });

  after(async () => {
    await Promise.all([connection?.dispose(), ...extra.map((c) => c.dispose())]);
    await gateway?.stop();
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  it('discovery finds the port and token the CLI wrote, on loopback, and never puts the token anywhere else', () => {
    assert.ok(gateway);
    const target = (discovery as { target: GatewayTarget }).target;
    assert.equal(target.url, `ws://127.0.0.1:${gateway.port}`);
    assert.equal(target.portSource, 'config');
    assert.equal(target.credentialSource, 'config');
    assert.equal(target.token, gateway.token);
    assert.equal(JSON.stringify(connection.state).includes(gateway.token), false);
  });

  it('snapshot (local stores) == models.authStatus (gateway): ids, types, status, expiry', async () => {
    const snapshot = await read();
    const started = performance.now();
    const status = await connection.authStatus('main');
    console.log(`[interop gateway] models.authStatus in ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(status.providers.map((p) => p.provider).sort(), ['anthropic', 'openrouter']);
    assert.equal(status.providers.find((p) => p.provider === 'anthropic')?.profiles.length, 2);
    assert.deepEqual(differences(snapshot, 'main', status), []);
  });

  it('a change the gateway could not see (CLI pointed at another port) shows after our authRefresh, without a restart', async () => {
    // The CLI refreshes a gateway it can reach; pointed at a port nothing listens on, it cannot.
    const elsewhere = await freePort();
    const cli: CliInfo = {
      path: openclawEntry('current'),
      version: '2026.9.6',
      nodeCandidates: [node24Path()],
      node: node24Path(),
      script: openclawEntry('current'),
    };
    const before = await read();
    const current = providerOf(before, 'anthropic').order;
    const reversed = [...current].reverse();
    assert.notDeepEqual(reversed, current);
    await ops.setOrder(
      {
        cli,
        env: { ...env, OPENCLAW_GATEWAY_PORT: String(elsewhere) },
        agents: ['main'],
        defaultAgent: 'main',
        timeoutMs: 120_000,
      },
      { provider: 'anthropic', profileIds: reversed },
    );

    const after = await read();
    assert.deepEqual(providerOf(after, 'anthropic').storedOrder, reversed, 'the store has the new order');
    const stale = await connection.authStatus('main');
    assert.notDeepEqual(
      stale.providers.find((p) => p.provider === 'anthropic')?.profileOrder,
      reversed,
      'the gateway should not have seen the change yet',
    );
    assert.notDeepEqual(differences(after, 'main', stale), [], 'the differential must see the stale gateway');

    const started = performance.now();
    assert.equal(await connection.authRefresh('update'), true);
    const fresh = await connection.authStatus('main');
    console.log(`[interop gateway] authRefresh + authStatus in ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(fresh.providers.find((p) => p.provider === 'anthropic')?.profileOrder, reversed);
    assert.deepEqual(differences(after, 'main', fresh), []);
  });

  it('usage.status and models.probe answer in the shapes we validate (probe of a provider with nothing to test: no traffic)', async () => {
    const usage = await connection.usageStatus();
    assert.ok(Array.isArray(usage.providers));
    // xai has no credential in this home: the gateway answers at once with no targets, and calls nobody.
    const probe = await connection.probe({ provider: 'xai', agentId: 'main', timeoutMs: 5000 });
    assert.equal(probe.provider, 'xai');
    assert.deepEqual(probe.results, []);
    assert.match(probe.error ?? '', /No probe targets/);
  });

  it('a wrong token: auth-failed with AUTH_TOKEN_MISMATCH, and no retry', async () => {
    const target = (discovery as { target: GatewayTarget }).target;
    const wrong = connect({ ...target, token: `${target.token}-wrong` });
    await waitForState(wrong, ['auth-failed', 'connected', 'error']);
    assert.equal(wrong.state.kind, 'auth-failed', JSON.stringify(wrong.state));
    assert.equal(wrong.state.code, 'AUTH_TOKEN_MISMATCH');
    // The client would report "client stopped" or retry; the refused state must stay as it is.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(wrong.state.kind, 'auth-failed', JSON.stringify(wrong.state));
    assert.equal(
      JSON.stringify(wrong.state).includes(must(target.token, 'target.token')),
      false,
      'the state never holds the token',
    );
  });

  it('no token at all: auth-failed with AUTH_TOKEN_MISSING (not a pairing prompt)', async () => {
    const target = (discovery as { target: GatewayTarget }).target;
    const { token: _token, ...withoutToken } = target;
    void _token;
    const none = connect(withoutToken);
    await waitForState(none, ['auth-failed', 'connected', 'error']);
    assert.equal(none.state.kind, 'auth-failed', JSON.stringify(none.state));
    assert.equal(none.state.code, 'AUTH_TOKEN_MISSING');
  });

  it('nothing listening: not-running (a normal state), and the client keeps trying', async () => {
    const port = await freePort();
    const target = (discovery as { target: GatewayTarget }).target;
    const idle = connect({ ...target, url: `ws://127.0.0.1:${port}`, port });
    await waitForState(idle, ['not-running', 'connected', 'error', 'auth-failed']);
    assert.equal(idle.state.kind, 'not-running');
    await assert.rejects(idle.authStatus('main'), /not connected/);
  });
});
