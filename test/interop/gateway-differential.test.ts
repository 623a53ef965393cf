// Differential over the scenario matrix: for several interop homes (made by the real CLI 2026.9.6), one real
// `openclaw gateway run` per home, started once for the file. The snapshot the extension builds from local files
// must equal what the gateway says (`models.authStatus`) in ids, types, status, expiry and stored order — checked
// by the same compare.ts the UI uses. Then writes made the extension's way (writes.ts: order set, order clear,
// logout through the gateway) are visible in authStatus at once, without a restart or a refresh.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareAgent } from '../../src/openclaw/gateway/compare';
import { discoverLocalGateway } from '../../src/openclaw/gateway/config';
import type { GatewayConnection } from '../../src/openclaw/gateway/connection';
import { createGatewayConnection } from '../../src/openclaw/gateway/index';
import { clearOrderViaGateway, logoutViaGateway, setOrderViaGateway } from '../../src/openclaw/gateway/writes';
import type { SqliteSource } from '../../src/openclaw/model';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import { configureGateway, freePort, startGateway, type RunningGateway } from '../fixtures/gateway';
import { buildScenarioHomes, type ScenarioHome, type ScenarioName } from '../fixtures/homes';
import { node24Path } from '../fixtures/openclaw';
import { must, providerOf } from '../fixtures/must';

// Expiry (an expired token and 30-day ones), several agents, a stored order beside a config order. Each home costs a
// gateway start (~22 s quiet, 100-160 s on a loaded 2-core machine); OAuth homes are covered by gateway.test.ts's shape.
const HOMES: ScenarioName[] = ['token-expired', 'two-agents', 'stored-order-vs-config-order'];

interface Live {
  home: ScenarioHome;
  gateway: RunningGateway;
  connection: GatewayConnection;
}

