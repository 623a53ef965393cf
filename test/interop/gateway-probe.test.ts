// Test Connection's request, end to end without the internet (issue 16 §3): a real gateway (2026.9.6, loopback)
// whose agent model is a custom OpenAI-compatible provider pointed at a fake server on 127.0.0.1
// (test/fixtures/fakeProvider.ts). `models.probe` through our own GatewayConnection must read `ok` with a latency
// when the server answers 200 and `auth` when it answers 401, and the server must have seen the request with the
// key as a Bearer header. A probe against a real provider offline waits 60-90 s; here nothing leaves 127.0.0.1, so
// each probe answers in seconds and the file's tests (not counting the home and the gateway start) take ~15 s.
//
// Facts recorded here (dist/models-probe-*.mjs, dist/list.probe-*.mjs, dist/usage-failure-state-*.mjs):
// - the probe runs one agent turn ("Reply with OK.") with the configured model of the provider, streamed
//   (`stream: true`), with the profile's key; a 401 maps to `auth` with the gateway's own "Authentication failed.";
// - the 401 puts the profile into cooldown (reason `auth`, 30 s for a first failure, then 60 s, then 5 min) in the
//   store, while `models.authStatus` still calls it `static` with no reason: only the local read shows the rest;
// - probing the profile again while it rests sends nothing and answers `unknown` ("The connection probe failed.");
// - for a moment after a probe `models.authStatus` answers `providers: []` with `unavailable`
//   (PREPARED_MODEL_AUTH_UNAVAILABLE); GatewayConnection.authStatus asks again rather than pass on the empty list.
//
// Usage windows from the same gateway (issue 16): offline a gateway reports none, but MiniMax's usage fetcher asks
// the origin of the configured `models.providers.minimax.baseUrl` (dist/provider-registration-*.mjs
// resolveMinimaxUsageBaseUrl → fetchMinimaxUsage(…, { baseUrl }); dist/provider-usage.fetch.minimax-*.mjs
// resolveMinimaxUsageUrl keeps any http(s) origin and adds /v1/token_plan/remains). So the home's first batch also
// points minimax at the fake server with a key, no extra CLI call, and `usage.status` reports the `5h` and `Week`
// windows the fake served. Every other fetcher (zai, deepseek, codex, gemini, claude) has a fixed https URL.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverLocalGateway } from '../../src/openclaw/gateway/config';
import type { GatewayConnection } from '../../src/openclaw/gateway/connection';
import { createGatewayConnection } from '../../src/openclaw/gateway/index';
import { PROBE_STATUSES, type ProbeResult, type UsageStatus } from '../../src/openclaw/gateway/schemas';
import { statusBarPart, usageForProvider, usageState } from '../../src/openclaw/gateway/usage';
import type { SqliteSource } from '../../src/openclaw/model';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import { probeHint } from '../../src/openclaw/why';
import { clock, relative, untranslated, usageTooltip, usageWords, type Translate } from '../../src/ui/format';
import { usagePartWords } from '../../src/ui/gatewayWords';
import {
  fakeProvider,
  MINIMAX_USAGE_PATH,
  minimaxRemains,
  usedPercent,
  type FakeMinimaxPlan,
  type FakeProvider,
  type FakeRoute,
} from '../fixtures/fakeProvider';
import { configureGateway, freePort, startGateway, waitForState, type RunningGateway } from '../fixtures/gateway';
import { fakeApiKey } from '../fixtures/homes';
import { cliEnv, mustRun, node24Path } from '../fixtures/openclaw';

