// Property check against the real CLI: random valid stores from fixed seeds are written into a home the
// real 2026.9.6 CLI created (rows replaced with node:sqlite while no CLI runs), then the snapshot must
// equal `models auth list --json` + `models status --json` (+ `order get`) of that CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { SqliteSource } from '../../src/openclaw/model';
import { Reader } from '../../src/openclaw/snapshot';
import { createChildSource } from '../../src/openclaw/sqlite';
import type { Agent } from '../../src/openclaw/types';
import { cliEnv, mustRun, node24Path, repoRoot, runNode24Script, runOpenclaw, stdoutJson } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

// OPENCLAW_TEST_SEEDS=7004,7005 checks other seeds while working on the reader.
const SEEDS = process.env.OPENCLAW_TEST_SEEDS?.split(',').map(Number) ?? [7001, 7002, 7003];
const HOUR = 3_600_000;
// Hours from now, kept an hour away from "now" and the 24 h warning edge so the two reads cannot disagree.
const offsetArb = fc.oneof(
  fc.integer({ min: -240, max: -1 }),
  fc.integer({ min: 1, max: 22 }),
  fc.integer({ min: 26, max: 1500 }),
);
const credArb = fc.record({
  provider: fc.constantFrom('anthropic', 'openai', 'openrouter'),
  name: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,7}$/),
  type: fc.constantFrom('token', 'api_key'),
  expiresInH: fc.option(offsetArb, { nil: undefined }),
});
const storeArb = fc
  .uniqueArray(credArb, { selector: (c) => `${c.provider}:${c.name}`, minLength: 1, maxLength: 6 })
  .chain((creds) => {
    const byProvider = new Map<string, string[]>();
    for (const c of creds)
      byProvider.set(c.provider, [...(byProvider.get(c.provider) ?? []), `${c.provider}:${c.name}`]);
    const parts = [...byProvider].map(([p, ids]) =>
      fc.option(fc.shuffledSubarray(ids, { minLength: 1 }), { nil: undefined }).map((o) => [p, o] as const),
    );
    return fc.tuple(...parts).map((es) => ({
      creds,
      order: Object.fromEntries(es.filter((e) => e[1] !== undefined)) as Record<string, string[]>,
    }));
  });

const REPLACE = `import {DatabaseSync} from 'node:sqlite';let s='';for await (const c of process.stdin) s+=c;const {db,store,state}=JSON.parse(s);
const d=new DatabaseSync(db);const u=d.prepare('INSERT OR REPLACE INTO config_machine_state (state_key,value_json,updated_at_ms) VALUES (?,?,?)');
u.run('authProfiles.store',store,Date.now());u.run('authProfiles.state',state,Date.now());d.close();`;

type Shape = Record<
  string,
  { profiles: { id: string; type: string; expiresAt?: number; health?: string }[]; effective: string[] }
>;

