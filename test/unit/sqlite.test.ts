import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ChildSqliteSource,
  createChildSource,
  createInProcessSource,
  createSqliteSource,
  probeNode,
} from '../../src/openclaw/sqlite';
import { node24Path } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

const NODE24 = node24Path();
const READER = path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js');

// Holds a write connection open so the WAL is not checkpointed while we read.
const WRITER = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; PRAGMA user_version=23;");
db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)");
db.prepare("INSERT INTO t VALUES (?, ?)").run('primary', 'sk-ant-oat01-FAKE-row-secret');
process.stdout.write('ready\\n');
process.stdin.on('data', () => { db.close(); process.exit(0); });
`;

describe('sqlite sources', function () {
  this.timeout(20000);
  let dir: string;
  let dbPath: string;
  let writer: ChildProcess;
  let source: ChildSqliteSource;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-sqlite-'));
    dbPath = path.join(dir, 'db.sqlite');
    writer = spawn(NODE24, ['--no-warnings', '-e', WRITER, dbPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => must(writer.stdout, 'writer.stdout').once('data', () => resolve()));
    const s = await createChildSource({ nodeCandidates: [process.execPath, NODE24], readerScript: READER });
    assert.ok(s instanceof ChildSqliteSource);
    source = s;
  });
  after(() => {
    source?.dispose();
    writer?.stdin?.end('x');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('node:sqlite is not in this Node 20 process, so in-process is unavailable and the child is chosen', async () => {
    assert.equal(createInProcessSource(), undefined);
    assert.equal(await probeNode(process.execPath), undefined);
    assert.match((await probeNode(NODE24)) ?? '', /^2[2-9]\./);
    const s = await createSqliteSource({ nodeCandidates: ['/no/such/node', NODE24], readerScript: READER });
    assert.equal(s?.kind, 'child-process');
    s?.dispose();
    assert.equal(
      await createSqliteSource({ nodeCandidates: ['/no/such/node', process.execPath], readerScript: READER }),
      undefined,
    );
  });

  it('the child that said it has node:sqlite is the one that answers: trying a Node costs no extra process', async () => {
    const s = await createChildSource({ nodeCandidates: [process.execPath, NODE24], readerScript: READER });
    assert.ok(s instanceof ChildSqliteSource);
    try {
      const pid = s.pid;
      assert.ok(pid, 'running once chosen');
      await s.query(dbPath, [{ sql: 'SELECT 1 AS one' }]);
      assert.equal(s.pid, pid);
    } finally {
      s.dispose();
    }
  });

  it('child picks the first candidate that has node:sqlite', () => {
    assert.equal(source.nodePath, NODE24);
  });

  it('reads un-checkpointed WAL rows and user_version, read-only', async () => {
    assert.ok(fs.statSync(`${dbPath}-wal`).size > 0, 'the writer keeps frames in the WAL');
    const res = await source.query(dbPath, [
      { sql: 'SELECT k, v FROM t WHERE k = ?', params: ['primary'] },
      { sql: 'SELECT count(*) AS n FROM t' },
    ]);
    assert.equal(res.userVersion, 23);
    assert.deepEqual(res.rows, [[{ k: 'primary', v: 'sk-ant-oat01-FAKE-row-secret' }], [{ n: 1 }]]);
    await assert.rejects(source.query(dbPath, [{ sql: "INSERT INTO t VALUES ('x', 'y')" }]), /readonly|read-only/i);
  });

  it('errors name the file and never row contents; a missing DB is not created', async () => {
    const missing = path.join(dir, 'nope.sqlite');
    await assert.rejects(source.query(missing, [{ sql: 'SELECT 1' }]), (err: Error) => err.message.includes(missing));
    assert.equal(fs.existsSync(missing), false);
    await assert.rejects(
      source.query(dbPath, [{ sql: 'SELECT nope FROM t' }]),
      (err: Error) => err.message.includes(dbPath) && !err.message.includes('FAKE'),
    );
  });

  it('queues concurrent requests and restarts after the child dies', async () => {
    const all = await Promise.all([1, 2, 3].map(() => source.query(dbPath, [{ sql: 'SELECT count(*) AS n FROM t' }])));
    assert.deepEqual(
      all.map((r) => r.rows[0]?.[0]?.n),
      [1, 1, 1],
    );
    const pid = must(source.pid, 'source.pid');
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const res = await source.query(dbPath, [{ sql: 'SELECT count(*) AS n FROM t' }]);
    assert.equal(res.rows[0]?.[0]?.n, 1);
    assert.notEqual(source.pid, pid);
  });

  it('pipelines requests; one that hangs or crashes the child fails alone, and the ones behind it go to a new child', async () => {
    // Answers in order like the real reader; stops answering for good at "hang", exits at "crash".
    const fake = path.join(dir, 'fake-reader.js');
    fs.writeFileSync(
      fake,
      `let stuck = false, buf = '';
