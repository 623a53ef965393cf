// While the real CLI changes a home in a loop (paste-token, order set, logout) for a bounded time,
// snapshots read meanwhile (child SQLite source) are each internally consistent — never half a write —
// and the last one equals the CLI's final state.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SqliteSource } from '../../src/openclaw/model';
import { Reader } from '../../src/openclaw/snapshot';
import { createChildSource } from '../../src/openclaw/sqlite';
import type { Snapshot } from '../../src/openclaw/types';
import { cliEnv, mustRun, node24Path, repoRoot, runOpenclaw, stdoutJson } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

const BUDGET_MS = Number(process.env.OPENCLAW_TEST_CONCURRENCY_MS) || 45_000;
const TOKEN = (i: number) => `sk-ant-oat01-FAKE-conc${i}-`.padEnd(90, 'c');
const INCONSISTENT = new Set(['STORE_UNREADABLE', 'CONFIG_INVALID', 'INVALID_SHARED_AUTH_STORE_OWNERSHIP']);

/** Everything a half-applied write would break. Returns a problem, or undefined. */
function problem(s: Snapshot): string | undefined {
  const bad = s.warnings.filter((w) => INCONSISTENT.has(w.code));
  if (bad.length) return `warnings ${bad.map((w) => w.code).join(',')}`;
  const main = s.agents.find((a) => a.id === 'main');
  if (!main) return 'no main agent';
  for (const p of main.providers) {
    const ids = p.profiles.map((x) => x.id);
    if (new Set(ids).size !== ids.length) return `duplicate rows in ${p.id}`;
    for (const r of p.profiles) {
      if (r.declaredOnly) continue;
      if (r.orderIndex !== undefined && p.sequence[r.orderIndex] !== r.id)
        return `${r.id} orderIndex ${r.orderIndex} but sequence ${p.sequence.join(',')}`;
      if (r.orderIndex === undefined && !r.excluded) return `${r.id} neither ordered nor excluded`;
      if (r.type === 'token' && !/^sk-ant-o\.\.\.c{8}$/.test(r.masked ?? ''))
        return `${r.id} has no whole token (${r.masked})`;
    }
    for (const id of p.sequence) if (!ids.includes(id)) return `sequence names ${id}, which no row shows`;
    if (p.order.some((id, i) => p.sequence[i] !== id))
      return `order ${p.order.join(',')} is not the start of sequence ${p.sequence.join(',')}`;
  }
  return undefined;
}

describe('interop: concurrent CLI writes and reads', function () {
  // The loop is bounded by BUDGET_MS; the margin covers two forced rounds on a slow, shared runner.
  this.timeout(BUDGET_MS + 240_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-conc-'));
  let sqlite: SqliteSource;
  after(() => {
    sqlite?.dispose();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('concurrency: every snapshot read during the CLI loop is consistent and the last equals the CLI', async () => {
    const s = await createChildSource({
      nodeCandidates: [node24Path()],
      readerScript: path.join(repoRoot(), 'out/src/openclaw/sqlite/reader-main.js'),
    });
    assert.ok(s);
    sqlite = s;
    await mustRun('current', home, ['models', 'auth', 'paste-token', '--provider', 'anthropic'], `${TOKEN(0)}\n`);
    const env = cliEnv(home);
    const reader = new Reader({ env, homedir: home, warnWindowMs: 86_400_000, sqlite });
    const deadline = Date.now() + BUDGET_MS;
    let writes = 0;
    let writing = true;
    const writer = (async () => {
      try {
        // At least two rounds (so a logout happens), then as many as the budget allows.
        for (let i = 1; i <= 2 || Date.now() < deadline; i++) {
          const id = `anthropic:c${i}`;
          await mustRun(
            'current',
            home,
            ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', id],
            `${TOKEN(i)}\n`,
          );
          writes++;
          await mustRun('current', home, [
            'models',
            'auth',
            'order',
            'set',
            '--provider',
            'anthropic',
            id,
            'anthropic:manual',
          ]);
          writes++;
          if (i > 1) {
            await mustRun('current', home, ['models', 'auth', 'logout', '--yes', `anthropic:c${i - 1}`]);
            writes++;
          }
        }
      } finally {
        writing = false;
      }
    })();
    writer.catch(() => undefined); // awaited below; a failed CLI write fails the test there
    let reads = 0;
    const problems: string[] = [];
    while (writing) {
      const snap = await reader.read();
      reads++;
      const p = problem(snap);
      if (p) problems.push(p);
      await new Promise((r) => setTimeout(r, 50));
    }
    await writer;
    const last = await reader.read();
    assert.deepEqual(problems, [], `${problems.length} of ${reads} snapshots were inconsistent`);
    assert.equal(problem(last), undefined);
    const listed = stdoutJson(
      await runOpenclaw('current', home, ['models', 'auth', 'list', '--json'], undefined, env),
    ) as { profiles: { id: string }[] };
    const order = stdoutJson(
      await runOpenclaw(
        'current',
        home,
        ['models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json'],
        undefined,
        env,
      ),
    ) as { order: string[] | null };
    const anthropic = must(
      must(
        last.agents.find((a) => a.id === 'main'),
        "last.agents.find((a) => a.id === 'main')",
      ).providers.find((p) => p.id === 'anthropic'),
      'provider anthropic of agent main',
    );
    assert.deepEqual(
      anthropic.profiles
        .filter((x) => !x.declaredOnly)
        .map((x) => x.id)
        .sort(),
      listed.profiles.map((x) => x.id).sort(),
    );
    assert.deepEqual(anthropic.order, order.order);
    assert.ok(writes >= 5, `only ${writes} writes`);
    console.log(
      `      [concurrency] ${writes} CLI writes survived, ${reads} consistent snapshots read meanwhile, final state equals the CLI`,
    );
  });
});
