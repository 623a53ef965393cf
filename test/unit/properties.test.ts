// Property-based tests of the reader on real files (legacy JSON layout, read in-process).
// Valid random stores ⇒ invariants; invalid random input ⇒ never a throw, never a profile made of garbage.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Reader } from '../../src/openclaw/snapshot';
import type { Snapshot } from '../../src/openclaw/types';
import { must } from '../fixtures/must';

const NOW = Date.UTC(2026, 10, 25, 12);
const WARN = 86_400_000;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-prop-'));
const dir = path.join(root, '.openclaw/agents/main/agent');
let runs = 0;

function readWith(storeBytes: string | Uint8Array, stateBytes?: string): Promise<Snapshot> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'auth-profiles.json'), storeBytes);
  if (stateBytes === undefined) fs.rmSync(path.join(dir, 'auth-state.json'), { force: true });
  else fs.writeFileSync(path.join(dir, 'auth-state.json'), stateBytes);
  runs++;
  return new Reader({
    env: { HOME: root },
    homedir: root,
    warnWindowMs: WARN,
    now: () => NOW,
    cli: { path: 'x', version: '2026.9.6', nodeCandidates: [] },
  }).read();
}

const providerArb = fc.constantFrom('anthropic', 'openai', 'openrouter');
const credArb = fc.record({
  type: fc.constantFrom('token', 'api_key'),
  name: fc.stringMatching(/^[a-z0-9][a-z0-9._@+-]{0,11}$/),
  provider: providerArb,
  expires: fc.option(fc.integer({ min: NOW - 30 * WARN, max: NOW + 60 * WARN }), { nil: undefined }),
});
export const validStoreArb = fc
  .uniqueArray(credArb, { selector: (c) => `${c.provider}:${c.name}`, maxLength: 8 })
  .chain((creds) => {
    // A stored order per provider, made of that provider's own ids (the CLI refuses others).
    const byProvider = new Map<string, string[]>();
    for (const c of creds)
      byProvider.set(c.provider, [...(byProvider.get(c.provider) ?? []), `${c.provider}:${c.name}`]);
    const parts = [...byProvider].map(([p, ids]) =>
      fc.option(fc.shuffledSubarray(ids, { minLength: 1 }), { nil: undefined }).map((o) => [p, o] as const),
    );
    const orderArb = fc
      .tuple(...parts)
      .map((es) => Object.fromEntries(es.filter((e) => e[1] !== undefined)) as Record<string, string[]>);
    return fc.record({ creds: fc.constant(creds), order: orderArb });
  });

export function storeText(creds: { type: string; name: string; provider: string; expires?: number }[]): string {
  const profiles: Record<string, unknown> = {};
  creds.forEach((c, i) => {
    const secret = `sk-ant-oat01-FAKE-prop${i}-`.padEnd(90, 'x');
    profiles[`${c.provider}:${c.name}`] =
      c.type === 'token'
        ? {
            type: 'token',
            provider: c.provider,
            token: secret,
            ...(c.expires !== undefined ? { expires: c.expires } : {}),
          }
        : { type: 'api_key', provider: c.provider, key: secret };
  });
  return JSON.stringify({ version: 1, profiles });
}

