// Files and processes (issue 12 §3): a read creates no file beside a SQLite store, also where it may not write;
// a FIFO, a device or a huge file where OpenClaw keeps a text file is named in a warning and never blocks the read.
// Reads that could block run in a child Node with a time limit, so the old behaviour fails the test instead of
// hanging it.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SqliteSource } from '../../../src/openclaw/model';
import type { Snapshot, Warning } from '../../../src/openclaw/types';
import {
  NODE24,
  UNPRIVILEGED,
  checksums,
  childReaderHooks,
  ids,
  read,
  readerBundle,
  readInChild,
  store,
  tmp,
  tok,
  twoAgents,
  writeAgentStore,
  writeConfig,
  writeSharedStore,
} from './helpers';
import { must } from '../../fixtures/must';

let sqlite: SqliteSource;
const root = tmp('files');
fs.chmodSync(root, 0o755); // an unprivileged reader must be able to enter the homes below

/** A home whose shared store (WAL, closed cleanly: no -wal, no -shm) holds anthropic:a and whose work agent holds anthropic:work. */
function sqliteHome(name: string): string {
  const h = path.join(root, name);
  writeConfig(h, twoAgents(h));
  writeAgentStore(path.join(h, '.openclaw/agents/work/agent'), store({ 'anthropic:work': tok('work') }));
  writeSharedStore(h, store({ 'anthropic:a': tok('a') }));
  return h;
}

/** A home with JSON stores (2026.5): main holds anthropic:a, work holds anthropic:work. */
function jsonHome(name: string): string {
  const h = path.join(root, name);
  writeConfig(h, twoAgents(h));
  for (const [agent, id] of [
    ['main', 'anthropic:a'],
    ['work', 'anthropic:work'],
  ] as const) {
    const dir = path.join(h, `.openclaw/agents/${agent}/agent`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'auth-profiles.json'), store({ [id]: tok(agent) }));
  }
  return h;
}

function mkfifo(file: string): void {
  fs.rmSync(file, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const r = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

/** Node 24 as a user who may not enter the checkout gets its own copy in the test root. */
function node24For(user: { uid: number; gid: number } | undefined): string {
  if (!user || spawnSync(NODE24, ['-e', ''], { ...user, cwd: '/' }).status === 0) return NODE24;
  const copy = path.join(root, 'node24');
  if (!fs.existsSync(copy)) fs.copyFileSync(NODE24, copy);
  fs.chmodSync(copy, 0o755);
  return copy;
}

/** A Node 24 process (another user: root) that commits a new store and keeps its connection, so the commit stays in its -wal. */
function commitAndHold(db: string, newStore: string): Promise<ChildProcessWithoutNullStreams> {
  const script = `const {DatabaseSync}=require('node:sqlite');const d=new DatabaseSync(process.argv[1]);
d.prepare("UPDATE config_machine_state SET value_json=? WHERE state_key='authProfiles.store'").run(process.argv[2]);
process.stdout.write('done\\n');process.stdin.on('end',()=>{d.close();process.exit(0);});process.stdin.resume();`;
  const child = spawn(NODE24, ['--no-warnings', '-e', script, db, newStore], { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`writer exited ${code}`)));
  });
}

function warningFor(warnings: readonly Warning[] | undefined, file: string): Warning | undefined {
  return warnings?.find((w) => w.path === file || w.message.includes(file));
}

function snapshotOf(r: ReturnType<typeof readInChild>, what: string): Snapshot {
  assert.equal(r.timedOut, false, `${what}: the read blocked (killed after the time limit)`);
  assert.equal(r.status, 0, `${what}: ${r.stderr}`);
  return must(r.snapshot, 'r.snapshot');
}

