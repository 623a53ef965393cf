// Issue 12 §4 "Truth": the snapshot says what OpenClaw 2026.9.6 does. (1) A retired auth-profiles.json beside a store
// owner whose own SQLite store holds no profile makes OpenClaw refuse the providers it names (AUTH_PROFILE_MIGRATION_REQUIRED,
// dist/legacy-source-diagnostic-*.mjs); a populated owner only ignores it. (2) With no Node that has node:sqlite and no CLI,
// nothing could read the stores: say so, and call no profile missing. Real files, real Reader, SQLite through Node 24.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SqliteSource } from '../../src/openclaw/model';
import type { Snapshot } from '../../src/openclaw/types';
import { storesUnread, summarize } from '../../src/openclaw/attention';
import { describeProfile, healthWords, summaryWords, untranslated } from '../../src/ui/format';
import {
  childSource,
  NOW,
  profiles,
  read,
  store,
  tmp,
  tok,
  twoAgents,
  writeAgentStore,
  writeConfig,
  writeSharedStore,
} from './reliability/helpers';
import { must } from '../fixtures/must';

const KEY = 'sk-or-v1-FAKE-truth-'.padEnd(64, 'k');
const openrouter = { type: 'api_key', provider: 'openrouter', key: KEY };

/** What a third-party tool writes beside a 2026.9 install: a `{version, profiles}` file never imported into SQLite. */
function retiredJson(agentDir: string, providers: Record<string, unknown>): string {
  fs.mkdirSync(agentDir, { recursive: true });
  const file = path.join(agentDir, 'auth-profiles.json');
  fs.writeFileSync(file, store(providers));
  return file;
}

const mainDir = (home: string): string => path.join(home, '.openclaw/agents/main/agent');
const workDir = (home: string): string => path.join(home, '.openclaw/agents/work/agent');
const migration = (s: Snapshot) =>
  s.warnings.filter((w) => w.code.startsWith('MIGRATION')).map((w) => [w.code, w.agent, w.blockedProviders]);
const blocked = (s: Snapshot, agent = 'main') =>
  must(
    s.agents.find((a) => a.id === agent),
    `agent ${agent}`,
  )
    .providers.filter((p) => p.migrationBlocked)
    .map((p) => p.id);

describe('truth: a retired auth-profiles.json refuses auth exactly where OpenClaw does', function () {
  this.timeout(60_000);
  let sqlite: SqliteSource;
  before(async () => {
    sqlite = await childSource();
  });
  after(() => sqlite.dispose());

  it('truth: main has no SQLite file and the shared store holds other profiles ⇒ MIGRATION_REQUIRED naming anthropic, anthropic blocked', async () => {
    const home = tmp('truth-a');
    writeSharedStore(home, store({ 'openrouter:manual': openrouter }));
    const file = retiredJson(mainDir(home), { 'anthropic:default': tok('retired') });
    const s = await read(home, sqlite);
    assert.deepEqual(migration(s), [['MIGRATION_REQUIRED', 'main', ['anthropic']]]);
    const w = must(
      s.warnings.find((x) => x.code === 'MIGRATION_REQUIRED'),
      "s.warnings.find((x) => x.code === 'MIGRATION_REQUIRED')",
    );
    assert.equal(w.path, file);
    assert.match(w.message, /refuses auth for anthropic for agent main until you run `openclaw doctor --fix`/);
    assert.deepEqual(blocked(s), ['anthropic']);
    const main = must(s.agents[0], 'an agent');
    assert.deepEqual(
      must(
        main.providers.find((p) => p.id === 'anthropic'),
        "main.providers.find((p) => p.id === 'anthropic')",
      ).profiles,
      [],
      'the retired file is never read as a store',
    );
    assert.deepEqual(
      must(
        main.providers.find((p) => p.id === 'openrouter'),
        "main.providers.find((p) => p.id === 'openrouter')",
      ).profiles.map((p) => [p.id, p.health]),
      [['openrouter:manual', 'static']],
    );
  });

  it('truth: main’s own store exists but holds no profile ⇒ MIGRATION_REQUIRED', async () => {
    const home = tmp('truth-b');
    writeSharedStore(home, store({ 'openrouter:manual': openrouter }));
    writeAgentStore(
      mainDir(home),
      store({}),
      JSON.stringify({ version: 1, order: { openrouter: ['openrouter:manual'] } }),
    );
    retiredJson(mainDir(home), {
      'anthropic:default': tok('retired'),
      'openai:work': { type: 'token', provider: 'OpenAI', token: 'FAKE-openai-token' },
    });
    const s = await read(home, sqlite);
    assert.deepEqual(migration(s), [['MIGRATION_REQUIRED', 'main', ['anthropic', 'openai']]]);
    assert.deepEqual(blocked(s), ['anthropic', 'openai']);
  });

  it('truth: a populated own store beside the file ⇒ only MIGRATION_LEFTOVER, nothing blocked', async () => {
    const home = tmp('truth-c');
    writeConfig(home, twoAgents(home));
    writeSharedStore(home, store({ 'openrouter:manual': openrouter }));
    writeAgentStore(workDir(home), store({ 'anthropic:work': tok('work') }));
    const file = retiredJson(workDir(home), {
      'openai:default': { type: 'token', provider: 'openai', token: 'FAKE-openai-token' },
    });
    const s = await read(home, sqlite);
    assert.deepEqual(migration(s), [['MIGRATION_LEFTOVER', 'work', undefined]]);
    assert.equal(
      must(
        s.warnings.find((w) => w.code === 'MIGRATION_LEFTOVER'),
        "s.warnings.find((w) => w.code === 'MIGRATION_LEFTOVER')",
      ).path,
      file,
    );
    assert.deepEqual([...blocked(s, 'main'), ...blocked(s, 'work')], []);
    assert.deepEqual(
      profiles(s, 'work')
        .map((p) => p.id)
        .sort(),
      ['anthropic:work', 'openrouter:manual'],
    );
  });

  it('truth: an empty shared store (legacy-main) and the file in main’s folder ⇒ every agent that reads the shared store is refused', async () => {
    const home = tmp('truth-d');
    writeConfig(home, twoAgents(home));
    writeAgentStore(workDir(home), store({ 'anthropic:work': tok('work') }));
    retiredJson(mainDir(home), { 'openai:default': { type: 'token', provider: 'openai', token: 'FAKE-openai-token' } });
    const s = await read(home, sqlite);
    assert.deepEqual(migration(s), [
      ['MIGRATION_REQUIRED', 'main', ['openai']],
      ['MIGRATION_REQUIRED', 'work', ['openai']],
    ]);
    assert.deepEqual(blocked(s, 'work'), ['openai']);
    assert.equal(
      must(
        must(
          s.agents.find((a) => a.id === 'work'),
          "s.agents.find((a) => a.id === 'work')",
        ).providers.find((p) => p.id === 'anthropic'),
        'provider anthropic of agent work',
      ).migrationBlocked,
      undefined,
    );
  });

  it('truth: auth.json, or a file whose providers cannot be read ⇒ every provider is blocked (no blockedProviders)', async () => {
    for (const [name, text] of [
      ['auth.json', JSON.stringify({ anthropic: { apiKey: 'FAKE' } })],
      ['auth-profiles.json', '{ not json'],
    ] as const) {
      const home = tmp('truth-e');
      writeSharedStore(home, store({ 'openrouter:manual': openrouter }));
      fs.mkdirSync(mainDir(home), { recursive: true });
      fs.writeFileSync(path.join(mainDir(home), name), text);
      const s = await read(home, sqlite);
      assert.deepEqual(migration(s), [['MIGRATION_REQUIRED', 'main', undefined]], name);
      assert.match(
        must(
          s.warnings.find((w) => w.code === 'MIGRATION_REQUIRED'),
          "s.warnings.find((w) => w.code === 'MIGRATION_REQUIRED')",
        ).message,
        /every provider/,
      );
      assert.deepEqual(blocked(s), ['openrouter'], name);
    }
  });
});

