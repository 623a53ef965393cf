// The extension's operations must leave OpenClaw in exactly the state the equivalent CLI command leaves it.
// Two identical fresh homes: on A the operation runs (operations.ts, secret on stdin), on B the CLI command a person
// would type; then the CLI's own JSON for both homes is compared (timestamps within 5 s, no paths).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliInfo } from '../../src/openclaw/cli';
import * as ops from '../../src/openclaw/operations';
import { type AgentTruth, cliTruth } from '../fixtures/cli-truth';
import { fakeApiKey, fakeToken, ScenarioBuilder, type ScenarioHome, type ScenarioName } from '../fixtures/homes';
import { type CliResult, node24Path, openclawEntry, runOpenclaw, withCliSlot } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

const TOKEN = fakeToken('commands', 'same-for-a-and-b');
const API_KEY = fakeApiKey('commands');
// An Anthropic API key pasted where a setup-token belongs: the CLI refuses it.
const BAD_TOKEN = `sk-ant-api03-FAKE-not-a-setup-token-`.padEnd(100, 'z');

interface Case {
  title: string;
  home: ScenarioName;
  viaExtension(ctx: ops.OperationContext): Promise<unknown>;
  /** The command a person would type, and its stdin. */
  viaCli: { args: string[]; stdin?: string };
}

const CASES: Case[] = [
  {
    title: 'paste-token, default profile id, no expiry',
    home: 'no-profiles',
    viaExtension: (ctx) => ops.pasteToken(ctx, { provider: 'anthropic', token: TOKEN }),
    viaCli: { args: ['models', 'auth', 'paste-token', '--provider', 'anthropic'], stdin: `${TOKEN}\n` },
  },
  {
    title: 'paste-token, custom profile id, expires in 30d, beside an api key (config auth.order)',
    home: 'api-key',
    viaExtension: (ctx) =>
      ops.pasteToken(ctx, { provider: 'anthropic', profileId: 'anthropic:max', token: TOKEN, expiresIn: '30d' }),
    viaCli: {
      args: [
        'models',
        'auth',
        'paste-token',
        '--provider',
        'anthropic',
        '--profile-id',
        'anthropic:max',
        '--expires-in',
        '30d',
      ],
      stdin: `${TOKEN}\n`,
    },
  },
  {
    title: 'paste-token for agent work on a two-agent home',
    home: 'two-agents',
    viaExtension: (ctx) =>
      ops.pasteToken(ctx, {
        provider: 'anthropic',
        profileId: 'anthropic:work2',
        token: TOKEN,
        expiresIn: '2h',
        agent: 'work',
      }),
    viaCli: {
      args: [
        'models',
        'auth',
        'paste-token',
        '--provider',
        'anthropic',
        '--profile-id',
        'anthropic:work2',
        '--expires-in',
        '2h',
        '--agent',
        'work',
      ],
      stdin: `${TOKEN}\n`,
    },
  },
  {
    title: 'paste-api-key',
    home: 'no-profiles',
    viaExtension: (ctx) => ops.pasteApiKey(ctx, { provider: 'anthropic', key: API_KEY }),
    viaCli: { args: ['models', 'auth', 'paste-api-key', '--provider', 'anthropic'], stdin: `${API_KEY}\n` },
  },
  {
    title: 'order set',
    home: 'stored-order-vs-config-order',
    viaExtension: (ctx) =>
      ops.setOrder(ctx, { provider: 'anthropic', profileIds: ['anthropic:spare', 'anthropic:manual'] }),
    viaCli: {
      args: ['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:spare', 'anthropic:manual'],
    },
  },
  {
    title: 'order clear',
    home: 'stored-order-vs-config-order',
    viaExtension: (ctx) => ops.clearOrder(ctx, { provider: 'anthropic' }),
    viaCli: { args: ['models', 'auth', 'order', 'clear', '--provider', 'anthropic'] },
  },
  {
    title: 'logout (remove profile)',
    home: 'stored-order-vs-config-order',
    viaExtension: (ctx) => ops.removeProfile(ctx, { profileId: 'anthropic:sub' }),
    viaCli: { args: ['models', 'auth', 'logout', 'anthropic:sub', '--yes'] },
  },
];

function cliInfo(): CliInfo {
  return {
    path: openclawEntry('current'),
    version: '2026.9.6',
    nodeCandidates: [node24Path()],
    node: node24Path(),
    script: openclawEntry('current'),
  };
}

function context(h: ScenarioHome): ops.OperationContext {
  return { cli: cliInfo(), env: h.env, agents: h.agents, defaultAgent: 'main', timeoutMs: 120_000 };
}

/** What OpenClaw reports about a home: CLI truth per agent plus config `auth` (the only config part auth commands touch). */
interface HomeState {
  agents: Record<string, AgentTruth>;
  configAuth: unknown;
}

async function homeState(h: ScenarioHome): Promise<HomeState> {
  const agents = Object.fromEntries(await Promise.all(h.agents.map(async (a) => [a, await cliTruth(h, a)] as const)));
  const config = JSON.parse(fs.readFileSync(path.join(h.stateDir, 'openclaw.json'), 'utf8')) as { auth?: unknown };
  return { agents, configAuth: config.auth ?? null };
}