process.stdin.on('data', (d) => {
  buf += d;
  for (let nl; (nl = buf.indexOf('\\n')) >= 0; buf = buf.slice(nl + 1)) {
    const req = JSON.parse(buf.slice(0, nl));
    if (stuck) continue;
    if (req.dbPath === 'hang') { stuck = true; continue; }
    if (req.dbPath === 'crash') process.exit(3);
    process.stdout.write(JSON.stringify({ id: req.id, ok: true, userVersion: 1, rows: [[{ db: req.dbPath, pid: process.pid }]] }) + '\\n');
  }
});`,
    );
    const src = new ChildSqliteSource(NODE24, fake, 1500);
    try {
      src.prepare();
      const firstPid = src.pid;
      assert.ok(firstPid, 'prepare() starts the reader before any query');
      type Answer = { row?: { db: string; pid: number }; error?: string };
      const ask = (db: string): Promise<Answer> =>
        src.query(db, [{ sql: 'SELECT 1' }]).then(
          (r) => ({ row: r.rows[0]?.[0] as Answer['row'] }),
          (e: Error) => ({ error: e.message }),
        );
      const [a, hang, b, crash, c] = await Promise.all(['a', 'hang', 'b', 'crash', 'c'].map(ask));
      assert.deepEqual(a, { row: { db: 'a', pid: firstPid } });
      assert.match(hang?.error ?? '', /timed out after 1500 ms reading hang/);
      assert.equal(b?.row?.db, 'b');
      assert.notEqual(b.row.pid, firstPid, 'b was answered by a new child');
      assert.match(crash?.error ?? '', /SQLite reader exited \(code 3\)/);
      assert.equal(c?.row?.db, 'c');
      assert.notEqual(c.row.pid, b.row.pid, 'c was answered by the child after the crash');
    } finally {
      src.dispose();
    }
  });

  it('the reader answers a request split inside a UTF-8 character, later requests, and replies larger than a pipe buffer', async () => {
    // Its first requests come through one blocking read, the rest through the stream: both must see whole lines.
    const odd = path.join(dir, 'ไทย-ü.sqlite');
    fs.copyFileSync(dbPath, odd);
    if (fs.existsSync(`${dbPath}-wal`)) fs.copyFileSync(`${dbPath}-wal`, `${odd}-wal`);
    const child = spawn(NODE24, ['--no-warnings', READER], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const lines: string[] = [];
      let buf = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        buf += d;
        for (let nl; (nl = buf.indexOf('\n')) >= 0; buf = buf.slice(nl + 1)) lines.push(buf.slice(0, nl));
      });
      const until = async (n: number) => {
        for (let i = 0; i < 200 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 25));
        assert.equal(lines.length, n, `${n} replies`);
      };
      const bytes = Buffer.from(
        JSON.stringify({ id: 1, dbPath: odd, queries: [{ sql: 'SELECT count(*) AS n FROM t' }] }) + '\n',
        'utf8',
      );
      const cut = bytes.indexOf(Buffer.from('ไ', 'utf8')) + 1; // inside the 3-byte character
      child.stdin.write(bytes.subarray(0, cut));
      await new Promise((r) => setTimeout(r, 400)); // the first read returns with half a character
      child.stdin.write(bytes.subarray(cut));
      await until(2);
      // Its first line says hello (Node version, node:sqlite loaded) before any request is answered.
      const hello = JSON.parse(lines[0] ?? '') as { hello: string; sqlite: boolean };
      assert.match(hello.hello, /^2[2-9]\./);
      assert.equal(hello.sqlite, true);
      assert.deepEqual(JSON.parse(lines[1] ?? ''), { id: 1, ok: true, userVersion: 23, rows: [[{ n: 1 }]] });
      // 200 KB in one reply: more than a pipe holds, written while this side reads.
      child.stdin.write(
        JSON.stringify({
          id: 2,
          dbPath: odd,
          queries: [
            {
              sql: "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000) SELECT i, printf('%0100d', i) AS pad FROM c",
            },
          ],
        }) + '\n',
      );
      await until(3);
      const big = JSON.parse(lines[2] ?? '') as { id: number; rows: { i: number; pad: string }[][] };
      assert.equal(big.id, 2);
      assert.equal(big.rows[0]?.length, 2000);
      assert.equal(big.rows[0]?.[1999]?.pad, String(2000).padStart(100, '0'));
      child.stdin.end();
      const code = await new Promise((r) => child.on('exit', r));
      assert.equal(code, 0, 'exits when its stdin ends');
    } finally {
      child.kill();
    }
  });

  it('times out a hung child, then recovers', async () => {
    const slow = new ChildSqliteSource(NODE24, path.join(dir, 'hang.js'), 300);
    fs.writeFileSync(path.join(dir, 'hang.js'), 'process.stdin.resume();');
    await assert.rejects(slow.query(dbPath, [{ sql: 'SELECT 1' }]), /timed out/);
    slow.dispose();
    await assert.rejects(slow.query(dbPath, [{ sql: 'SELECT 1' }]), /disposed/);
  });
});
