// The snapshot the extension reads from disk must say what the real OpenClaw CLI says, for every scenario home
// and every agent. Homes are made by the real CLI (test/fixtures/homes.ts); the truth comes from
// `models auth list`, `models status` and `models auth order get` (test/fixtures/cli-truth.ts).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import type { Agent, Snapshot } from '../../src/openclaw/types';
import type { SqliteSource } from '../../src/openclaw/model';
import { type AgentTruth, cliTruth, type TruthProfile } from '../fixtures/cli-truth';
import {
  ScenarioBuilder,
  type ScenarioHome,
  scenarioAgents,
  type ScenarioName,
  scenarioRefused,
  SCENARIOS,
} from '../fixtures/homes';
import { node24Path } from '../fixtures/openclaw';

const WARN_WINDOW_MS = 86_400_000; // what `models status` uses (auth.oauth.warnAfterMs)
// OPENCLAW_TEST_SCENARIOS=a,b narrows the matrix while working on one case.
const ONLY = process.env.OPENCLAW_TEST_SCENARIOS?.split(',').map((s) => s.trim());
const MATRIX = SCENARIOS.filter((s) => !ONLY || ONLY.includes(s));

interface Compared {
  profiles: Record<string, TruthProfile[]>;
  effectiveOrder: Record<string, string[]>;
  storedOrder: Record<string, string[] | null>;
}

function fromTruth(t: AgentTruth): Compared {
  const out: Compared = { profiles: {}, effectiveOrder: {}, storedOrder: {} };
  for (const p of Object.values(t.providers)) {
    if (p.profiles.length === 0) continue;
    out.profiles[p.id] = p.profiles;
    out.effectiveOrder[p.id] = p.effectiveOrder;
    out.storedOrder[p.id] = p.storedOrder;
  }
  return out;
}

function fromSnapshot(agent: Agent): Compared {
  const out: Compared = { profiles: {}, effectiveOrder: {}, storedOrder: {} };
  for (const p of agent.providers) {
    // Env-only providers have no profiles; `auth list` only lists profiles.
    if (p.profiles.length === 0) continue;
    // `auth list` lists stored credentials only; a profile declared in config but without a credential for this
    // agent (declaredOnly) is the snapshot's extra, so it is left out here — the effective order still counts it.
    out.profiles[p.id] = p.profiles
      .filter((x) => !x.declaredOnly)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((x) => {
        const prof: TruthProfile = { id: x.id, type: x.type };
        if (x.expiresAt !== undefined) prof.expiresAt = x.expiresAt;
        if (x.cooldownUntil !== undefined) prof.cooldownUntil = x.cooldownUntil;
        if (x.cooldownReason !== undefined) prof.cooldownReason = x.cooldownReason;
        if (x.disabledUntil !== undefined) prof.disabledUntil = x.disabledUntil;
        if (x.disabledReason !== undefined) prof.disabledReason = x.disabledReason;
        prof.health = x.health;
        return prof;
      });
    out.effectiveOrder[p.id] = p.order;
    out.storedOrder[p.id] = p.orderSource === 'stored' ? (p.storedOrder ?? []) : null;
  }
  return out;
}

const pick = <K extends keyof TruthProfile>(c: Compared, keys: K[]) =>
  Object.fromEntries(
    Object.entries(c.profiles).map(([prov, ps]) => [
      prov,
      ps.map((p) => Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]))),
    ]),
  );

