// Bad input on real files: each case gets a clear warning, the other agent's profile is still shown,
// and no file under the home changes (checksums before and after).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SqliteSource } from '../../../src/openclaw/model';
import type { Snapshot } from '../../../src/openclaw/types';
import {
  NOW,
  assertActionable,
  checksums,
  childReaderHooks,
  codes,
  ids,
  profiles,
  read,
  store,
  tmp,
  tok,
  TOKEN,
  twoAgents,
  writeAgentStore,
  writeConfig,
  writeSharedStore,
} from './helpers';
import { must } from '../../fixtures/must';

let sqlite: SqliteSource;
const root = tmp('bad');

/** A home whose work agent holds a healthy local profile; `shared` is the (possibly broken) shared store. */
function home(name: string, shared: string | undefined, state?: string): string {
  const h = path.join(root, name);
  writeConfig(h, twoAgents(h));
  writeAgentStore(path.join(h, '.openclaw/agents/work/agent'), store({ 'anthropic:work': tok('work') }));
  if (shared !== undefined) writeSharedStore(h, shared, state);
  return h;
}

/** Reads twice-safely: never throws, nothing on disk changes, the work agent's profile survives. */
async function readUnchanged(h: string): Promise<Snapshot> {
  const before = checksums(h);
  const snap = await read(h, sqlite);
  assert.deepEqual(checksums(h), before, 'the reader changed a file');
  assert.ok(
    ids(snap, 'work').includes('anthropic:work'),
    `work agent lost its profile: ${JSON.stringify(ids(snap, 'work'))}`,
  );
  return snap;
}

