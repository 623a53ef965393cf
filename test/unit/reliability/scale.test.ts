// Big stores (issue 12 §3): the effective order and the per-provider rows take linear work. The order of
// 200,000 profiles is timed (the one timed test the issue asks for); the snapshot's grouping is counted instead
// (passes over the profile maps), which no machine load can make flaky.
import * as assert from 'node:assert/strict';
import type {
  AuthConfig,
  Location,
  ParsedConfig,
  StoredCredential,
  StoresResult,
  UsageStats,
} from '../../../src/openclaw/model';
import { effectiveOrder } from '../../../src/openclaw/order';
import { buildSnapshot } from '../../../src/openclaw/snapshot';

const NOW = Date.UTC(2026, 10, 25, 12);
const HOUR = 3_600_000;
const where = { store: 'sqlite-shared' as const, storePath: '/h/.openclaw/state/openclaw.sqlite' };

/** n profiles: tokens (some expired), OAuth (some expired), API keys; every 11th in cooldown, all used at some time. */
function bigStore(
  n: number,
  provider: (i: number) => string,
): { stored: Record<string, StoredCredential>; usage: Record<string, UsageStats> } {
  const stored: Record<string, StoredCredential> = {};
  const usage: Record<string, UsageStats> = {};
  for (let i = 0; i < n; i++) {
    const p = provider(i);
    const id = `${p}:p${i}`;
    stored[id] =
      i % 3 === 0
        ? { type: 'api_key', provider: p, key: `sk-FAKE-${i}`, ...where }
        : i % 3 === 1
          ? {
              type: 'token',
              provider: p,
              token: `sk-ant-oat01-FAKE-${i}`,
              expires: NOW + ((i % 7) - 3) * HOUR,
              ...where,
            }
          : {
              type: 'oauth',
              provider: p,
              access: 'FAKE-a',
              refresh: 'FAKE-r',
              expires: NOW + ((i % 5) - 2) * HOUR,
              ...where,
            };
    usage[id] = i % 11 === 0 ? { cooldownUntil: NOW + (i % 13) * 1000, lastUsed: i } : { lastUsed: n - i };
  }
  return { stored, usage };
}

/**
 * The least CPU time of three runs, in ms. CPU time, not wall time: a loaded runner makes a run wait for a core, not
 * work more. The least of three: the work is the same each time, and the garbage collector or the scheduler can only
 * add to a run. A quadratic pass takes minutes here whatever is subtracted.
 */
function bestCpuMs<T>(fn: () => T, runs = 3): [T, number] {
  let best = Infinity;
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    result = fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return [result as T, best];
}