describe('interop: snapshot equals the real OpenClaw CLI', function () {
  this.timeout(60_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-snap-'));
  const homes = {} as Record<ScenarioName, ScenarioHome>;
  const snapshots = {} as Record<ScenarioName, Snapshot>;
  const truths = {} as Record<ScenarioName, Record<string, AgentTruth>>;
  let sqlite: SqliteSource | undefined;

  before(async function () {
    // About 80 CLI calls of 2-6 s CPU each: ~4 min on 2 free cores, far more on a busy runner.
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 30 * 60_000);
    const started = Date.now();
    // The reader compiled beside this test (out/ or any --outDir), so it always matches the code under test.
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    assert.ok(
      sqlite,
      'no SQLite source: Node 24 or the compiled src/openclaw/sqlite/reader-main.js missing (compile first)',
    );
    const builder = new ScenarioBuilder(root);
    // Each home goes build → snapshot → CLI truth as soon as it is ready; the CLI runner caps processes at 3.
    await Promise.all(
      MATRIX.map(async (name) => {
        const h = (homes[name] = await builder.build(name));
        // Snapshot before any CLI read: the CLI relocates a lone ~/.clawdbot to ~/.openclaw (leaving a symlink) when it runs.
        snapshots[name] = await new Reader({
          env: h.env,
          homedir: h.home,
          warnWindowMs: WARN_WINDOW_MS,
          sqlite,
        }).read();
        const agents = await Promise.all(h.agents.map(async (a) => [a, await cliTruth(h, a)] as const));
        truths[name] = Object.fromEntries(agents);
      }),
    );
    console.log(
      `[interop] built ${MATRIX.length} homes, read snapshots and CLI truth in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  after(() => {
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  const agentOf = (name: ScenarioName, id: string): Agent => {
    const a = snapshots[name].agents.find((x) => x.id === id);
    assert.ok(a, `snapshot of ${name} has no agent ${id} (has: ${snapshots[name].agents.map((x) => x.id).join(', ')})`);
    return a;
  };
  const truthOf = (name: ScenarioName, agent: string): AgentTruth => {
    const t = truths[name][agent];
    assert.ok(t, `no CLI truth for ${name}/${agent}`);
    return t;
  };

  for (const name of MATRIX) {
    describe(name, () => {
      it('state dir and generation', () => {
        const h = homes[name];
        assert.equal(snapshots[name].stateDir, h.stateDir);
        assert.equal(snapshots[name].stateFound, true);
        if (h.generation) assert.equal(snapshots[name].generation, h.generation);
      });

      if (scenarioRefused(name)) {
        it('CLI refuses with AUTH_PROFILE_MIGRATION_REQUIRED and the snapshot warns MIGRATION_REQUIRED', () => {
          const main = truthOf(name, 'main');
          assert.equal(main.error?.code, 'AUTH_PROFILE_MIGRATION_REQUIRED', JSON.stringify(main));
          const w = snapshots[name].warnings.filter((x) => x.code === 'MIGRATION_REQUIRED');
          assert.ok(w.length > 0, `warnings: ${JSON.stringify(snapshots[name].warnings)}`);
          assert.ok(
            w.some((x) => (x.agent ?? 'main') === 'main'),
            JSON.stringify(w),
          );
        });
        it('the snapshot blocks exactly the providers the CLI names ("affected providers: …")', () => {
          const message = truthOf(name, 'main').error?.message;
          const named = /affected providers: ([^;]+);/.exec(message ?? '')?.[1];
          assert.ok(named, `CLI message: ${message}`);
          const cli = named.startsWith('all ')
            ? undefined
            : named
                .split(',')
                .map((p) => p.trim())
                .sort();
          const w = snapshots[name].warnings.find((x) => x.code === 'MIGRATION_REQUIRED' && x.agent === 'main');
          assert.deepEqual(w?.blockedProviders, cli);
          const main = agentOf(name, 'main');
          const marked = main.providers
            .filter((p) => p.migrationBlocked)
            .map((p) => p.id)
            .sort();
          assert.deepEqual(marked, cli ?? main.providers.map((p) => p.id).sort());
          // Providers OpenClaw does not refuse are still shown, unmarked (the shared store's openrouter key).
          for (const p of main.providers) if (!p.migrationBlocked) assert.ok(p.profiles.length > 0, p.id);
        });
        return;
      }

      if (name === 'two-agents') {
        it('a retired auth-profiles.json beside work’s populated store: CLI does not refuse, snapshot only says MIGRATION_LEFTOVER', () => {
          for (const agent of scenarioAgents(name)) {
            const { error } = truthOf(name, agent);
            assert.equal(error, undefined, JSON.stringify(error));
          }
          assert.deepEqual(
            snapshots[name].warnings.filter((w) => w.code.startsWith('MIGRATION')).map((w) => [w.code, w.agent]),
            [['MIGRATION_LEFTOVER', 'work']],
          );
          assert.ok(snapshots[name].agents.every((a) => a.providers.every((p) => !p.migrationBlocked)));
        });
      }

      for (const agent of scenarioAgents(name)) {
        const both = () => {
          const t = truthOf(name, agent);
          assert.equal(t.error, undefined, `CLI failed: ${JSON.stringify(t.error)}`);
          return { snap: fromSnapshot(agentOf(name, agent)), cli: fromTruth(t) };
        };
        it(`${agent}: profile ids and types per provider`, () => {
          const { snap, cli } = both();
          assert.deepEqual(pick(snap, ['id', 'type']), pick(cli, ['id', 'type']));
        });
        it(`${agent}: expiry, cooldown and disabled (epoch ms, as \`auth list\` reports them)`, () => {
          const { snap, cli } = both();
          const keys: (keyof TruthProfile)[] = [
            'id',
            'expiresAt',
            'cooldownUntil',
            'cooldownReason',
            'disabledUntil',
            'disabledReason',
          ];
          assert.deepEqual(pick(snap, keys), pick(cli, keys));
        });
        it(`${agent}: health (\`models status\` auth.oauth.profiles[].status)`, () => {
          const { snap, cli } = both();
          assert.deepEqual(pick(snap, ['id', 'health']), pick(cli, ['id', 'health']));
        });
        it(`${agent}: effective order (\`models status\` effectiveProfiles)`, () => {
          const { snap, cli } = both();
          assert.deepEqual(snap.effectiveOrder, cli.effectiveOrder);
        });
        it(`${agent}: stored order override (\`order get\`) ⇔ storedOrder and orderSource 'stored'`, () => {
          const { snap, cli } = both();
          assert.deepEqual(snap.storedOrder, cli.storedOrder);
        });
      }
    });
  }
});
