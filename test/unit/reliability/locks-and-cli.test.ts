// Bad input that is not a bad byte: schema versions, missing tables, writers holding locks, stray
// files, permissions, and every way the openclaw CLI or claude can be missing or misbehave.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError, runCliJson } from '../../../src/openclaw/cli';
import type { SqliteSource } from '../../../src/openclaw/model';
import type { Snapshot } from '../../../src/openclaw/types';
import {
  NODE24,
  assertActionable,
  checksums,
  childReaderHooks,
  codes,
  ids,
  read,
  sql,
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
const root = tmp('lock');

function home(name: string, sharedVersion = 18): string {
  const h = path.join(root, name);
  writeConfig(h, twoAgents(h));
  writeAgentStore(path.join(h, '.openclaw/agents/work/agent'), store({ 'anthropic:work': tok('work') }));
  writeSharedStore(h, store({ 'anthropic:a': tok('a') }), undefined, sharedVersion);
  return h;
}

/** A Node 24 process that holds a write transaction on db until told to commit (stdin "commit\n"). */
function holdWriter(
  db: string,
  begin: 'IMMEDIATE' | 'EXCLUSIVE',
  newStore: string,
): Promise<ChildProcessWithoutNullStreams> {
  const script = `const {DatabaseSync}=require('node:sqlite');const d=new DatabaseSync(process.argv[1]);
d.exec('BEGIN ${begin}');d.prepare("UPDATE config_machine_state SET value_json=? WHERE state_key='authProfiles.store'").run(process.argv[2]);
process.stdout.write('held\\n');process.stdin.on('data',()=>{d.exec('COMMIT');process.stdout.write('done\\n');});process.stdin.on('end',()=>process.exit(0));`;
  const child = spawn(NODE24, ['--no-warnings', '-e', script, db, newStore], { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`writer exited ${code}`)));
  });
}

