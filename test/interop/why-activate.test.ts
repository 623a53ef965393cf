// "Why this profile?" and "Use This Sign-in" against the real CLI 2026.9.6, one home, four CLI calls:
// - the answer (order tried, first profile, profiles resting) equals `models status --json`: `effectiveProfiles` per
//   provider, and `unusableProfiles` for the cooldown crafted on one of them; the anthropic order comes from auth.order
//   (paste-api-key beside a token writes it), so it is locked by config;
// - activate's argv is the one the CLI parses: for a profile that does not exist it answers with its own refusal
//   ("That saved sign-in is no longer available"), not a usage error, and the extension surfaces that reason.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { activate, activateArgv } from '../../src/openclaw/activate';
import { CliError, type CliInfo } from '../../src/openclaw/cli';
import type { SqliteSource } from '../../src/openclaw/model';
import type { OperationContext } from '../../src/openclaw/operations';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import type { Snapshot } from '../../src/openclaw/types';
import { whyProfile } from '../../src/openclaw/why';
import { fakeApiKey, fakeToken } from '../fixtures/homes';
import {
  cliEnv,
  mustRun,
  node24Path,
  openclawEntry,
  repoRoot,
  runNode24Script,
  stdoutJson,
} from '../fixtures/openclaw';
import { must } from '../fixtures/must';

const MIN = 60_000;

interface StatusJson {
  auth: {
    unusableProfiles?: { profileId: string; provider?: string; kind: string; until?: number }[];
    oauth?: { providers?: { provider: string; effectiveProfiles?: { profileId: string }[] }[] };
  };
}

describe('interop: Why this profile? and Use This Sign-in (real CLI)', function () {
  this.timeout(120_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-whyfirst-'));
  const stateDir = path.join(home, '.openclaw');
  const env = cliEnv(home);
  let sqlite: SqliteSource | undefined;
  let snapshot: Snapshot;
  let status: StatusJson;
  let until: number;

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
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
      `${fakeToken('whyfirst', 'work')}\n`,
      env,
    );
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'anthropic'],
      `${fakeApiKey('whyfirst')}\n`,
      env,
    );
    // The token (first in auth.order) rests after a rate limit: OpenClaw moves it behind the key.
    until = Date.now() + 15 * MIN;
    const r = await runNode24Script(path.join(repoRoot(), 'test', 'fixtures', 'craft-auth-rows.mjs'), {
      dbPath: path.join(stateDir, 'state', 'openclaw.sqlite'),
      usageStats: { 'anthropic:work': { cooldownUntil: until, cooldownReason: 'rate_limit', errorCount: 2 } },
    });
    assert.equal(r.code, 0, r.stderr.slice(-800));
    status = stdoutJson(await mustRun('current', home, ['models', 'status', '--json'], undefined, env)) as StatusJson;
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    snapshot = await new Reader({ env, homedir: home, warnWindowMs: 86_400_000, ...(sqlite ? { sqlite } : {}) }).read();
  });

  after(() => {
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(home, { recursive: true, force: true });
  });

  it('the order tried, the first profile and the resting ones equal models status --json', () => {
    const provider = must(
      must(
        snapshot.agents.find((a) => a.id === 'main'),
        "snapshot.agents.find((a) => a.id === 'main')",
      ).providers.find((p) => p.id === 'anthropic'),
      'provider anthropic of agent main',
    );
    const answer = whyProfile(provider, Date.now());
    const cliOrder = status.auth.oauth?.providers
      ?.find((p) => p.provider === 'anthropic')
      ?.effectiveProfiles?.map((p) => p.profileId);
    const unusable = (status.auth.unusableProfiles ?? []).filter((p) => (p.provider ?? 'anthropic') === 'anthropic');
    assert.deepEqual(answer.tried, cliOrder);
    assert.deepEqual(answer.tried, ['anthropic:manual', 'anthropic:work']);
    // First: the first one models status does not list as unusable.
    const cliFirst = must(cliOrder, 'cliOrder').find((id) => !unusable.some((u) => u.profileId === id));
    assert.equal(answer.first, cliFirst);
    assert.equal(answer.firstState, 'usable');
    assert.deepEqual(
      answer.skipped.map((s) => [s.profileId, s.reason, s.until]),
      unusable.map((u) => [u.profileId, u.kind, u.until]),
    );
    assert.deepEqual([answer.skipped[0]?.until, answer.skipped[0]?.detail], [until, 'rate_limit']);
    // paste-api-key beside a token wrote auth.order.anthropic: the order is config's.
    assert.deepEqual([answer.source, answer.lockedByConfig], ['config-order', true]);
  });

  it('activate: the argv the CLI parses; an unknown profile is refused in OpenClaw words', async () => {
    const cli: CliInfo = {
      path: openclawEntry('current'),
      version: '2026.9.6',
      nodeCandidates: [node24Path()],
      node: node24Path(),
      script: openclawEntry('current'),
    };
    const ctx: OperationContext = { cli, env, agents: ['main'], defaultAgent: 'main', timeoutMs: 110_000 };
    assert.deepEqual(activateArgv(ctx, { profileId: 'anthropic:nope' }).argv, [
      'models',
      'auth',
      'activate',
      '--agent',
      'main',
      'anthropic:nope',
    ]);
    assert.throws(() => activateArgv(ctx, { profileId: '--agent=x' }));
    const error = await activate(ctx, { profileId: 'anthropic:nope' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof CliError && error.code === 'EXIT', String(error));
    const reason = error.reason ?? '';
    assert.doesNotMatch(reason, /unknown option|missing required argument|too many arguments|Usage:/i);
    // 2026.9.6: "That saved sign-in is no longer available. Open Model Setup and choose again."
    assert.match(reason, /saved sign-in is no longer available/i);
  });
});