describe('truth: no reader and no CLI ⇒ "could not read", never "missing"', function () {
  this.timeout(60_000);

  function home(): string {
    const h = tmp('truth-unread');
    writeSharedStore(
      h,
      store({
        'anthropic:manual': tok('manual', { expires: NOW + 30 * 86_400_000 }),
        'anthropic:work': tok('work'),
        'openrouter:manual': openrouter,
      }),
    );
    writeConfig(
      h,
      JSON.stringify({
        auth: {
          profiles: {
            'anthropic:manual': { provider: 'anthropic', mode: 'token' },
            'anthropic:work': { provider: 'anthropic', mode: 'token' },
            'openrouter:manual': { provider: 'openrouter', mode: 'api_key' },
          },
        },
      }),
    );
    return h;
  }

  it('truth: a home with a SQLite store, no node:sqlite and no CLI ⇒ STORES_UNREADABLE_NO_READER, every declared profile unknown, none missing', async () => {
    const s = await read(home(), undefined, { cli: undefined });
    const rows = profiles(s);
    assert.deepEqual(rows.map((p) => [p.id, p.health]).sort(), [
      ['anthropic:manual', 'unknown'],
      ['anthropic:work', 'unknown'],
      ['openrouter:manual', 'unknown'],
    ]);
    assert.ok(
      rows.every((p) => p.reasonCode === undefined && !p.declaredOnly),
      JSON.stringify(rows),
    );
    assert.ok(must(s.agents[0], 'an agent').providers.every((p) => p.health === 'unknown'));
    const codes = s.warnings.map((w) => w.code);
    assert.ok(codes.includes('STORES_UNREADABLE_NO_READER'), codes.join());
    assert.ok(!codes.includes('SQLITE_UNAVAILABLE') && !codes.includes('PROFILE_DECLARED_NOT_STORED'), codes.join());
    const w = must(
      s.warnings.find((x) => x.code === 'STORES_UNREADABLE_NO_READER'),
      'a STORES_UNREADABLE_NO_READER warning',
    );
    for (const words of ['node:sqlite', '22.13', 'openclawAuth.nodePath', 'openclawAuth.cliPath'])
      assert.ok(w.message.includes(words), w.message);
    assert.equal(s.readPath, 'none');
    // What the UI makes of it: nothing to count as missing, and the status bar's reason to speak.
    assert.deepEqual(summarize(s).all, []);
    assert.equal(summaryWords(summarize(s), untranslated), '');
    assert.equal(storesUnread(s), true);
    assert.equal(healthWords('unknown', untranslated), 'not read');
    assert.equal(
      describeProfile(
        must(
          rows.find((p) => p.id === 'anthropic:work'),
          "rows.find((p) => p.id === 'anthropic:work')",
        ),
        NOW,
        untranslated,
      ),
      'token · credential not read',
    );
  });

  it('truth: the same home with a SQLite reader reads every profile (the control)', async () => {
    const sqlite = await childSource();
    try {
      const s = await read(home(), sqlite, { cli: undefined });
      assert.deepEqual(
        profiles(s)
          .map((p) => [p.id, p.health])
          .sort(),
        [
          ['anthropic:manual', 'ok'],
          ['anthropic:work', 'static'],
          ['openrouter:manual', 'static'],
        ],
      );
      assert.equal(storesUnread(s), false);
      assert.ok(!s.warnings.some((w) => w.code === 'STORES_UNREADABLE_NO_READER'));
    } finally {
      sqlite.dispose();
    }
  });
});