describe('reliability: bad input in stores and config', function () {
  this.timeout(60_000);
  childReaderHooks(root, (source) => (sqlite = source));

  it('bad-input: malformed store JSON ⇒ STORE_UNREADABLE, rest shown', async () => {
    const s = await readUnchanged(home('malformed', '{"version":1,"profiles":{"anthropic:x":{"type":"token",,}}}'));
    assertActionable(s, 'STORE_UNREADABLE');
    assert.ok(!ids(s).includes('anthropic:x'));
  });

  it('bad-input: truncated store JSON ⇒ STORE_UNREADABLE, rest shown', async () => {
    const full = store({ 'anthropic:a': tok('a') });
    const s = await readUnchanged(home('truncated', full.slice(0, Math.floor(full.length / 2))));
    assertActionable(s, 'STORE_UNREADABLE');
  });

  it('bad-input: malformed JSON5 config ⇒ CONFIG_INVALID with line, stores still read', async () => {
    const h = home('cfg-bad', store({ 'anthropic:a': tok('a') }));
    writeConfig(h, '{\n  agents: { entries: { main: {} }\n');
    const before = checksums(h);
    const s = await read(h, sqlite);
    assert.deepEqual(checksums(h), before);
    assertActionable(s, 'CONFIG_INVALID');
    assert.match(
      must(
        s.warnings.find((w) => w.code === 'CONFIG_INVALID'),
        "s.warnings.find((w) => w.code === 'CONFIG_INVALID')",
      ).message,
      /line \d+/,
    );
    assert.deepEqual(ids(s), ['anthropic:a'], 'the shared store is still shown for main');
  });

  it('bad-input: truncated JSON5 config and a config that is not an object ⇒ CONFIG_INVALID', async () => {
    for (const [name, text] of [
      ['cfg-trunc', twoAgents('/x').slice(0, 20)],
      ['cfg-array', '[1,2]'],
    ] as const) {
      const h = home(name, store({ 'anthropic:a': tok('a') }));
      writeConfig(h, text);
      const s = await read(h, sqlite);
      assertActionable(s, 'CONFIG_INVALID');
      assert.deepEqual(ids(s), ['anthropic:a'], name);
    }
  });

  it('bad-input: wrong types (profiles an array, provider a number, order not a list) never throw, good profiles shown', async () => {
    const bad = JSON.stringify({
      version: 1,
      profiles: {
        'anthropic:good': tok('good'),
        'anthropic:badprov': { type: 'token', provider: 42, token: TOKEN('p') },
      },
    });
    const s = await readUnchanged(
      home('types', bad, JSON.stringify({ version: 1, order: { anthropic: 'anthropic:good' }, usageStats: [] })),
    );
    assert.ok(ids(s).includes('anthropic:good'));
    assert.ok(!ids(s).includes('anthropic:badprov'), 'a profile with a numeric provider is garbage');
    const s2 = await readUnchanged(home('types-array', JSON.stringify({ version: 1, profiles: [tok('arr')] })));
    assertActionable(s2, 'STORE_UNREADABLE');
  });

  it('bad-input: unknown credential type ⇒ dropped like the CLI, with a warning naming it', async () => {
    const s = await readUnchanged(
      home(
        'type',
        store({ 'anthropic:ok': tok('ok'), 'anthropic:future': { type: 'passkey', provider: 'anthropic' } }),
      ),
    );
    assert.deepEqual(ids(s), ['anthropic:ok']);
    assert.ok(
      s.warnings.some((w) => w.profileId === 'anthropic:future' || /anthropic:future/.test(w.message)),
      JSON.stringify(s.warnings),
    );
  });

  it('bad-input: expiry as a string, in seconds, negative, absurdly large', async () => {
    const s = await readUnchanged(
      home(
        'expiry',
        store({
          'anthropic:str': tok('s', { expires: '2027-01-01' }),
          'anthropic:sec': tok('c', { expires: Math.floor(NOW / 1000) + 3600 }),
          'anthropic:neg': tok('n', { expires: -5 }),
          'anthropic:huge': tok('h', { expires: 1e300 }),
        }),
      ),
    );
    const by = Object.fromEntries(profiles(s).map((p) => [p.id, p]));
    assert.deepEqual(Object.keys(by).sort(), ['anthropic:huge', 'anthropic:neg', 'anthropic:sec', 'anthropic:str']);
    assert.equal(by['anthropic:sec']?.expiryLooksLikeSeconds, true);
    assertActionable(s, 'EXPIRY_IN_SECONDS');
    for (const id of ['anthropic:str', 'anthropic:neg', 'anthropic:huge']) {
      assert.equal(by[id]?.health, 'missing', id);
      assert.equal(by[id]?.reasonCode, 'invalid_expires', id);
    }
  });

  it('bad-input: unknown future fields are ignored, the profile is still shown and the file unchanged', async () => {
    const s = await readUnchanged(
      home(
        'future',
        JSON.stringify({
          version: 7,
          futureTop: { a: 1 },
          profiles: { 'anthropic:f': tok('f', { quantumSeal: 'x', metadata2: [1] }) },
        }),
        JSON.stringify({ version: 9, order: { anthropic: ['anthropic:f'] }, nextGenStats: {} }),
      ),
    );
    const f = profiles(s).find((p) => p.id === 'anthropic:f');
    assert.ok(f);
    assert.equal(f.health, 'static');
    assert.equal(f.orderIndex, 0);
  });

  it('bad-input: empty config file ⇒ treated like no config (main only) or CONFIG_INVALID, never a throw', async () => {
    const h = home('empty-cfg', store({ 'anthropic:a': tok('a') }));
    writeConfig(h, '');
    const s = await read(h, sqlite);
    assert.deepEqual(ids(s), ['anthropic:a']);
    assert.ok(s.agents.some((a) => a.id === 'main' && a.isDefault));
    if (codes(s).includes('CONFIG_INVALID')) assertActionable(s, 'CONFIG_INVALID');
  });

  it('bad-input: several agents and no default ⇒ NO_DEFAULT_AGENT, every agent listed', async () => {
    const h = home('nodefault', store({ 'anthropic:a': tok('a') }));
    writeConfig(
      h,
      JSON.stringify({
        agents: {
          list: [
            { id: 'alpha', agentDir: path.join(h, 'a') },
            { id: 'work', agentDir: path.join(h, '.openclaw/agents/work/agent') },
          ],
        },
      }),
    );
    const s = await readUnchanged(h);
    assertActionable(s, 'NO_DEFAULT_AGENT');
    assert.ok(s.agents.some((a) => a.id === 'alpha') && s.agents.some((a) => a.id === 'work'));
  });

  it('bad-input: state dir missing ⇒ stateFound false, no throw, nothing created', async () => {
    const h = path.join(root, 'nostate');
    fs.mkdirSync(h);
    const s = await read(h, sqlite);
    assert.equal(s.stateFound, false);
    assert.equal(s.generation, 'none');
    assert.equal(fs.existsSync(path.join(h, '.openclaw')), false, 'the reader created the state dir');
  });

  it('bad-input: symlinked state dir is followed, read-only', async () => {
    const real = home('link-target', store({ 'anthropic:a': tok('a') }));
    const h = path.join(root, 'link-home');
    fs.mkdirSync(h);
    fs.symlinkSync(path.join(real, '.openclaw'), path.join(h, '.openclaw'));
    writeConfig(real, JSON.stringify({ agents: { entries: { main: { default: true } } } }));
    const before = checksums(real);
    const s = await read(h, sqlite);
    assert.deepEqual(checksums(real), before);
    assert.deepEqual(ids(s), ['anthropic:a']);
  });
});