/** `kill(pid, 0)` fails with ESRCH once a process is gone; a zombie nobody reaps (PID 1 here may not) is gone too. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const fake = (dir: string, name: string, body: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, `#!/bin/bash\n${body}\n`, { mode: 0o755 });
  return p;
};

describe('reliability: databases, locks, files and programs', function () {
  this.timeout(60_000);
  childReaderHooks(root, (source) => (sqlite = source));

  it('bad-input: SQLite user_version newer than known ⇒ SCHEMA_TOO_NEW, other agents shown', async () => {
    const h = home('too-new', 99);
    const before = checksums(h);
    const s = await read(h, sqlite);
    assert.deepEqual(checksums(h), before);
    assertActionable(s, 'SCHEMA_TOO_NEW');
    assert.deepEqual(ids(s, 'work'), ['anthropic:work']);
  });

  it('bad-input: missing tables ⇒ an empty store like the CLI sees it, no throw, nothing created', async () => {
    const h = home('no-tables');
    sql(
      path.join(h, '.openclaw/agents/work/agent/openclaw-agent.sqlite'),
      'DROP TABLE auth_profile_store; DROP TABLE auth_profile_state;',
    );
    const before = checksums(h);
    const s = await read(h, sqlite);
    assert.deepEqual(checksums(h), before);
    assert.deepEqual(ids(s, 'work'), ['anthropic:a'], 'work falls back to the shared store');
    assert.deepEqual(ids(s), ['anthropic:a']);
  });

  it('bad-input: database locked by a writer (BEGIN EXCLUSIVE, WAL) ⇒ last committed data, then the new data after commit', async () => {
    const h = home('locked');
    const db = path.join(h, '.openclaw/state/openclaw.sqlite');
    const writer = await holdWriter(db, 'EXCLUSIVE', store({ 'anthropic:b': tok('b') }));
    try {
      const started = Date.now();
      const during = await read(h, sqlite);
      assert.deepEqual(ids(during), ['anthropic:a'], 'never half a write');
      assert.ok(Date.now() - started < 4000, 'the read waited on the writer');
      writer.stdin.write('commit\n');
      await new Promise((r) => writer.stdout.once('data', r));
      // The writer still holds the WAL open: the committed frames are only in the -wal file.
      assert.ok(fs.statSync(`${db}-wal`).size > 0);
      const after = await read(h, sqlite);
      assert.deepEqual(ids(after), ['anthropic:b']);
      assert.deepEqual(ids(after, 'work'), ['anthropic:b', 'anthropic:work']);
    } finally {
      writer.stdin.end();
    }
  });

  it('bad-input: long-running writer holding the WAL open (BEGIN IMMEDIATE) ⇒ reads keep working', async () => {
    const h = home('long-writer');
    const writer = await holdWriter(path.join(h, '.openclaw/state/openclaw.sqlite'), 'IMMEDIATE', store({}));
    try {
      for (let i = 0; i < 3; i++) assert.deepEqual(ids(await read(h, sqlite)), ['anthropic:a']);
    } finally {
      writer.stdin.end();
    }
  });

  it('bad-input: a rollback-journal database locked EXCLUSIVE ⇒ STORE_UNREADABLE "locked" after the busy timeout, work shown', async () => {
    const h = home('locked-journal');
    const db = path.join(h, '.openclaw/state/openclaw.sqlite');
    sql(db, 'PRAGMA journal_mode=DELETE;');
    const script = `const {DatabaseSync}=require('node:sqlite');const d=new DatabaseSync(process.argv[1]);d.exec('BEGIN EXCLUSIVE');d.exec("UPDATE config_machine_state SET updated_at_ms=2");process.stdout.write('held\\n');process.stdin.on('end',()=>process.exit(0));process.stdin.resume();`;
    const writer = spawn(NODE24, ['--no-warnings', '-e', script, db], { stdio: ['pipe', 'pipe', 'pipe'] });
    await new Promise((r) => writer.stdout.once('data', r));
    try {
      const s = await read(h, sqlite);
      const w = s.warnings.find((x) => x.code === 'STORE_UNREADABLE' && x.path === db);
      assert.ok(w, JSON.stringify(s.warnings));
      assert.match(w.message, /locked|busy|timed out/i);
      assert.deepEqual(ids(s, 'work'), ['anthropic:work']);
    } finally {
      writer.stdin.end();
    }
  });

  it('bad-input: a -wal file without its database ⇒ not read, no database created', async () => {
    const h = home('wal-only');
    const db = path.join(h, '.openclaw/state/openclaw.sqlite');
    fs.rmSync(db);
    fs.writeFileSync(`${db}-wal`, 'garbage wal frames');
    const before = checksums(h);
    const s = await read(h, sqlite);
    assert.deepEqual(checksums(h), before);
    assert.equal(fs.existsSync(db), false);
    assert.deepEqual(ids(s, 'work'), ['anthropic:work']);
  });

  it('bad-input: permission denied (a file that cannot be read: config and store are directories) ⇒ actionable warnings', async () => {
    const h = home('eisdir');
    fs.rmSync(path.join(h, '.openclaw/state/openclaw.sqlite'));
    fs.mkdirSync(path.join(h, '.openclaw/state/openclaw.sqlite'));
    const s = await read(h, sqlite);
    assert.ok(
      s.warnings.some((w) => w.code === 'STORE_UNREADABLE' && w.path?.endsWith('openclaw.sqlite')),
      JSON.stringify(s.warnings),
    );
    assert.deepEqual(ids(s, 'work'), ['anthropic:work']);
    fs.rmSync(path.join(h, '.openclaw/openclaw.json'));
    fs.mkdirSync(path.join(h, '.openclaw/openclaw.json'));
    assertActionable(await read(h, sqlite), 'CONFIG_INVALID');
  });

  it('bad-input: permission denied (chmod 000, as an unprivileged user) ⇒ STORE_UNREADABLE naming EACCES, main shown', () => {
    // Root ignores file modes, so the reader runs as `nobody` in a child: the failure is real, not injected.
    const h = path.join(root, 'eacces');
    const mainDir = path.join(h, '.openclaw/agents/main/agent');
    const workDir = path.join(h, '.openclaw/agents/work/agent');
    writeConfig(h, twoAgents(h));
    fs.mkdirSync(mainDir, { recursive: true });
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(path.join(mainDir, 'auth-profiles.json'), store({ 'anthropic:a': tok('a') }));
    fs.writeFileSync(path.join(workDir, 'auth-profiles.json'), store({ 'anthropic:w': tok('w') }));
    // `nobody` may not be able to enter the checkout (a clone under `mktemp -d` is 0700): it gets the Reader as one
    // self-contained bundle inside the test home instead.
    const snapshotJs = path.join(root, 'reader-bundle.js');
    esbuild.buildSync({
      entryPoints: [path.resolve(__dirname, '../../../src/openclaw/snapshot.js')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: snapshotJs,
      external: ['node:sqlite'],
      logLevel: 'error',
    });
    const uid = process.getuid?.() === 0 ? 65534 : must(process.getuid, 'process.getuid')();
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', `${uid}`, root]);
    fs.chmodSync(path.join(workDir, 'auth-profiles.json'), 0o000);
    const script = `new (require(${JSON.stringify(snapshotJs)}).Reader)({env:{HOME:process.argv[1]},homedir:process.argv[1],warnWindowMs:1,cli:{path:'x',version:'2026.9.6',nodeCandidates:[]}}).read().then(s=>console.log(JSON.stringify(s)))`;
    const r = spawnSync(process.execPath, ['-e', script, h], { encoding: 'utf8', uid, cwd: '/' });
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Snapshot;
    const w = s.warnings.find((x) => x.code === 'STORE_UNREADABLE');
    assert.ok(w, r.stdout);
    assert.match(w.message, /EACCES/);
    assert.match(w.message, /permission/i);
    assert.deepEqual(ids(s), ['anthropic:a']);
  });

  it('bad-input: CLI missing ⇒ CLI_MISSING, profiles still shown', async () => {
    const s = await read(home('no-cli'), sqlite, { cli: undefined });
    assertActionable(s, 'CLI_MISSING');
    assert.deepEqual(ids(s), ['anthropic:a']);
  });

  it('bad-input: CLI too old ⇒ CLI_TOO_OLD, profiles still shown', async () => {
    const s = await read(home('old-cli'), sqlite, {
      cli: { path: '/x/openclaw', version: '2026.1.2', nodeCandidates: [] },
    });
    assertActionable(s, 'CLI_TOO_OLD');
    assert.deepEqual(ids(s), ['anthropic:a']);
  });

  for (const [name, body] of [
    ['exiting non-zero', 'echo "Error: boom" >&2; exit 3'],
    ['printing non-JSON', 'echo "hello, not json"'],
    ['printing megabytes', 'head -c 20000000 /dev/zero | tr "\\0" a'],
  ] as const) {
    it(`bad-input: CLI ${name} (read through the CLI) ⇒ CLI_READ_FAILED per agent, no throw`, async () => {
      const h = home(`cli-${name.split(' ')[0]}`);
      const cli = { path: fake(h, 'openclaw', body), version: '2026.9.6', nodeCandidates: [] };
      const s = await read(h, undefined, { cli });
      assert.deepEqual(codes(s).filter((c) => c === 'CLI_READ_FAILED').length, 2, JSON.stringify(s.warnings));
      assert.ok(
        s.warnings.every((w) => w.message.length < 1000),
        'megabytes of output reached a warning',
      );
      assert.deepEqual(s.agents.map((a) => a.id).sort(), ['main', 'work']);
    });
  }

  it('bad-input: CLI hanging ⇒ TIMEOUT within the limit, and cancel ends it at once', async () => {
    const dir = tmp('hang');
    const cli = { path: fake(dir, 'openclaw', 'sleep 30'), version: '2026.9.6', nodeCandidates: [] };
    let started = Date.now();
    await assert.rejects(
      runCliJson(cli, ['models', 'auth', 'list', '--json'], { env: {}, timeoutMs: 800 }),
      (e: unknown) => e instanceof CliError && e.code === 'TIMEOUT' && /did not finish/.test(e.message),
    );
    assert.ok(Date.now() - started < 5000);
    const ac = new AbortController();
    started = Date.now();
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(
      runCliJson(cli, ['models', 'status', '--json'], { env: {}, signal: ac.signal }),
      (e: unknown) => e instanceof CliError && e.code === 'CANCELLED',
    );
    assert.ok(Date.now() - started < 5000);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cli: a CLI that exits while a process it started still holds stdout ⇒ its JSON at once (not a TIMEOUT after 10 s), and that process ended', async function () {
    this.timeout(15_000);
    const dir = tmp('leak');
    const pidFile = path.join(dir, 'grandchild.pid');
    // Not detached: the grandchild stays in the CLI's process group and inherits its stdout and stderr.
    const script = path.join(dir, 'openclaw.js');
    fs.writeFileSync(
      script,
      `const { spawn } = require('node:child_process');
const g = spawn('sleep', ['30'], { stdio: ['ignore', 'inherit', 'inherit'] });
require('node:fs').writeFileSync(process.env.PID_FILE, String(g.pid));
g.unref();
process.stdout.write(JSON.stringify({ profiles: [{ id: 'anthropic:a' }] }) + '\\n');
`,
    );
    const cli = { path: script, node: process.execPath, script, version: '2026.9.6', nodeCandidates: [] };
    try {
      const started = Date.now();
      const out = await runCliJson(cli, ['models', 'auth', 'list', '--json'], {
        env: { PID_FILE: pidFile, PATH: process.env.PATH },
        timeoutMs: 10_000,
      });
      const took = Date.now() - started;
      assert.deepEqual(out, { profiles: [{ id: 'anthropic:a' }] });
      // Well before the grandchild's 30 s: node's start-up and the 200 ms drain, with room for a loaded runner.
      assert.ok(took < 10_000, `resolved after ${took} ms`);
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      const deadline = Date.now() + 3000;
      while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal(running(pid), false, `the grandchild ${pid} is still running`);
    } finally {
      if (fs.existsSync(pidFile)) spawnSync('kill', [fs.readFileSync(pidFile, 'utf8')]); // the old code leaves it running
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad-input: claude missing (no ~/.claude) or its file malformed ⇒ no Claude row, no throw', async () => {
    const h = home('claude');
    assert.equal((await read(h, sqlite)).claudeCli, undefined);
    fs.mkdirSync(path.join(h, '.claude'));
    fs.writeFileSync(path.join(h, '.claude/.credentials.json'), '{"claudeAiOauth": {"accessToken": 12,');
    const s = await read(h, sqlite);
    assert.equal(s.claudeCli, undefined);
    assert.deepEqual(ids(s), ['anthropic:a']);
  });
});