/** The snapshot in the CLI's terms; the provider's `order` is meant to be `effectiveProfiles` itself. */
function shape(agent: Agent): Shape {
  const out: Shape = {};
  for (const p of agent.providers) {
    // Declared in config only (paste-token records auth.profiles): the CLI's list shows stored ones.
    const stored = p.profiles.filter((x) => !x.declaredOnly);
    if (!stored.length) continue;
    out[p.id] = {
      profiles: stored
        .map((x) => ({
          id: x.id,
          type: x.type,
          ...(x.expiresAt !== undefined ? { expiresAt: x.expiresAt } : {}),
          health: x.health,
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
      effective: [...p.order],
    };
  }
  return out;
}

/** `models auth list --json` + `models status --json`, both at once. */
async function truth(home: string): Promise<Shape> {
  const env = cliEnv(home);
  // One after another: two OpenClaw processes starting on one home can race in the CLI's state migration.
  const list = await runOpenclaw('current', home, ['models', 'auth', 'list', '--json'], undefined, env);
  const status = await runOpenclaw('current', home, ['models', 'status', '--json'], undefined, env);
  assert.equal(list.code, 0, list.stderr.slice(-500));
  assert.equal(status.code, 0, status.stderr.slice(-500));
  const listed = stdoutJson(list) as { profiles: { id: string; provider: string; type: string; expiresAt?: string }[] };
  const stat = stdoutJson(status) as {
    auth: {
      oauth: {
        profiles: { profileId: string; status: string }[];
        providers: { provider: string; effectiveProfiles?: { profileId: string }[] }[];
      };
    };
  };
  const health = new Map(
    stat.auth.oauth.profiles.map((p) => [p.profileId, p.status === 'unknown' ? 'missing' : p.status]),
  );
  const out: Shape = {};
  for (const p of listed.profiles) {
    (out[p.provider] ??= { profiles: [], effective: [] }).profiles.push({
      id: p.id,
      type: p.type,
      ...(p.expiresAt ? { expiresAt: Date.parse(p.expiresAt) } : {}),
      health: health.get(p.id),
    });
  }
  for (const p of stat.auth.oauth.providers) {
    const row = out[p.provider];
    if (row) row.effective = (p.effectiveProfiles ?? []).map((e) => e.profileId);
  }
  for (const v of Object.values(out)) v.profiles.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

describe('interop: random valid stores read like the real CLI reads them', function () {
  this.timeout(180_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-prop-cli-'));
  const base = path.join(root, 'base');
  let sqlite: SqliteSource;

  before(async () => {
    fs.mkdirSync(base);
    await mustRun(
      'current',
      base,
      ['models', 'auth', 'paste-token', '--provider', 'anthropic'],
      `${'sk-ant-oat01-FAKE-base-'.padEnd(90, 'b')}\n`,
    );
    const s = await createChildSource({
      nodeCandidates: [node24Path()],
      readerScript: path.join(repoRoot(), 'out/src/openclaw/sqlite/reader-main.js'),
    });
    assert.ok(s);
    sqlite = s;
  });
  after(() => {
    sqlite?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const results = new Map<number, { snap: Shape; cli: Shape; count: number }>();
  before(async function () {
    this.timeout(170_000);
    fs.writeFileSync(path.join(root, 'replace.mjs'), REPLACE);
    // All seeds at once: the fixture runner keeps at most 3 CLI processes alive.
    await Promise.all(
      SEEDS.map(async (seed) => {
        const [sample] = fc.sample(storeArb, { seed, numRuns: 1 });
        assert.ok(sample, `fast-check gave no sample for seed ${seed}`);
        const { creds, order } = sample;
        const home = path.join(root, String(seed));
        fs.cpSync(base, home, { recursive: true });
        const now = Date.now();
        const profiles: Record<string, unknown> = {};
        creds.forEach((c, i) => {
          const secret = `sk-ant-oat01-FAKE-seed${seed}-${i}-`.padEnd(90, 'p');
          profiles[`${c.provider}:${c.name}`] =
            c.type === 'api_key'
              ? { type: 'api_key', provider: c.provider, key: secret }
              : {
                  type: 'token',
                  provider: c.provider,
                  token: secret,
                  ...(c.expiresInH !== undefined ? { expires: now + c.expiresInH * HOUR } : {}),
                };
        });
        const db = path.join(home, '.openclaw/state/openclaw.sqlite');
        const w = await runNode24Script(path.join(root, 'replace.mjs'), {
          db,
          store: JSON.stringify({ version: 1, profiles }),
          state: JSON.stringify({ version: 1, order }),
        });
        assert.equal(w.code, 0, w.stderr);
        const snap = await new Reader({ env: cliEnv(home), homedir: home, warnWindowMs: 86_400_000, sqlite }).read();
        results.set(seed, {
          snap: shape(
            must(
              snap.agents.find((a) => a.id === 'main'),
              "snap.agents.find((a) => a.id === 'main')",
            ),
          ),
          cli: await truth(home),
          count: creds.length,
        });
      }),
    );
  });

  for (const seed of SEEDS) {
    it(`property vs CLI: seed ${seed} — profiles, types, expiry, health and effective order equal the CLI's`, () => {
      const r = results.get(seed);
      assert.ok(r, 'seed not run');
      assert.deepEqual(r.snap, r.cli, `seed ${seed}`);
      console.log(`      [properties-vs-cli] seed ${seed}: ${r.count} profiles equal`);
    });
  }
});
