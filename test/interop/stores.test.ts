import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readConfig } from '../../src/openclaw/config';
import { locate } from '../../src/openclaw/locate';
import type { SqliteSource } from '../../src/openclaw/model';
import { authListSchema } from '../../src/openclaw/schemas';
import { createChildSource } from '../../src/openclaw/sqlite';
import { readStores } from '../../src/openclaw/stores';
import { node24Path, openclawEntry } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

const NODE24 = node24Path();
const READER = path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js');

const CURRENT = openclawEntry('current');
const LEGACY = openclawEntry('legacy');
const TOKEN = (tag: string) => `sk-ant-oat01-FAKE-${tag}-`.padEnd(100, 'x');

/** Runs the real CLI in an isolated home; the secret goes on stdin only. */
function cli(cliPath: string, home: string, args: string[], stdin = ''): Promise<string> {
  const env: Record<string, string> = {
    HOME: home,
    OPENCLAW_HOME: home,
    OPENCLAW_STATE_DIR: path.join(home, '.openclaw'),
    OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json'),
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_OFFLINE: '1',
    OPENCLAW_DISABLE_BONJOUR: '1',
    NO_COLOR: '1',
    PATH: `${path.dirname(NODE24)}:/usr/bin:/bin`,
  };
  return new Promise((resolve, reject) => {
    const child = execFile(NODE24, [cliPath, ...args], { env, timeout: 60000, maxBuffer: 8 << 20 }, (err, stdout) => {
      if (err)
        reject(new Error(`openclaw ${args.slice(0, 3).join(' ')} failed: ${String((err as { code?: unknown }).code)}`));
      else resolve(stdout);
    });
    must(child.stdin, 'child.stdin').end(stdin);
  });
}

/** Copies a home; `agents add` wrote absolute agentDirs, so point them at the copy. */
function copyHome(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
  const cfgPath = path.join(to, '.openclaw/openclaw.json');
  fs.writeFileSync(cfgPath, fs.readFileSync(cfgPath, 'utf8').split(from).join(to));
}

function readFor(home: string, sqlite: SqliteSource | undefined) {
  const loc = locate({ env: { HOME: home }, homedir: home });
  return readStores(loc, readConfig(loc), sqlite);
}