describe('reliability: big stores', function () {
  this.timeout(120_000);

  it('scale: the effective order of 200,000 profiles of one provider is not quadratic (automatic, and a stored order naming half)', () => {
    const n = 200_000;
    const { stored, usage } = bigStore(n, () => 'anthropic');
    const ids = Object.keys(stored);
    const auth: AuthConfig = { profiles: {}, order: {} };
    const named = ids.filter((_, i) => i % 2 === 0).reverse();
    // One run first: it compiles the code and pays the garbage collector for building the store above. A quadratic
    // pass fails here, after one run of minutes rather than seven.
    const [, firstMs] = bestCpuMs(
      () => effectiveOrder('anthropic', stored, {}, auth, { usageStats: usage, now: NOW }),
      1,
    );
    assert.ok(firstMs < 10_000, `the first order of ${n} profiles took ${firstMs.toFixed(0)} ms of CPU`);

    const [auto, autoMs] = bestCpuMs(() =>
      effectiveOrder('anthropic', stored, {}, auth, { usageStats: usage, now: NOW }),
    );
    assert.equal(auto.orderSource, 'automatic');
    assert.equal(auto.order.length, n);
    assert.equal(new Set(auto.order).size, n, 'every profile once');
    assert.deepEqual(auto.order.slice(0, auto.eligible.length), auto.eligible, 'what OpenClaw tries comes first');
    assert.deepEqual(auto.excluded, []);

    const [explicit, explicitMs] = bestCpuMs(() =>
      effectiveOrder('anthropic', stored, { anthropic: named }, auth, { usageStats: usage, now: NOW }),
    );
    assert.equal(explicit.orderSource, 'stored');
    assert.deepEqual([...explicit.order].sort(), [...named].sort());
    assert.equal(explicit.excluded.length, n - named.length);
    assert.ok(explicit.excluded.every((id) => Number(id.slice('anthropic:p'.length)) % 2 === 1));

    // A bound that only quadratic work breaks (one pass over the order per profile: minutes here), not a speed
    // target: ~1.4 s of CPU on a quiet 2-core runner, 1.8 s once beside an install. Speed is `npm run bench`'s.
    assert.ok(autoMs < 10_000, `automatic order of ${n} profiles took ${autoMs.toFixed(0)} ms of CPU`);
    assert.ok(
      explicitMs < 10_000,
      `stored order naming ${named.length} of ${n} profiles took ${explicitMs.toFixed(0)} ms of CPU`,
    );
  });

  it('scale: a snapshot walks the profile maps a fixed number of times, not once per provider (300 providers × 20 profiles)', () => {
    const { stored, usage } = bigStore(6000, (i) => `p${i % 300}`);
    const declared: AuthConfig['profiles'] = {};
    for (const [id, cred] of Object.entries(stored).slice(0, 3000))
      declared[id] = { provider: cred.provider, mode: cred.type };
    declared['p7:ghost'] = { provider: 'p7', mode: 'token' };
    // Count how often each map's keys are listed (Object.keys/entries/values, for…in): one listing is one pass.
    const walks = { profiles: 0, declared: 0 };
    const counted = <T extends object>(target: T, key: keyof typeof walks): T =>
      new Proxy(target, {
        ownKeys(t) {
          walks[key]++;
          return Reflect.ownKeys(t);
        },
      });
    const loc: Location = {
      home: '/h',
      stateDir: '/h/.openclaw',
      configPath: '/h/.openclaw/openclaw.json',
      stateDirExists: true,
      configExists: true,
    };
    const config: ParsedConfig = {
      exists: true,
      auth: { profiles: counted(declared, 'declared'), order: {} },
      agents: [{ id: 'main', agentDir: '/h/a', isDefault: true }],
      envVars: {},
      raw: {},
    };
    const stores: StoresResult = {
      generation: 'sqlite-shared',
      readPath: 'in-process',
      warnings: [],
      watchPaths: [],
      agents: {
        main: {
          agentId: 'main',
          profiles: counted(stored, 'profiles'),
          state: { order: { p3: ['p3:p3'] }, lastGood: {}, usageStats: usage },
        },
      },
    };
    const snap = buildSnapshot({ loc, config, stores, envCreds: [], warnWindowMs: 86_400_000, now: NOW });

    const providers = snap.agents[0]?.providers ?? [];
    assert.equal(providers.length, 300);
    assert.equal(
      providers.reduce((sum, p) => sum + p.profiles.filter((r) => !r.declaredOnly).length, 0),
      6000,
      'every stored profile shown once',
    );
    assert.deepEqual(providers.find((p) => p.id === 'p3')?.order, ['p3:p3']);
    assert.equal(
      providers.find((p) => p.id === 'p3')?.profiles.filter((r) => r.excluded).length,
      19,
      'the stored order leaves out the other 19',
    );
    assert.ok(providers.find((p) => p.id === 'p7')?.profiles.some((r) => r.id === 'p7:ghost' && r.declaredOnly));
    assert.ok(walks.profiles <= 2, `the stored profiles were walked ${walks.profiles} times for 300 providers`);
    assert.ok(walks.declared <= 3, `the declared profiles were walked ${walks.declared} times for 300 providers`);
  });
});
