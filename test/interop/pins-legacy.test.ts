// Session pins in a 2026.5.28 home (`agents/<id>/sessions/sessions.json`), against the real legacy CLI.
// 2026.5.28 has no CLI command that pins by itself (`openclaw agent --model` is for one run; `/model …@profile` is
// a chat directive), so the pins are made the way its own CLI can: `openclaw gateway call sessions.patch` against
// its own gateway (`gateway run`), whose handler (legacy dist `sessions-*.js`, `applySessionsPatchToStore` →
// `model-overrides-*.js` `applyModelOverrideToSessionEntry`) writes `authProfileOverride` +
// `authProfileOverrideSource: "user"` into sessions.json and answers with the stored entry and the store's path.
// That answer and `openclaw sessions --json` (which lists the sessions and their model, but not the pin) are the
// witnesses for the extension's offline reader. The legacy gateway has no `chat.metadata`, so the gateway path must
// refuse (and the UI keep the store read) rather than report "no pins". One home and one gateway for the file.

import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverLocalGateway } from '../../src/openclaw/gateway/config';
import type { GatewayConnection } from '../../src/openclaw/gateway/connection';
import { createGatewayConnection } from '../../src/openclaw/gateway/index';
import { GatewayPinsError, readGatewayPins } from '../../src/openclaw/gateway/pins';
import { legacySessionsPath, readStorePins } from '../../src/openclaw/pins';
import { Reader } from '../../src/openclaw/snapshot';
import { freePort, startGateway, type RunningGateway } from '../fixtures/gateway';
import { fakeToken } from '../fixtures/homes';
import { cliEnv, mustRun, stdoutJson } from '../fixtures/openclaw';

const MODEL = 'claude-opus-4-5';

interface PatchAnswer {
  ok: boolean;
  path: string;
  key: string;
  entry: Record<string, unknown>;
}

describe('interop: session pins in a 2026.5.28 home (legacy CLI)', function () {
  this.timeout(60_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-pins-legacy-'));
  const home = path.join(root, 'home');
  const stateDir = path.join(home, '.openclaw');
  let env: Record<string, string>;
  let gateway: RunningGateway | undefined;
  const patched: PatchAnswer[] = [];

  before(async function () {
    // Two legacy CLI calls, a legacy gateway start (~5-25 s) and two `gateway call`s on a busy 2-core machine.
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    await mustRun(
      'legacy',
      home,
      ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:work'],
      `${fakeToken('pins-legacy', 'work')}\n`,
    );
    const port = await freePort();
    // Token and port through the environment (never argv), which the gateway, `gateway call` and the extension's
    // discovery all read; `--allow-unconfigured` because the home has no gateway.mode.
    const token = `gw-FAKE-SECRET-${crypto.randomBytes(12).toString('hex')}`;
    env = { ...cliEnv(home), OPENCLAW_GATEWAY_TOKEN: token, OPENCLAW_GATEWAY_PORT: String(port) };
    gateway = await startGateway(home, port, token, {
      cli: 'legacy',
      env,
      args: ['--auth', 'token', '--allow-unconfigured'],
      timeoutMs: 300_000,
    });
    // One pin to the stored profile, one to a profile that never existed (the gateway does not check: dangling).
    for (const [key, profileId] of [
      ['agent:main:legacy-a', 'anthropic:work'],
      ['agent:main:legacy-b', 'anthropic:gone'],
    ] as const) {
      const params = JSON.stringify({ key, model: `anthropic/${MODEL}@${profileId}` });
      const answer = stdoutJson(
        await callWhenReady(['gateway', 'call', 'sessions.patch', '--json', '--params', params]),
      ) as PatchAnswer;
      assert.equal(answer.ok, true, JSON.stringify(answer));
      patched.push(answer);
    }
  });

  /** `gateway call` until the gateway has finished starting (it listens a moment before it serves). */
  async function callWhenReady(args: string[]) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await mustRun('legacy', home, args, undefined, env);
      } catch (error) {
        if (attempt >= 4) throw error;
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
  }

  after(async () => {
    await gateway?.stop();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  it('the legacy CLI wrote the pins into sessions.json, where the extension reads them', async () => {
    for (const answer of patched) assert.equal(answer.path, legacySessionsPath(stateDir, 'main'));
    // No SQLite source: a 2026.5 home has no agent database; the reader goes to sessions.json.
    const pins = await readStorePins(undefined, stateDir, {
      id: 'main',
      agentDir: path.join(stateDir, 'agents', 'main', 'agent'),
    });
    assert.deepEqual(
      pins.map((p) => [p.sessionKey, p.profileId, p.source, p.provider, p.model, p.updatedAt]),
      patched.map((a) => [
        a.key,
        a.entry.authProfileOverride,
        a.entry.authProfileOverrideSource,
        a.entry.providerOverride,
        a.entry.modelOverride,
        a.entry.updatedAt,
      ]),
    );
    assert.deepEqual(
      pins.map((p) => [p.profileId, p.source]),
      [
        ['anthropic:work', 'user'],
        ['anthropic:gone', 'user'],
      ],
    );
  });

  it("the snapshot's pins are the sessions `openclaw sessions --json` (2026.5.28) lists, with their models", async () => {
    const listed = stdoutJson(await mustRun('legacy', home, ['sessions', '--json'], undefined, env)) as {
      path: string;
      sessions: { key: string; modelProvider?: string; model?: string }[];
    };
    assert.equal(listed.path, legacySessionsPath(stateDir, 'main'));
    const snapshot = await new Reader({ env, homedir: home, warnWindowMs: 86_400_000 }).read();
    assert.equal(snapshot.pinsFrom, 'store');
    const main = snapshot.agents.find((a) => a.id === 'main');
    assert.deepEqual(
      main?.pins?.map((p) => [p.sessionKey, p.provider, p.model]),
      listed.sessions
        .map((s) => [s.key, s.modelProvider, s.model])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // Classified against the profiles the legacy store holds: the pin to a profile that does not exist dangles.
    assert.deepEqual(
      main?.pins?.map((p) => [p.sessionKey, p.status]),
      [
        ['agent:main:legacy-a', 'ok'],
        ['agent:main:legacy-b', 'dangling'],
      ],
    );
  });

  it('the 2026.5.28 gateway cannot answer for pins (no chat.metadata): the gateway read refuses, so the store read stays', async () => {
    const discovery = discoverLocalGateway({ env, homedir: home });
    assert.equal(discovery.kind, 'local');
    const connection: GatewayConnection = createGatewayConnection(discovery, { clientVersion: 'test' });
    try {
      connection.start();
      const deadline = Date.now() + 60_000;
      while (connection.state.kind !== 'connected' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      assert.equal(connection.state.kind, 'connected', JSON.stringify(connection.state));
      await assert.rejects(
        readGatewayPins(connection),
        (error: unknown) => error instanceof GatewayPinsError && error.code === 'UNSUPPORTED',
      );
    } finally {
      await connection.dispose();
    }
  });
});