const MODEL = 'probe-model';
/** Well under the offline 60-90 s: a probe that takes this long went somewhere it should not have. */
const PROBE_BUDGET_MS = 50_000;
/** OpenClaw's cooldown after a profile's first failure (calculateAuthProfileCooldownMs). */
const FIRST_COOLDOWN_MS = 30_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('interop: models.probe against a local OpenAI-compatible provider (real gateway, fake server on 127.0.0.1)', function () {
  this.timeout(60_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-probe-'));
  const home = path.join(root, 'home');
  const env = cliEnv(home);
  // Two providers on one fake server: fake-ok's route accepts only its key, fake-deny's refuses everything.
  const ok: FakeRoute = { base: '/ok/v1', key: fakeApiKey('probe-ok', 'sk-fake') };
  const deny: FakeRoute = { base: '/deny/v1', key: fakeApiKey('probe-deny', 'sk-fake'), deny: true };
  // MiniMax's Coding Plan, as its usage endpoint counts it: a 5-hour window 2 h in, a week 3 days in.
  const minimaxKey = fakeApiKey('probe-minimax', 'sk-cp');
  const setUpAt = Math.floor(Date.now() / MINUTE) * MINUTE;
  const plan: FakeMinimaxPlan = {
    model: 'MiniMax-M2.5',
    interval: { total: 1500, remaining: 573, start: setUpAt - 2 * HOUR, end: setUpAt + 3 * HOUR },
    weekly: { total: 15000, remaining: 11985, start: setUpAt - 3 * DAY, end: setUpAt + 4 * DAY },
  };
  let usage: UsageStatus | undefined;
  let server: FakeProvider | undefined;
  let gateway: RunningGateway | undefined;
  let connection: GatewayConnection;
  let sqlite: SqliteSource | undefined;
  /** How often our connection asked `models.authStatus` again because the gateway answered `unavailable`. */
  let unavailableRetries = 0;
  /** When the 401'd profile's cooldown ends, as the store says. */
  let restingUntil = 0;
  const read = () => new Reader({ env, homedir: home, warnWindowMs: 86_400_000, ...(sqlite ? { sqlite } : {}) }).read();
  const requestsTo = (route: FakeRoute) =>
    (server?.requests ?? []).filter((r) => r.path === `${route.base}/chat/completions`);

  /** One probe, timed; fails (instead of waiting a minute) if it runs past the budget. */
  async function probe(params: {
    provider: string;
    profileId?: string;
  }): Promise<{ result: ProbeResult; t0: number; t1: number }> {
    const t0 = Date.now();
    const result = await connection.probe({ ...params, agentId: 'main', timeoutMs: 30_000 });
    const t1 = Date.now();
    console.log(`[interop probe] ${params.profileId ?? params.provider}: ${result.status} in ${t1 - t0} ms`);
    assert.ok(t1 - t0 < PROBE_BUDGET_MS, `the probe took ${t1 - t0} ms: it must not be the offline wait`);
    return { result, t0, t1 };
  }

  before(async function () {
    // Three CLI calls (5-40 s each on a busy 2-core runner) and a gateway start (~12-40 s).
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    const started = Date.now();
    const fake = await fakeProvider([ok, deny], { minimaxUsage: { key: minimaxKey, body: minimaxRemains(plan) } });
    server = fake;
    // A custom provider: `baseUrl` + `api: "openai-completions"` (docs/gateway/config-tools/custom-providers.md);
    // the agent's model is fake-ok's, the probe picks each provider's model from the configured candidates.
    const provider = (route: FakeRoute) => ({
      baseUrl: fake.baseUrl(route),
      api: 'openai-completions',
      models: [
        { id: MODEL, name: 'Probe model', reasoning: false, input: ['text'], contextWindow: 8192, maxTokens: 256 },
      ],
    });
    // The gateway section first, written straight into the new home's openclaw.json (no CLI start for it).
    const port = await freePort();
    const token = await configureGateway(home, port);
    const batch = path.join(home, 'models.batch.json');
    fs.writeFileSync(
      batch,
      JSON.stringify([
        { path: 'models.providers.fake-ok', value: provider(ok) },
        { path: 'models.providers.fake-deny', value: provider(deny) },
        { path: 'agents.defaults.model', value: { primary: `fake-ok/${MODEL}`, fallbacks: [`fake-deny/${MODEL}`] } },
        // The bundled minimax provider, overlaid: its base URL's origin is where usage is fetched; the key is a
        // config key (a file in this temp home, never argv), so no paste call is added for it.
        { path: 'models.providers.minimax', value: { baseUrl: `${fake.origin}/anthropic`, apiKey: minimaxKey } },
      ]),
      { mode: 0o600 },
    );
    await mustRun('current', home, ['config', 'set', '--batch-file', batch], undefined, env);
    // The keys go on stdin; each becomes the API-key profile <provider>:manual that the provider config points at.
    await mustRun('current', home, ['models', 'auth', 'paste-api-key', '--provider', 'fake-ok'], `${ok.key}\n`, env);
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'fake-deny'],
      `${deny.key}\n`,
      env,
    );
    const built = Date.now();
    gateway = await startGateway(home, port, token, { timeoutMs: 240_000 });
    console.log(
      `[interop probe] home in ${((built - started) / 1000).toFixed(1)} s; gateway listening after ${(gateway.startMs / 1000).toFixed(1)} s`,
    );
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    // Found the way the extension finds it: port and token from the home's openclaw.json.
    const discovery = discoverLocalGateway({ env, homedir: home });
    assert.equal(discovery.kind, 'local');
    connection = createGatewayConnection(discovery, {
      clientVersion: 'test',
      log: (line) => {
        if (/unavailable/.test(line)) unavailableRetries++;
      },
    });
    connection.start();
    await waitForState(connection, ['connected'], 60_000);
  });

  after(async () => {
    console.log(`[interop probe] authStatus asked again after 'unavailable' ${unavailableRetries} times`);
    // What reached the fake server (method and path only): the record that nothing asked for more than it serves.
    const counts = new Map<string, number>();
    for (const r of server?.requests ?? [])
      counts.set(`${r.method} ${r.path} ${r.status}`, (counts.get(`${r.method} ${r.path} ${r.status}`) ?? 0) + 1);
    console.log(`[interop probe] the fake server saw: ${[...counts].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    await connection?.dispose();
    await gateway?.stop();
    await server?.close();
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  it('the gateway sees both providers with the API-key profiles the CLI saved', async () => {
    const status = await connection.authStatus('main');
    for (const id of ['fake-ok', 'fake-deny']) {
      const p = status.providers.find((x) => x.provider === id);
      assert.deepEqual(
        p?.profiles.map((x) => [x.profileId, x.type, x.status]),
        [[`${id}:manual`, 'api_key', 'static']],
      );
    }
  });

  it('200: ok with a latency, and the server got one streamed chat completion with the key as a Bearer header', async () => {
    const { result, t0, t1 } = await probe({ provider: 'fake-ok' });
    assert.equal(result.provider, 'fake-ok');
    assert.equal(result.status, 'ok');
    assert.equal(result.error, undefined);
    assert.ok(typeof result.latencyMs === 'number' && result.latencyMs > 0 && result.latencyMs <= t1 - t0);
    assert.deepEqual(
      result.results.map((r) => [r.profileId, r.status, r.label]),
      [['fake-ok:manual', 'ok', `Profile fake-ok:manual · fake-ok/${MODEL}`]],
    );
    const seen = requestsTo(ok);
    assert.equal(seen.length, 1, 'one request reached the 200 server');
    const [request] = seen;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.model, MODEL);
    assert.equal(request?.stream, true);
    assert.equal(request?.status, 200);
    // Compared, never printed: a failing deepEqual would put the key into the test output.
    assert.ok(request?.authorization === `Bearer ${ok.key}`, 'the server got the fake-ok key as a Bearer header');

    // Right after a probe the gateway may answer authStatus with `providers: []` + `unavailable`
    // (PREPARED_MODEL_AUTH_UNAVAILABLE); our connection asks again instead of reporting an empty gateway.
    const status = await connection.authStatus('main');
    assert.deepEqual(
      status.providers
        .map((p) => p.provider)
        .filter((id) => id.startsWith('fake-'))
        .sort(),
      ['fake-deny', 'fake-ok'],
    );
    assert.equal(status.unavailable, undefined);
  });

  it('401: auth; the profile then rests (cooldown "auth", 30 s) in the store, while models.authStatus still says static', async () => {
    const { result, t0, t1 } = await probe({ provider: 'fake-deny', profileId: 'fake-deny:manual' });
    assert.equal(result.provider, 'fake-deny');
    assert.equal(result.status, 'auth');
    assert.equal(result.error, 'Authentication failed.');
    assert.deepEqual(
      result.results.map((r) => [r.profileId, r.status, r.error]),
      [['fake-deny:manual', 'auth', 'Authentication failed.']],
    );
    const seen = requestsTo(deny);
    assert.equal(seen.length, 1, 'one request reached the 401 server (no retry)');
    assert.equal(seen[0]?.status, 401);
    assert.ok(seen[0]?.authorization === `Bearer ${deny.key}`, 'the server got the fake-deny key as a Bearer header');

    // The gateway's own status does not show the rest (recorded: 2026.9.6 maps no cooldown into authStatus).
    const status = await connection.authStatus('main');
    const remote = status.providers
      .find((p) => p.provider === 'fake-deny')
      ?.profiles.find((p) => p.profileId === 'fake-deny:manual');
    assert.equal(remote?.status, 'static');
    assert.equal(remote?.reasonCode, undefined);

    // The store does, and the extension's local read with it.
    const snapshot = await read();
    const main = snapshot.agents.find((a) => a.id === 'main');
    const local = main?.providers.find((p) => p.id === 'fake-deny')?.profiles.find((p) => p.id === 'fake-deny:manual');
    assert.equal(local?.cooldownReason, 'auth');
    const until = local?.cooldownUntil ?? 0;
    restingUntil = until;
    assert.ok(
      until >= t0 + FIRST_COOLDOWN_MS && until <= t1 + FIRST_COOLDOWN_MS,
      `cooldown until ${until - t0} ms after the probe started; wanted 30 s after the failure`,
    );
    const okProfile = main?.providers.find((p) => p.id === 'fake-ok')?.profiles[0];
    assert.equal(okProfile?.cooldownUntil, undefined, 'the 200 left fake-ok without a cooldown');
  });

  it('a probe of the resting profile sends nothing and answers unknown (not auth)', async () => {
    assert.ok(Date.now() < restingUntil, 'the cooldown is still running (else this machine was too slow to tell)');
    const before = requestsTo(deny).length;
    const { result } = await probe({ provider: 'fake-deny', profileId: 'fake-deny:manual' });
    assert.equal(result.status, 'unknown');
    assert.equal(result.error, 'The connection probe failed.');
    assert.equal(requestsTo(deny).length, before, 'no request while the profile rests');
  });

  it("the domain's view of these answers: known statuses, no Claude Code hint", () => {
    // Test Connection's words (probeMessage in src/ui/gatewayProbe.ts) need vscode; what they build on is here.
    for (const status of ['ok', 'auth', 'unknown'])
      assert.ok((PROBE_STATUSES as readonly string[]).includes(status), status);
    assert.equal(probeHint('fake-deny', 'auth', 'Authentication failed.'), undefined);
    assert.equal(
      probeHint('anthropic', 'auth', 'This credential is only authorized for use with Claude Code'),
      'claude-code-only',
    );
  });

  it("usage.status: MiniMax's 5h and Week windows from the fake server, percent and reset time as it served them", async () => {
    const t0 = Date.now();
    usage = await connection.usageStatus();
    console.log(`[interop probe] usage.status answered in ${Date.now() - t0} ms`);
    const minimax = usage.providers.find((p) => p.provider === 'minimax');
    assert.ok(
      minimax,
      `no minimax in usage.status: ${JSON.stringify(usage.providers.map((p) => [p.provider, p.error]))}`,
    );
    assert.equal(minimax.error, undefined);
    assert.equal(minimax.displayName, 'MiniMax');
    assert.equal(minimax.plan, `Coding Plan · ${plan.model}`);
    // The label of the 5-hour window comes from its start and end; the weekly one is always `Week`.
    assert.deepEqual(
      minimax.windows.map((w) => [w.label, w.usedPercent, w.resetAt]),
      [
        ['5h', usedPercent(plan.interval), plan.interval.end],
        ['Week', usedPercent(plan.weekly), plan.weekly.end],
      ],
    );
    // Nothing else reports usage here (no other provider has a credential).
    assert.deepEqual(
      usage.providers.filter((p) => p.windows.length).map((p) => p.provider),
      ['minimax'],
    );
    const seen = (server?.requests ?? []).filter((r) => r.path === MINIMAX_USAGE_PATH);
    assert.ok(seen.length >= 1, 'the usage endpoint on 127.0.0.1 was asked');
    assert.ok(
      seen.every((r) => r.method === 'GET' && r.status === 200 && r.authorization === `Bearer ${minimaxKey}`),
      'every usage request was a GET with the minimax key as a Bearer header',
    );
  });

  it('the extension turns that answer into the status bar part, the row words and the tooltip (English and Thai)', () => {
    assert.ok(usage, 'usage.status answered above');
    const now = Date.now();
    assert.equal(usageState(usage), 'windows');
    // The status bar names the fullest window: the 5-hour one (62%) over the week (20%).
    const part = statusBarPart(usage);
    assert.deepEqual(part, {
      provider: 'minimax',
      displayName: 'MiniMax',
      label: '5h',
      usedPercent: usedPercent(plan.interval),
      resetAt: plan.interval.end,
    });
    // The row's entry, found as the tree finds it.
    const minimax = usageForProvider(usage, 'minimax');
    assert.ok(minimax);
    const fiveHours = clock(plan.interval.end, now);
    const week = clock(plan.weekly.end, now);
    assert.equal(usagePartWords(part, now, untranslated), `MiniMax 5h 62% · resets ${fiveHours}`);
    assert.equal(usageWords(minimax.windows, untranslated), '5h 62% · Week 20%');
    assert.deepEqual(usageTooltip(minimax, now, untranslated), [
      `- 5h: 62% used · resets ${fiveHours} (in ${relative(plan.interval.end - now)})`,
      `- Week: 20% used · resets ${week} (in ${relative(plan.weekly.end - now)})`,
    ]);
    // Thai: every sentence from the bundle, the numbers and times kept.
    const bundle = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.th.json'), 'utf8'),
    ) as Record<string, string>;
    const missing: string[] = [];
    const thai: Translate = (message, ...args) => {
      if (bundle[message] === undefined) missing.push(message);
      return untranslated(bundle[message] ?? message, ...args);
    };
    const statusTh = usagePartWords(part, now, thai);
    const tooltipTh = usageTooltip(minimax, now, thai);
    console.log(`[interop probe] status bar (th): ${statusTh}\n${tooltipTh.join('\n')}`);
    assert.deepEqual(missing, []);
    // OpenClaw's window labels in Thai units (format.ts windowLabel), like every other duration.
    assert.ok(statusTh.startsWith('MiniMax 5 ชม. 62%') && statusTh.includes(fiveHours), statusTh);
    assert.equal(usageWords(minimax.windows, thai), '5 ชม. 62% · สัปดาห์ 20%');
    assert.ok(tooltipTh[0]?.includes('62%') && tooltipTh[0].includes(fiveHours), tooltipTh[0]);
    assert.ok(tooltipTh[1]?.includes('20%') && tooltipTh[1].includes(week), tooltipTh[1]);
  });
});