function connected(connection: GatewayConnection, timeoutMs = 60_000): Promise<void> {
  if (connection.state.kind === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still ${JSON.stringify(connection.state)}`)), timeoutMs);
    const sub = connection.onDidChangeState((s) => {
      if (s.kind !== 'connected') return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

describe('interop: local snapshot == models.authStatus over scenario homes (one real gateway per home)', function () {
  this.timeout(60_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-gwdiff-'));
  const live = new Map<ScenarioName, Live>();
  let sqlite: SqliteSource | undefined;
  const read = (h: ScenarioHome) =>
    new Reader({ env: h.env, homedir: h.home, warnWindowMs: 86_400_000, ...(sqlite ? { sqlite } : {}) }).read();

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 25 * 60_000);
    const homes = await buildScenarioHomes(path.join(root, 'homes'), HOMES);
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    // All at once: a start is mostly waiting on OpenClaw's own start-up, and the homes are independent.
    // allSettled: a failed start must not leave the others running unseen by after().
    const started = await Promise.allSettled(
      HOMES.map(async (name) => {
        const home = homes[name];
        const port = await freePort();
        const token = await configureGateway(home.home, port, undefined, home.env);
        // A busy 2-core machine has taken over 120 s to start one.
        const gateway = await startGateway(home.home, port, token, { env: home.env, timeoutMs: 600_000 });
        const discovery = discoverLocalGateway({ env: home.env, homedir: home.home });
        assert.equal(discovery.kind, 'local', `${name}: ${JSON.stringify(discovery)}`);
        const connection = createGatewayConnection(discovery, { clientVersion: 'test' });
        live.set(name, { home, gateway, connection });
        connection.start();
        await connected(connection, 120_000);
        console.log(`[interop gwdiff] ${name}: gateway listening after ${(gateway.startMs / 1000).toFixed(1)} s`);
      }),
    );
    for (const r of started) if (r.status === 'rejected') throw r.reason;
  });

  after(async function () {
    this.timeout(120_000);
    await Promise.all([...live.values()].map(async (l) => (await l.connection.dispose(), await l.gateway.stop())));
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  for (const name of HOMES) {
    it(`${name}: every agent agrees (ids, types, status, expiry, stored order)`, async () => {
      const l = live.get(name);
      assert.ok(l, 'the gateway started');
      const snapshot = await read(l.home);
      assert.ok(snapshot.agents.length >= 1);
      for (const agent of snapshot.agents) {
        const status = await l.connection.authStatus(agent.id);
        const local = agent.providers.flatMap((p) => p.profiles.filter((x) => !x.declaredOnly)).length;
        const remote = status.providers.flatMap((p) => p.profiles).length;
        assert.ok(local > 0 && remote > 0, `${name}/${agent.id}: both sides list profiles (${local}, ${remote})`);
        assert.deepEqual(compareAgent(agent, status).differences, [], `${name}/${agent.id}`);
        // The finding compare.ts allows for, checked here so a newer OpenClaw that sends the time is noticed:
        // an expired token comes without `expiry` from the gateway, with its time in the local read.
        for (const p of agent.providers.flatMap((x) => x.profiles).filter((x) => x.health === 'expired')) {
          const g = status.providers.flatMap((x) => x.profiles).find((x) => x.profileId === p.id);
          assert.equal(g?.status, 'expired', p.id);
          assert.equal(g?.expiry, undefined, `${p.id}: the gateway now reports the expiry of an expired token`);
          assert.ok(p.expiresAt, `${p.id}: the local read has its time`);
        }
      }
    });
  }

  it('order set and clear through the gateway show in authStatus at once, and the files agree', async () => {
    const l = must(live.get('stored-order-vs-config-order'), "live.get('stored-order-vs-config-order')");
    const before = await l.connection.authStatus('main');
    const anthropic = must(
      before.providers.find((p) => p.provider === 'anthropic'),
      "before.providers.find((p) => p.provider === 'anthropic')",
    );
    const all = anthropic.profiles
      .map((p) => p.profileId)
      .sort()
      .reverse();
    assert.ok(all.length >= 3);
    const set = await setOrderViaGateway(l.connection, before, {
      agentId: 'main',
      provider: 'anthropic',
      profileIds: all,
    });
    assert.equal(set.route, 'gateway', JSON.stringify(set));
    assert.equal(set.route === 'gateway' && set.confirmed, true, 'confirmed by the next authStatus');
    console.log(`[interop gwdiff] authOrderSet → visible in authStatus: ${set.route === 'gateway' ? set.ms : '-'} ms`);
    const snapshot = await read(l.home);
    assert.deepEqual(providerOf(snapshot, 'anthropic').storedOrder, all);
    assert.deepEqual(
      compareAgent(must(snapshot.agents[0], 'an agent'), await l.connection.authStatus('main')).differences,
      [],
    );

    // A subset (an exclusion) is the CLI's to write: nothing is sent.
    const subset = await setOrderViaGateway(l.connection, await l.connection.authStatus('main'), {
      agentId: 'main',
      provider: 'anthropic',
      profileIds: all.slice(0, 1),
    });
    assert.deepEqual(subset, { route: 'cli', reason: 'subset' });

    const cleared = await clearOrderViaGateway(l.connection, await l.connection.authStatus('main'), {
      agentId: 'main',
      provider: 'anthropic',
    });
    assert.equal(cleared.route === 'gateway' && cleared.confirmed, true, JSON.stringify(cleared));
    const after = await read(l.home);
    assert.notEqual(providerOf(after, 'anthropic').orderSource, 'stored');
  });

  it('logout through the gateway: the profile is gone from authStatus at once and from the files', async () => {
    const l = must(live.get('two-agents'), "live.get('two-agents')");
    const before = await l.connection.authStatus('work');
    assert.ok(before.providers.some((p) => p.profiles.some((x) => x.profileId === 'anthropic:work')));
    const out = await logoutViaGateway(l.connection, before, { agentId: 'work', profileId: 'anthropic:work' });
    assert.equal(out.route === 'gateway' && out.confirmed, true, JSON.stringify(out));
    console.log(`[interop gwdiff] authLogout → gone from authStatus: ${out.route === 'gateway' ? out.ms : '-'} ms`);
    const snapshot = await read(l.home);
    const work = must(
      snapshot.agents.find((a) => a.id === 'work'),
      "snapshot.agents.find((a) => a.id === 'work')",
    );
    assert.equal(
      work.providers.flatMap((p) => p.profiles).some((p) => p.id === 'anthropic:work'),
      false,
    );
  });
});