describe('reliability: files and processes', function () {
  this.timeout(60_000);
  childReaderHooks(root, (source) => (sqlite = source));

  it('files: reading WAL databases creates nothing beside them: no -shm, no -wal (child reader and in-process node:sqlite; every file and its checksum before and after)', async () => {
    const h = sqliteHome('no-shm');
    const before = checksums(h);
    assert.ok(!Object.keys(before).some((p) => /-(wal|shm)$/.test(p)), 'the stores were closed cleanly');
    const s = await read(h, sqlite);
    assert.deepEqual(ids(s), ['anthropic:a']);
    assert.deepEqual(ids(s, 'work'), ['anthropic:a', 'anthropic:work']);
    assert.deepEqual(checksums(h), before, 'the child reader created or changed a file');
    const inProcess = snapshotOf(readInChild(readerBundle(root), h, { node: NODE24 }), 'in-process');
    assert.equal(inProcess.readPath, 'in-process');
    assert.deepEqual(ids(inProcess, 'work'), ['anthropic:a', 'anthropic:work']);
    assert.deepEqual(checksums(h), before, 'the in-process reader created or changed a file');
  });

  it('files: WAL databases in directories their reader may not write (chmod 555, an unprivileged user) are read, with and without a live writer, and nothing is created', async function () {
    if (!UNPRIVILEGED) this.skip(); // two users are needed: the writer's (root) and the reader's
    const h = sqliteHome('read-only-dir');
    const stateDir = path.join(h, '.openclaw/state');
    const agentDir = path.join(h, '.openclaw/agents/work/agent');
    for (const d of [stateDir, agentDir]) fs.chmodSync(d, 0o555);
    const bundle = readerBundle(root);
    const node = node24For(UNPRIVILEGED);
    try {
      let before = checksums(h);
      const s = snapshotOf(readInChild(bundle, h, { node, user: UNPRIVILEGED }), 'read-only dir');
      assert.deepEqual(
        s.warnings.filter((w) => w.code === 'STORE_UNREADABLE'),
        [],
        'a store could not be read',
      );
      assert.deepEqual(ids(s), ['anthropic:a']);
      assert.deepEqual(ids(s, 'work'), ['anthropic:a', 'anthropic:work']);
      assert.deepEqual(checksums(h), before, 'the reader created or changed a file');

      // The gateway's user (root here) commits and keeps its connection: the new store is only in its -wal.
      const writer = await commitAndHold(path.join(stateDir, 'openclaw.sqlite'), store({ 'anthropic:b': tok('b') }));
      try {
        assert.ok(fs.statSync(path.join(stateDir, 'openclaw.sqlite-wal')).size > 0);
        before = checksums(h);
        const live = snapshotOf(readInChild(bundle, h, { node, user: UNPRIVILEGED }), 'read-only dir, live writer');
        assert.deepEqual(ids(live), ['anthropic:b'], 'the committed frames in the -wal were not read');
        assert.deepEqual(checksums(h), before, 'the reader changed a file beside a live writer');
      } finally {
        writer.stdin.end();
        await new Promise((r) => writer.once('exit', r));
      }
    } finally {
      for (const d of [stateDir, agentDir]) fs.chmodSync(d, 0o755);
    }
  });

  it('files: a FIFO at openclaw.json, auth-profiles.json, .env or ~/.claude/.credentials.json never blocks the read, and a warning names it', function () {
    this.timeout(120_000);
    const bundle = readerBundle(root);
    const cases: [string, (h: string) => string, string][] = [
      ['openclaw.json', (h) => path.join(h, '.openclaw/openclaw.json'), 'CONFIG_INVALID'],
      ['auth-profiles.json', (h) => path.join(h, '.openclaw/agents/work/agent/auth-profiles.json'), 'STORE_UNREADABLE'],
      ['.env', (h) => path.join(h, '.openclaw/.env'), 'ENV_FILE_UNREADABLE'],
      ['.credentials.json', (h) => path.join(h, '.claude/.credentials.json'), 'CLAUDE_CREDENTIALS_UNREADABLE'],
    ];
    for (const [name, at, code] of cases) {
      const h = jsonHome(`fifo-${name}`);
      const fifo = at(h);
      mkfifo(fifo);
      const r = readInChild(bundle, h, { timeoutMs: 8000 });
      const s = snapshotOf(r, `a FIFO at ${name}`);
      assert.deepEqual(ids(s), ['anthropic:a'], `${name}: main's profile is still shown`);
      // The config and the stores warn in the snapshot; .env and Claude's login warn through their readers' warning list.
      const w = warningFor([...s.warnings, ...(r.fileWarnings ?? [])], fifo);
      assert.ok(w, `${name}: no warning names ${fifo}: ${JSON.stringify([s.warnings, r.fileWarnings])}`);
      assert.equal(w.code, code);
      assert.match(w.message, /FIFO/);
      assert.match(w.message, /check|fix|remove/i);
      assert.equal(fs.statSync(fifo).isFIFO(), true, `${name}: the FIFO is still there`);
    }
  });

  it('files: a 17 MiB auth-profiles.json or openclaw.json is not read: a warning says it is too large', async () => {
    const big = ' '.repeat(17 * 1024 * 1024);
    const h = jsonHome('too-large-store');
    const file = path.join(h, '.openclaw/agents/work/agent/auth-profiles.json');
    fs.writeFileSync(file, store({ 'anthropic:huge': tok('huge') }) + big); // valid JSON: only its size is wrong
    const s = await read(h, undefined);
    const w = warningFor(s.warnings, file);
    assert.equal(w?.code, 'STORE_UNREADABLE', JSON.stringify(s.warnings));
    assert.match(w.message, /17\.0 MiB, more than the 16 MiB limit/);
    assert.ok(!ids(s, 'work').includes('anthropic:huge'));
    assert.deepEqual(ids(s), ['anthropic:a']);

    const h2 = jsonHome('too-large-config');
    const config = writeConfig(h2, twoAgents(h2) + big);
    const s2 = await read(h2, undefined);
    const w2 = warningFor(s2.warnings, config);
    assert.equal(w2?.code, 'CONFIG_INVALID', JSON.stringify(s2.warnings));
    assert.match(w2.message, /more than the 16 MiB limit/);
  });

  it('files: a config, store, .env or Claude login that is a device (a symlink to /dev/null) is not read, and a warning names it', () => {
    const h = jsonHome('device');
    const links = {
      config: path.join(h, '.openclaw/openclaw.json'),
      store: path.join(h, '.openclaw/agents/main/agent/auth-profiles.json'), // main's: the broken config leaves only main
      env: path.join(h, '.openclaw/.env'),
      claude: path.join(h, '.claude/.credentials.json'),
    };
    for (const file of Object.values(links)) {
      fs.rmSync(file, { force: true });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.symlinkSync('/dev/null', file);
    }
    const r = readInChild(readerBundle(root), h, { timeoutMs: 8000 });
    const s = snapshotOf(r, 'devices');
    const all = [...s.warnings, ...(r.fileWarnings ?? [])];
    for (const [what, file] of Object.entries(links)) {
      const w = warningFor(all, file);
      assert.ok(w, `${what}: no warning names ${file}: ${JSON.stringify(all)}`);
      assert.match(w.message, /character device, not a regular file/, what);
    }
  });
});