/** Deep-equal, except expiresAt (set from each CLI's own clock) may differ by less than `toleranceMs`. */
function assertSameState(a: HomeState, b: HomeState, toleranceMs = 5_000): void {
  const expiries: [string, number | undefined, number | undefined][] = [];
  const strip = (s: HomeState, side: 0 | 1): HomeState =>
    JSON.parse(JSON.stringify(s), function (this: Record<string, unknown>, key, value: unknown) {
      if (key === 'expiresAt') {
        const id = String(this.id);
        let row = expiries.find((e) => e[0] === id);
        if (!row) expiries.push((row = [id, undefined, undefined]));
        row[side + 1] = value as number;
        return typeof value;
      }
      return value;
    }) as HomeState;
  assert.deepEqual(strip(a, 0), strip(b, 1));
  for (const [id, ea, eb] of expiries)
    assert.ok(
      Math.abs((ea ?? 0) - (eb ?? 0)) < toleranceMs,
      `${id}: expiresAt ${ea} vs ${eb} (tolerance ${toleranceMs} ms)`,
    );
}

const output = (r: CliResult) => `${r.stdout}\n${r.stderr}`;

describe('interop: extension commands equal the real OpenClaw CLI', function () {
  // Generous: on a loaded 2-core runner one CLI call takes 5-20 s, and each case makes about ten.
  this.timeout(Number(process.env.OPENCLAW_TEST_CASE_TIMEOUT_MS) || 10 * 60_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-cmd-'));
  const builderA = new ScenarioBuilder(path.join(root, 'a'));
  const builderB = new ScenarioBuilder(path.join(root, 'b'));
  let n = 0;
  const copyHome = (h: ScenarioHome, to: string): ScenarioHome => {
    fs.cpSync(h.home, to, { recursive: true });
    const env = Object.fromEntries(Object.entries(h.env).map(([k, v]) => [k, v.split(h.home).join(to)]));
    return { ...h, home: to, stateDir: h.stateDir.split(h.home).join(to), env };
  };
  // Each case gets its own pair, so cases never see each other's writes. A home is built once per scenario (each
  // build is several CLI calls) and copied for every case that starts from it (its config holds no absolute
  // paths) — except the two-agent home, whose config names its agent dirs.
  const templates = new Map<ScenarioName, Promise<ScenarioHome>>();
  const pair = async (home: ScenarioName): Promise<[ScenarioHome, ScenarioHome]> => {
    if (home === 'two-agents') return Promise.all([builderA.build(home), builderB.build(home)]);
    if (!templates.has(home)) templates.set(home, builderA.build(home));
    const built = await must(templates.get(home), 'templates.get(home)');
    const k = ++n;
    return [copyHome(built, path.join(root, `${k}-a`)), copyHome(built, path.join(root, `${k}-b`))];
  };

  after(() => {
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(c.title, async () => {
      const [a, b] = await pair(c.home);
      // Side by side, so both CLIs compute `now + duration` at about the same moment.
      const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
        const t0 = Date.now();
        const value = await work();
        return [value, Date.now() - t0];
      };
      const [[, msA], [r, msB]] = await Promise.all([
        timed(() => withCliSlot(() => c.viaExtension(context(a)))),
        timed(() => runOpenclaw('current', b.home, c.viaCli.args, c.viaCli.stdin, b.env)),
      ]);
      assert.equal(r.code, 0, `CLI failed: ${r.stderr.slice(-800)}`);
      const [sa, sb] = await Promise.all([homeState(a), homeState(b)]);
      // 5 s, plus however long the slower call took (a loaded runner stretches a CLI call to tens of seconds).
      assertSameState(sa, sb, 5_000 + Math.max(msA, msB));
    });
  }

  it('a bad token (an API key pasted as a setup-token) is refused with the CLI reason; both homes stay unchanged', async () => {
    const [a, b] = await pair('api-key');
    const before = await homeState(a);
    const extensionError = await withCliSlot(() =>
      ops.pasteToken(context(a), { provider: 'anthropic', token: BAD_TOKEN }),
    ).then(
      () => assert.fail('the extension accepted an API key as a setup-token'),
      (err: unknown) => err as Error,
    );
    const r = await runOpenclaw(
      'current',
      b.home,
      ['models', 'auth', 'paste-token', '--provider', 'anthropic'],
      `${BAD_TOKEN}\n`,
      b.env,
    );
    assert.notEqual(r.code, 0, 'the CLI accepted an API key as a setup-token');
    // The CLI masks the prefix in its own message (`Expected token starting with ***-`), so compare the wording.
    const reason = /Expected token starting with/.exec(output(r))?.[0];
    assert.ok(reason, `CLI reason changed: ${output(r).slice(-600)}`);
    assert.ok(extensionError.message.includes(reason), `extension said: ${extensionError.message}`);
    for (const text of [extensionError.message, output(r)])
      assert.ok(!text.includes(BAD_TOKEN), 'the secret leaked into a message');
    const [afterA, afterB] = await Promise.all([homeState(a), homeState(b)]);
    assertSameState(afterA, before);
    assertSameState(afterB, before);
  });
});
