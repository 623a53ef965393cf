// The extension's operations must leave OpenClaw in exactly the state the equivalent CLI command leaves it.
// Two identical fresh homes: on A the operation runs (operations.ts, secret on stdin), on B the CLI command a person
// would type; then every auth record both homes hold is compared: the stores' rows (test/fixtures/auth-state.mjs)
// and config `auth`, secrets compared by hash, times within a tolerance. Equal records make every CLI view of them
// equal (what `models status` / `auth list` / `order get` print is computed from them); those views are compared
// with the extension's reading in snapshot-vs-cli. Reading the rows costs one Node start, a CLI view ~5 CPU-s each.

import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliInfo } from '../../src/openclaw/cli';
import * as ops from '../../src/openclaw/operations';
import { fakeApiKey, fakeToken, ScenarioBuilder, type ScenarioHome, type ScenarioName } from '../fixtures/homes';
import {
  type CliResult,
  node24Path,
  openclawEntry,
  repoRoot,
  runNode24Script,
  runOpenclaw,
  withCliSlot,
} from '../fixtures/openclaw';
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

/** Every auth record a home holds (shared and per-agent stores, order and usage state) and config `auth`. */
interface HomeState {
  stores: unknown;
  configAuth: unknown;
}

// Credential fields (ground truth §2.1): compared by a hash, so a failing deepEqual never prints a secret.
const SECRET_FIELDS = new Set(['token', 'key', 'access', 'refresh', 'apiKey', 'value']);
const hashed = (value: unknown): unknown =>
  typeof value === 'string' ? `sha256:${createHash('sha256').update(value).digest('hex').slice(0, 12)}` : value;
function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? hashed(v) : maskSecrets(v)]),
  );
}

async function homeState(h: ScenarioHome): Promise<HomeState> {
  const r = await runNode24Script(path.join(repoRoot(), 'test', 'fixtures', 'auth-state.mjs'), {
    stateDir: h.stateDir,
  });
  if (r.code !== 0) throw new Error(`auth-state.mjs failed (exit ${r.code}): ${r.stderr.slice(-500)}`);
  const config = JSON.parse(fs.readFileSync(path.join(h.stateDir, 'openclaw.json'), 'utf8')) as { auth?: unknown };
  return { stores: maskSecrets(JSON.parse(r.stdout)), configAuth: config.auth ?? null };
}

// Epoch ms (2001-2286) and ISO timestamps: set from each CLI's own clock, so compared within a tolerance.
const isEpochMs = (v: unknown): v is number => typeof v === 'number' && v > 1e12 && v < 1e13;
const isIsoTime = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v);

/** The value with every time replaced by "time", and the times by their path. */
function splitTimes(value: unknown, at = '$', times = new Map<string, number>()): [unknown, Map<string, number>] {
  if (isEpochMs(value) || isIsoTime(value)) {
    times.set(at, isEpochMs(value) ? value : Date.parse(value));
    return ['time', times];
  }
  if (Array.isArray(value)) return [value.map((v, i) => splitTimes(v, `${at}[${i}]`, times)[0]), times];
  if (value === null || typeof value !== 'object') return [value, times];
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, splitTimes(v, `${at}.${k}`, times)[0]]));
  return [out, times];
}

/** Deep-equal, except times (expiry, updatedAt…) may differ by less than `toleranceMs`. */
function assertSameState(a: HomeState, b: HomeState, toleranceMs = 5_000): void {
  const [va, ta] = splitTimes(a);
  const [vb, tb] = splitTimes(b);
  assert.deepEqual(va, vb);
  for (const [at, ms] of ta) {
    const other = must(tb.get(at), `time at ${at}`);
    assert.ok(Math.abs(ms - other) < toleranceMs, `${at}: ${ms} vs ${other} (tolerance ${toleranceMs} ms)`);
  }
}

const output = (r: CliResult) => `${r.stdout}\n${r.stderr}`;

describe('interop: extension commands equal the real OpenClaw CLI', function () {
  // Generous: on a loaded 2-core runner one CLI call takes 5-20 s, and each case makes two (plus its homes' build).
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
  // paths) — except the two-agent home, whose config names its agent dirs: it is a kept template, and each
  // build copies it with those paths rewritten.
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
