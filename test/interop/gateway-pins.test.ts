// Session pins against a real gateway (2026.9.6, loopback): sessions created and pinned with `sessions.patch`, a
// pinned profile removed with `models.authLogout` (openclaw#149502: the pin stays), then the offline reader (the
// agent's SQLite store, what the snapshot shows) and the gateway path (`sessions.list` + `chat.metadata`) must both
// report the dangling pin; the extension's re-pin moves it and `chat.metadata` confirms. One gateway for the file.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverLocalGateway } from '../../src/openclaw/gateway/config';
import type { GatewayConnection } from '../../src/openclaw/gateway/connection';
import { createGatewayConnection } from '../../src/openclaw/gateway/index';
import { clearPinTwoStep, readGatewayPins, repinSession, sessionPin } from '../../src/openclaw/gateway/pins';
import type { SqliteSource } from '../../src/openclaw/model';
import { classifyPins, repinTargets } from '../../src/openclaw/pins';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import { configureGateway, freePort, startGateway, type RunningGateway } from '../fixtures/gateway';
import { fakeToken } from '../fixtures/homes';
import { cliEnv, mustRun, node24Path } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

const MODEL = 'claude-opus-4-5';

describe('interop: session pins (real gateway)', function () {
  this.timeout(60_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-pins-'));
  const home = path.join(root, 'home');
  const env = cliEnv(home);
  let gateway: RunningGateway | undefined;
  let connection: GatewayConnection;
  let sqlite: SqliteSource | undefined;
  const read = () => new Reader({ env, homedir: home, warnWindowMs: 86_400_000, ...(sqlite ? { sqlite } : {}) }).read();
  const pinsOf = async () => (await read()).agents.find((a) => a.id === 'main')?.pins ?? [];

  before(async function () {
    // Two CLI calls and a gateway start (each 5-40 s on a busy 2-core machine).
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    // First, while no CLI has touched the home: then it is written directly, without a CLI call.
    const port = await freePort();
    const token = await configureGateway(home, port);
    for (const name of ['work', 'spare'])
      await mustRun(
        'current',
        home,
        ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', `anthropic:${name}`],
        `${fakeToken('pins', name)}\n`,
      );
    gateway = await startGateway(home, port, token, { timeoutMs: 300_000 });
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    const discovery = discoverLocalGateway({ env, homedir: home });
    assert.equal(discovery.kind, 'local');
    connection = createGatewayConnection(discovery, { clientVersion: 'test' });
    connection.start();
    const deadline = Date.now() + 60_000;
    while (connection.state.kind !== 'connected' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.equal(connection.state.kind, 'connected', JSON.stringify(connection.state));
  });

  after(async () => {
    await connection?.dispose();
    await gateway?.stop();
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  it('sessions.patch creates and pins sessions; the snapshot reads the pins from the agent store', async () => {
    for (const [key, profileId] of [
      ['agent:main:pins-a', 'anthropic:work'],
      ['agent:main:pins-b', 'anthropic:spare'],
    ])
      await connection.request('sessions.patch', { key, model: `anthropic/${MODEL}@${profileId}` });
    assert.deepEqual(
      (await pinsOf()).map((p) => [p.sessionKey, p.profileId, p.source, p.provider, p.model, p.status]),
      [
        ['agent:main:pins-a', 'anthropic:work', 'user', 'anthropic', MODEL, 'ok'],
        ['agent:main:pins-b', 'anthropic:spare', 'user', 'anthropic', MODEL, 'ok'],
      ],
    );
  });

  it('a removed profile leaves a dangling pin: the offline reader and the gateway path both report it', async () => {
    await connection.request('models.authLogout', { provider: 'anthropic', profileIds: ['anthropic:spare'] });
    const snapshot = await read();
    const main = must(
      snapshot.agents.find((a) => a.id === 'main'),
      'agent main',
    );
    assert.deepEqual(
      main.pins?.map((p) => [p.sessionKey, p.status]),
      [
        ['agent:main:pins-a', 'ok'],
        ['agent:main:pins-b', 'dangling'],
      ],
    );
    const fromGateway = classifyPins((await readGatewayPins(connection)).main ?? [], main.providers, snapshot.takenAt);
    assert.deepEqual(
      fromGateway.map((p) => [p.sessionKey, p.profileId, p.source, p.status]),
      main.pins?.map((p) => [p.sessionKey, p.profileId, p.source, p.status]),
    );
  });

  it("the gateway's answer goes into the snapshot in place of the store read, with the same pins (pinsFrom says which)", async () => {
    const fromStore = await read();
    const gatewayPins = await readGatewayPins(connection);
    const fromGateway = await new Reader({
      env,
      homedir: home,
      warnWindowMs: 86_400_000,
      ...(sqlite ? { sqlite } : {}),
    }).read({ gatewayPins });
    assert.equal(fromStore.pinsFrom, 'store');
    assert.equal(fromGateway.pinsFrom, 'gateway');
    const rows = (s: typeof fromStore) =>
      s.agents.find((a) => a.id === 'main')?.pins?.map((p) => [p.sessionKey, p.profileId, p.source, p.status]);
    assert.deepEqual(rows(fromGateway), rows(fromStore));
    assert.deepEqual(rows(fromGateway), [
      ['agent:main:pins-a', 'anthropic:work', 'user', 'ok'],
      ['agent:main:pins-b', 'anthropic:spare', 'user', 'dangling'],
    ]);
    // The Reader takes what it is given: an empty answer (no pinned session at run time) means no pins.
    const none = await new Reader({ env, homedir: home, warnWindowMs: 86_400_000 }).read({ gatewayPins: {} });
    assert.equal(none.agents.find((a) => a.id === 'main')?.pins, undefined);
  });

  it("re-pins through the extension's code; chat.metadata and the store confirm", async () => {
    const snapshot = await read();
    const main = must(
      snapshot.agents.find((a) => a.id === 'main'),
      'agent main',
    );
    const dangling = must(
      must(main.pins, 'main.pins').find((p) => p.status === 'dangling'),
      'a dangling pin',
    );
    const [target] = repinTargets(dangling, main.providers);
    assert.equal(target?.id, 'anthropic:work');
    await repinSession(connection, {
      sessionKey: dangling.sessionKey,
      provider: must(dangling.provider, 'dangling.provider'),
      model: must(dangling.model, 'dangling.model'),
      profileId: target.id,
    });
    assert.equal((await sessionPin(connection, dangling.sessionKey))?.profileId, 'anthropic:work');
    assert.deepEqual(
      (await pinsOf()).map((p) => [p.sessionKey, p.profileId, p.status]),
      [
        ['agent:main:pins-a', 'anthropic:work', 'ok'],
        ['agent:main:pins-b', 'anthropic:work', 'ok'],
      ],
    );
  });

  it('a re-pin to an id outside the grammar or of another provider never reaches the gateway', async () => {
    for (const profileId of ['openai:x', 'anthropic:x y', '--flag'])
      await assert.rejects(
        repinSession(connection, { sessionKey: 'agent:main:pins-a', provider: 'anthropic', model: MODEL, profileId }),
        { code: 'INVALID_TARGET' },
      );
  });

  it('the two-step clear drops the pin (the first step already changes the model to another provider)', async () => {
    // model: null afterwards returns to the agent's default; here that default needs a plugin this home lacks,
    // so the gateway refuses it and the session keeps the other provider's model (the confirmation says so).
    const outcome = await clearPinTwoStep(connection, 'agent:main:pins-a', 'openrouter/anthropic/claude-opus-4.5');
    assert.equal(await sessionPin(connection, 'agent:main:pins-a'), undefined);
    assert.equal(typeof outcome.backToDefault, 'boolean');
    assert.deepEqual(
      (await pinsOf()).map((p) => p.sessionKey),
      ['agent:main:pins-b'],
    );
  });
});