describe('stores (homes written by the real openclaw CLI)', function () {
  this.timeout(180000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-stores-'));
  const current = path.join(root, 'current');
  const legacy = path.join(root, 'legacy');
  let sqlite: SqliteSource;
  let authListWork: ReturnType<ReturnType<typeof authListSchema>['parse']>;

  before(async () => {
    fs.mkdirSync(current);
    fs.mkdirSync(legacy);
    const buildCurrent = async () => {
      await cli(
        CURRENT,
        current,
        ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--expires-in', '30d'],
        TOKEN('main') + '\n',
      );
      await cli(CURRENT, current, [
        'agents',
        'add',
        'work',
        '--non-interactive',
        '--workspace',
        path.join(current, 'ws'),
        '--json',
      ]);
      await cli(
        CURRENT,
        current,
        [
          'models',
          'auth',
          'paste-token',
          '--provider',
          'anthropic',
          '--profile-id',
          'anthropic:work',
          '--agent',
          'work',
        ],
        TOKEN('work') + '\n',
      );
      await cli(CURRENT, current, [
        'models',
        'auth',
        'order',
        'set',
        '--provider',
        'anthropic',
        '--agent',
        'main',
        'anthropic:manual',
      ]);
      authListWork = authListSchema().parse(
        JSON.parse(await cli(CURRENT, current, ['models', 'auth', 'list', '--json', '--agent', 'work'])),
      );
    };
    const buildLegacy = async () => {
      await cli(
        LEGACY,
        legacy,
        ['models', 'auth', 'paste-token', '--provider', 'anthropic'],
        TOKEN('old-manual') + '\n',
      );
      await cli(
        LEGACY,
        legacy,
        [
          'models',
          'auth',
          'paste-token',
          '--provider',
          'anthropic',
          '--profile-id',
          'anthropic:soon',
          '--expires-in',
          '1h',
        ],
        TOKEN('old-soon') + '\n',
      );
      await cli(LEGACY, legacy, [
        'models',
        'auth',
        'order',
        'set',
        '--provider',
        'anthropic',
        'anthropic:soon',
        'anthropic:manual',
      ]);
    };
    const [source] = await Promise.all([
      createChildSource({ nodeCandidates: [NODE24], readerScript: READER }),
      buildCurrent(),
      buildLegacy(),
    ]);
    assert.ok(source);
    sqlite = source;
  });
  after(() => {
    sqlite?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('2026.9.6: shared store for main, local overlay for work, main order from its agent DB', async () => {
    const res = await readFor(current, sqlite);
    const stateDb = path.join(current, '.openclaw/state/openclaw.sqlite');
    const mainDb = path.join(current, '.openclaw/agents/main/agent/openclaw-agent.sqlite');
    const workDb = path.join(current, '.openclaw/agents/work/agent/openclaw-agent.sqlite');
    assert.equal(res.generation, 'sqlite-shared');
    assert.equal(res.readPath, 'child-process');
    assert.deepEqual(res.warnings, []);
    assert.deepEqual(Object.keys(res.agents).sort(), ['main', 'work']);

    const { main, work } = res.agents;
    assert.ok(main && work);
    assert.deepEqual(Object.keys(main.profiles), ['anthropic:manual']);
    const manual = main.profiles['anthropic:manual'];
    assert.ok(manual);
    assert.equal(manual.type, 'token');
    assert.equal(manual.store, 'sqlite-shared');
    assert.equal(manual.storePath, stateDb);
    assert.equal(manual.token, TOKEN('main'));
    assert.deepEqual(main.state.order, { anthropic: ['anthropic:manual'] });
    assert.equal(main.statePath, mainDb);

    assert.deepEqual(Object.keys(work.profiles).sort(), ['anthropic:manual', 'anthropic:work']);
    const own = work.profiles['anthropic:work'];
    assert.ok(own);
    assert.equal(own.store, 'sqlite-agent');
    assert.equal(own.storePath, workDb);
    assert.equal(own.expires, undefined);
    assert.deepEqual(work.state.order, {}, 'main’s order override lives in main’s DB, not the shared state');

    // Same profiles and expiry (to the ms) as the CLI's own view of the work agent.
    const cliView = Object.fromEntries(authListWork.profiles.map((p) => [p.id, p]));
    assert.deepEqual(Object.keys(cliView).sort(), Object.keys(work.profiles).sort());
    assert.equal(Date.parse(cliView['anthropic:manual']?.expiresAt ?? ''), manual.expires);
    assert.equal(cliView['anthropic:work']?.expiresAt, undefined);

    for (const p of [
      path.join(current, '.openclaw/openclaw.json'),
      stateDb,
      `${stateDb}-wal`,
      workDb,
      `${workDb}-wal`,
      path.join(current, '.openclaw/.env'),
    ]) {
      assert.ok(res.watchPaths.includes(p), p);
    }
  });

  it('2026.5.28: legacy JSON files, order from auth-state.json', async () => {
    const res = await readFor(legacy, undefined);
    const dir = path.join(legacy, '.openclaw/agents/main/agent');
    assert.equal(res.generation, 'json');
    assert.equal(res.readPath, 'json-only');
    const main = res.agents.main;
    assert.ok(main);
    assert.deepEqual(Object.keys(main.profiles).sort(), ['anthropic:manual', 'anthropic:soon']);
    const soon = main.profiles['anthropic:soon'];
    assert.ok(soon);
    assert.equal(soon.store, 'json');
    assert.equal(soon.storePath, path.join(dir, 'auth-profiles.json'));
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'auth-profiles.json'), 'utf8')) as {
      profiles: Record<string, { expires?: number }>;
    };
    assert.equal(soon.expires, onDisk.profiles['anthropic:soon']?.expires);
    assert.equal(main.profiles['anthropic:manual']?.expires, undefined);
    assert.deepEqual(main.state.order, { anthropic: ['anthropic:soon', 'anthropic:manual'] });
    assert.equal(main.statePath, path.join(dir, 'auth-state.json'));
  });

  it('SQLite present but no node:sqlite ⇒ SQLITE_UNAVAILABLE and the CLI read path', async () => {
    const res = await readFor(current, undefined);
    assert.deepEqual(
      res.warnings.map((w) => w.code),
      ['SQLITE_UNAVAILABLE'],
    );
    assert.equal(res.readPath, 'cli');
    assert.deepEqual(res.agents, {});
  });

  it('legacy auth-profiles.json beside an absent SQLite store ⇒ MIGRATION_REQUIRED, JSON not read', async () => {
    const copy = path.join(root, 'migrate');
    copyHome(current, copy);
    const cfgPath = path.join(copy, '.openclaw/openclaw.json');
    const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8')) as { agents: { entries: Record<string, unknown> } };
    cfg.agents.entries.ops = { agentDir: path.join(copy, '.openclaw/agents/ops/agent') };
    fs.writeFileSync(cfgPath, JSON.stringify(cfg));
    fs.mkdirSync(path.join(copy, '.openclaw/agents/ops/agent'), { recursive: true });
    fs.copyFileSync(
      path.join(legacy, '.openclaw/agents/main/agent/auth-profiles.json'),
      path.join(copy, '.openclaw/agents/ops/agent/auth-profiles.json'),
    );
    const res = await readFor(copy, sqlite);
    assert.deepEqual(
      res.warnings.map((w) => [w.code, w.agent]),
      [['MIGRATION_REQUIRED', 'ops']],
    );
    assert.match(res.warnings[0]?.message ?? '', /openclaw doctor --fix/);
    assert.deepEqual(
      Object.keys(res.agents.ops?.profiles ?? {}),
      ['anthropic:manual'],
      'ops inherits the shared store only',
    );
    assert.equal(
      fs.existsSync(path.join(copy, '.openclaw/agents/ops/agent/openclaw-agent.sqlite')),
      false,
      'nothing created',
    );
  });

  it('an agent DB with a newer schema is not read (SCHEMA_TOO_NEW)', async () => {
    const copy = path.join(root, 'too-new');
    copyHome(current, copy);
    const workDb = path.join(copy, '.openclaw/agents/work/agent/openclaw-agent.sqlite');
    // No OpenClaw release writes version 24 yet, so this state can only be made by hand.
    const r = spawnSync(NODE24, [
      '--no-warnings',
      '-e',
      "const{DatabaseSync}=require('node:sqlite');const d=new DatabaseSync(process.argv[1]);d.exec('PRAGMA user_version=24');d.close()",
      workDb,
    ]);
    assert.equal(r.status, 0);
    const res = await readFor(copy, sqlite);
    assert.deepEqual(
      res.warnings.map((w) => [w.code, w.path]),
      [['SCHEMA_TOO_NEW', workDb]],
    );
    assert.deepEqual(Object.keys(res.agents.work?.profiles ?? {}), ['anthropic:manual']);
  });
});
