// "Why is this failing?" against the real CLI 2026.9.6, in one home and three CLI calls:
// 1. a provider the configured models need but that has no credential at all is a row of its own, and the set of such
//    rows equals the providers `models status --json` cannot find auth for;
// 2. cooldown and disabled windows crafted in the stored usage stats read exactly as `models auth list --json` reports
//    them (until, reason, and the recovery hint's kind).
//
// What `models status --json` calls them (2026.9.6, offline like CI): a provider with no profile, no env key and no
// config key has no resolvable route, so it is a `modelRouteIssues` entry of kind `indeterminate` ("Auth readiness
// could not be confirmed", which `--check` fails on like a missing one); `missingProvidersInUse` lists providers whose
// profiles all exist but are unusable, and `missing-auth` issues appear where the model catalog resolves a route.
// The CLI's list is the union of those, without routes owned by a runtime or synthetic auth (local servers).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import type { SqliteSource } from '../../src/openclaw/model';
import type { Provider, Snapshot } from '../../src/openclaw/types';
import { fakeApiKey, fakeToken } from '../fixtures/homes';
import { cliEnv, mustRun, node24Path, repoRoot, runNode24Script, stdoutJson } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

const WARN_WINDOW_MS = 86_400_000;
const MIN = 60_000;

interface StatusJson {
  auth: {
    missingProvidersInUse?: string[];
    modelRouteIssues?: { kind: string; provider: string; evidence?: string }[];
    providers: { provider: string }[];
  };
}
interface AuthListJson {
  profiles: {
    id: string;
    provider: string;
    cooldownUntil?: string;
    cooldownReason?: string;
    disabledUntil?: string;
    disabledReason?: string;
    recoveryHint?: string;
  }[];
}

/** The providers `models status` finds no usable auth for, as one sorted list. */
function cliMissing(status: StatusJson): string[] {
  const issues = (status.auth.modelRouteIssues ?? [])
    .filter(
      (i) =>
        (i.kind === 'missing-auth' || i.kind === 'indeterminate') &&
        i.evidence !== 'synthetic' &&
        i.evidence !== 'runtime',
    )
    .map((i) => i.provider);
  return [...new Set([...(status.auth.missingProvidersInUse ?? []), ...issues])].sort();
}

/** Rows the extension shows as "no credential; needed by …". */
const extensionMissing = (providers: readonly Provider[]): string[] =>
  providers
    .filter((p) => p.neededBy?.length && p.health === 'missing' && p.profiles.length === 0 && !p.env?.length)
    .map((p) => p.id)
    .sort();

/** `auth list`'s recovery hint as a kind (`buildAuthProfileUnusableHint`). */
const hintKind = (hint: string | undefined): string | undefined =>
  hint === undefined
    ? undefined
    : hint.startsWith('Re-authenticate')
      ? 'reauthenticate'
      : hint.startsWith('Top up credits')
        ? 'top-up'
        : hint.startsWith('Wait for cooldown')
          ? 'wait'
          : `unknown: ${hint}`;