describe('properties: the reader on random stores', function () {
  this.timeout(60_000);
  after(() => {
    console.log(`      [properties] ${runs} reader runs in total`);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('property: every stored profile appears exactly once, order ⊆ profiles, health follows expiry and now (seed 6001, 150 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(validStoreArb, async ({ creds, order }) => {
        const s = await readWith(storeText(creds), JSON.stringify({ version: 1, order }));
        assert.deepEqual(
          s.warnings.filter((w) => !/^CLI_/.test(w.code)),
          [],
        );
        const main = s.agents.find((a) => a.id === 'main');
        assert.ok(main, 'the main agent is read');
        const rows = main.providers.flatMap((p) => p.profiles.map((r) => ({ ...r, providerId: p.id })));
        const expected = creds.map((c) => `${c.provider}:${c.name}`).sort();
        assert.deepEqual(rows.map((r) => r.id).sort(), expected, 'each stored profile exactly once');
        for (const p of main.providers) {
          const mine = new Set(p.profiles.map((r) => r.id));
          for (const id of p.sequence) assert.ok(mine.has(id), `sequence id ${id} is not a profile of ${p.id}`);
          // What OpenClaw tries comes first; the profiles it skips now follow.
          assert.deepEqual(p.sequence.slice(0, p.order.length), p.order, 'order is a prefix of sequence');
          for (const r of p.profiles) if (r.orderIndex !== undefined) assert.equal(p.sequence[r.orderIndex], r.id);
          for (const r of p.profiles) assert.equal(r.excluded === true, r.orderIndex === undefined);
          // Same ids as stored; unusable (expired) ones may move to the end, as the CLI does.
          const stored = order[p.id];
          if (stored) {
            assert.deepEqual([...p.sequence].sort(), [...stored].sort(), 'a stored order keeps its ids');
            assert.deepEqual(p.storedOrder, stored, 'the stored override is reported as stored');
          }
        }
        for (const c of creds) {
          const r = must(
            rows.find((x) => x.id === `${c.provider}:${c.name}`),
            'rows.find((x) => x.id === `${c.provider}:${c.name}`)',
          );
          assert.equal(r.provider, c.provider);
          assert.equal(r.type, c.type);
          assert.match(r.masked ?? '', /^sk-ant-o\.\.\.x{8}$/);
          const want =
            c.type === 'api_key' || c.expires === undefined
              ? 'static'
              : c.expires <= NOW
                ? 'expired'
                : c.expires - NOW <= WARN
                  ? 'expiring'
                  : 'ok';
          assert.equal(r.health, want, `${r.id} expires ${c.expires}`);
        }
      }),
      { seed: 6001, numRuns: 150 },
    );
  });

  const garbageFree = (s: Snapshot, input: string): void => {
    for (const a of s.agents)
      for (const p of a.providers)
        for (const r of p.profiles) {
          // Provider ids are lower-cased and trimmed like OpenClaw's normaliser does.
          const lower = input.toLowerCase();
          assert.ok(input.includes(JSON.stringify(r.id).slice(1, -1)), `id "${r.id}" is not from the input`);
          assert.ok(
            lower.includes(JSON.stringify(r.provider).slice(1, -1)),
            `provider "${r.provider}" is not from the input`,
          );
          assert.ok(['token', 'api_key', 'oauth'].includes(r.type), `type ${r.type}`);
        }
  };

  it('property: random JSON values as store and state never throw and never invent a profile (seed 6002, 200 runs)', async () => {
    const anyStore = fc.oneof(
      fc.jsonValue(),
      fc.record({
        version: fc.jsonValue(),
        profiles: fc.dictionary(
          fc.string(),
          fc.oneof(
            fc.jsonValue(),
            fc.record(
              {
                type: fc.oneof(fc.constantFrom('token', 'api_key', 'oauth', 'x'), fc.jsonValue()),
                provider: fc.jsonValue(),
                token: fc.jsonValue(),
                key: fc.jsonValue(),
                expires: fc.jsonValue(),
              },
              { requiredKeys: [] },
            ),
          ),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(anyStore, fc.jsonValue(), async (st, state) => {
        const text = JSON.stringify(st) ?? 'null';
        const s = await readWith(text, JSON.stringify(state) ?? 'null');
        garbageFree(s, text);
      }),
      { seed: 6002, numRuns: 200 },
    );
  });

  it('property: random bytes and truncated prefixes of valid files never throw; a prefix yields a subset of the valid profiles (seed 6003, 200 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const s = await readWith(bytes);
        garbageFree(s, Buffer.from(bytes).toString('utf8'));
      }),
      { seed: 6003, numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(validStoreArb, fc.double({ min: 0, max: 1, noNaN: true }), async ({ creds }, cut) => {
        const full = storeText(creds);
        const prefix = full.slice(0, Math.floor(full.length * cut));
        const s = await readWith(prefix);
        const valid = new Set(creds.map((c) => `${c.provider}:${c.name}`));
        for (const r of s.agents.flatMap((a) => a.providers.flatMap((p) => p.profiles)))
          assert.ok(valid.has(r.id), r.id);
        if (prefix.length < full.length)
          assert.ok(
            s.warnings.some((w) => w.code === 'STORE_UNREADABLE'),
            'a truncated file is reported',
          );
      }),
      { seed: 6003, numRuns: 100 },
    );
  });
});