describe('interop: providers in use without a credential, and cooldown details, equal the real CLI', function () {
  this.timeout(180_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-why-'));
  const stateDir = path.join(home, '.openclaw');
  const env = cliEnv(home);
  let sqlite: SqliteSource | undefined;
  let status: StatusJson;
  let list: AuthListJson;
  let beforeCraft: Snapshot;
  let afterCraft: Snapshot;
  // Windows counted from when the home is built, not when mocha loads the file: the interop suite loads every file
  // first and may reach this one many minutes later (a 10-minute cooldown had ended by then in a clean-clone run).
  const windows = (now: number) => ({
    'google:manual': {
      cooldownUntil: now + 30 * MIN,
      cooldownReason: 'rate_limit',
      errorCount: 2,
      failureCounts: { rate_limit: 2 },
      lastUsed: now - 60 * MIN,
      lastFailureAt: now - 2 * MIN,
    },
    'openrouter:billing': {
      disabledUntil: now + 90 * MIN,
      disabledReason: 'billing',
      errorCount: 1,
      failureCounts: { billing: 1 },
    },
    'anthropic:auth': {
      cooldownUntil: now + 20 * MIN,
      cooldownReason: 'auth',
      errorCount: 1,
      failureCounts: { auth: 1 },
    },
  });
  let crafted: ReturnType<typeof windows>;

  before(async () => {
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    assert.ok(sqlite, 'no SQLite source: Node 24 or the compiled reader missing');
    const read = () => new Reader({ env, homedir: home, warnWindowMs: WARN_WINDOW_MS, sqlite }).read();
    // As a person writes it: the default model's provider gets a key below; the text fallback and the image fallback
    // name providers nobody signed in to.
    fs.mkdirSync(stateDir, { recursive: true });
    fs.writeFileSync(
      path.join(stateDir, 'openclaw.json'),
      `${JSON.stringify(
        {
          agents: {
            defaults: {
              model: { primary: 'google/gemini-2.5-pro', fallbacks: ['anthropic/claude-opus-5'] },
              imageModel: { primary: 'google/gemini-2.5-flash', fallbacks: ['together/moonshotai/Kimi-K2.6'] },
            },
          },
        },
        null,
        2,
      )}\n`,
    );
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'google'],
      `${fakeApiKey('why', 'AIzaSy')}\n`,
      env,
    );
    status = stdoutJson(await mustRun('current', home, ['models', 'status', '--json'], undefined, env)) as StatusJson;
    beforeCraft = await read();
    crafted = windows(Date.now());
    // Windows the CLI has no command for, written as OpenClaw writes them (test/fixtures/craft-auth-rows.mjs).
    const r = await runNode24Script(path.join(repoRoot(), 'test', 'fixtures', 'craft-auth-rows.mjs'), {
      dbPath: path.join(stateDir, 'state', 'openclaw.sqlite'),
      profiles: {
        'openrouter:billing': { type: 'api_key', provider: 'openrouter', key: fakeApiKey('why', 'sk-or-v1') },
        'anthropic:auth': { type: 'token', provider: 'anthropic', token: fakeToken('why', 'auth') },
      },
      usageStats: crafted,
    });
    assert.equal(r.code, 0, r.stderr.slice(-800));
    list = stdoutJson(
      await mustRun('current', home, ['models', 'auth', 'list', '--json'], undefined, env),
    ) as AuthListJson;
    afterCraft = await read();
  });

  after(() => {
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(home, { recursive: true, force: true });
  });

  it('the providers the configured models need without any credential are exactly the ones models status --json finds no auth for', () => {
    const main = must(
      beforeCraft.agents.find((a) => a.id === 'main'),
      "beforeCraft.agents.find((a) => a.id === 'main')",
    );
    assert.deepEqual(cliMissing(status), ['anthropic', 'together'], JSON.stringify(status.auth.modelRouteIssues));
    assert.deepEqual(extensionMissing(main.providers), cliMissing(status));
    // The credentialed default provider is in neither list, and the rows name the config path that needs them.
    assert.ok(status.auth.providers.some((p) => p.provider === 'google'));
    const row = (id: string) =>
      must(
        main.providers.find((p) => p.id === id),
        'main.providers.find((p) => p.id === id)',
      );
    assert.deepEqual(row('anthropic').neededBy, ['agents.defaults.model.fallbacks']);
    assert.deepEqual(row('together').neededBy, ['agents.defaults.imageModel.fallbacks']);
    assert.deepEqual(
      [row('google').health, row('google').neededBy],
      ['static', ['agents.defaults.model', 'agents.defaults.imageModel']],
    );
  });

  it('cooldown and disabled details equal models auth list --json: until, reason and the recovery hint', () => {
    const rows = must(
      afterCraft.agents.find((a) => a.id === 'main'),
      "afterCraft.agents.find((a) => a.id === 'main')",
    ).providers.flatMap((p) => p.profiles);
    const unusable = list.profiles.filter((p) => p.cooldownUntil || p.disabledUntil);
    assert.deepEqual(unusable.map((p) => p.id).sort(), Object.keys(crafted).sort());
    for (const cli of unusable) {
      const row = rows.find((r) => r.id === cli.id);
      assert.ok(row, `no row for ${cli.id}`);
      assert.deepEqual(
        {
          cooldownUntil: row.cooldownUntil,
          cooldownReason: row.cooldownReason,
          disabledUntil: row.disabledUntil,
          disabledReason: row.disabledReason,
          recovery: row.recovery,
        },
        {
          cooldownUntil: cli.cooldownUntil ? Date.parse(cli.cooldownUntil) : undefined,
          cooldownReason: cli.cooldownReason,
          disabledUntil: cli.disabledUntil ? Date.parse(cli.disabledUntil) : undefined,
          disabledReason: cli.disabledReason,
          recovery: hintKind(cli.recoveryHint),
        },
        cli.id,
      );
    }
    // The counts behind them, as stored, and each provider with nothing usable says when it comes back.
    const google = must(
      rows.find((r) => r.id === 'google:manual'),
      "rows.find((r) => r.id === 'google:manual')",
    );
    assert.deepEqual(google.usage, {
      lastUsed: crafted['google:manual'].lastUsed,
      errorCount: 2,
      failureCounts: { rate_limit: 2 },
      lastFailureAt: crafted['google:manual'].lastFailureAt,
    });
    const providers = must(
      afterCraft.agents.find((a) => a.id === 'main'),
      "afterCraft.agents.find((a) => a.id === 'main')",
    ).providers;
    assert.deepEqual(
      providers
        .filter((p) => p.unavailableUntil !== undefined)
        .map((p) => [p.id, p.unavailableUntil])
        .sort(),
      [
        ['anthropic', crafted['anthropic:auth'].cooldownUntil],
        ['google', crafted['google:manual'].cooldownUntil],
        ['openrouter', crafted['openrouter:billing'].disabledUntil],
      ],
    );
  });
});
