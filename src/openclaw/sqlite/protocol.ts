// Shared by the in-process source and the child reader: read-only passes over a database.

import fs = require('node:fs');
import url = require('node:url');

export interface QuerySpec {
  sql: string;
  params?: (string | number)[];
  /** Run only when this table exists (else no rows): saves a round trip to look first. */
  ifTable?: string;
}

export interface QueryResult {
  userVersion: number;
  rows: Record<string, unknown>[][];
}

/** A request line on the child's stdin. */
export interface ReaderRequest {
  id: number;
  dbPath: string;
  queries: QuerySpec[];
}

/** A response line on the child's stdout. */
export type ReaderResponse =
  ({ id: number; ok: true } & QueryResult) | { id: number; ok: false; error: string; code?: string };

/**
 * The child's first line, before any request: its Node version and whether it loaded node:sqlite. Starting the
 * reader is how a Node is tried, so no separate probe process pays a second Node start-up before the first read.
 */
export interface ReaderHello {
  hello: string;
  sqlite: boolean;
}

/** Matches OpenClaw's own `busy_timeout`, so a writer's transaction is waited out rather than failed. */
export const BUSY_TIMEOUT_MS = 5000;

interface Statement {
  all(...params: (string | number)[]): unknown[];
  get(...params: (string | number)[]): unknown;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  close(): void;
}
interface SqliteModule {
  DatabaseSync: new (path: string, opts: Record<string, unknown>) => Database;
}

/** `node:sqlite` when this Node has it (≥ 22.13 / 23.4), else undefined. Guarded so bundles load on Node 20. */
export function loadNodeSqlite(): SqliteModule | undefined {
  try {
    // A plain require inside try: on Node 20 it throws ERR_UNKNOWN_BUILTIN_MODULE, which we swallow.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('node:sqlite') as SqliteModule;
    return typeof mod?.DatabaseSync === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}

interface FileId {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/**
 * How a database is opened. A read-only open of a WAL database creates `-shm` and an empty `-wal` when they are
 * missing and leaves them behind, owned by this user (the gateway, another user, then fails "attempt to write a
 * readonly database"; in a directory we may not write, the open itself fails). So a WAL database without a `-wal`,
 * whose committed data is then all in the main file, is opened `immutable=1`: nothing created, nothing locked.
 * A `-wal` beside it (a live writer, or a crash) means frames to read and a `-shm` already there: a normal
 * read-only open, which creates nothing. A rollback-journal database creates nothing either, and needs its locks
 * (immutable would read a half-written commit), so it is opened normally too.
 */
type OpenMode = 'immutable' | 'read-only';

interface OpenDb {
  db: Database;
  id: FileId;
  mode: OpenMode;
  /** The header says WAL (bytes 18-19 = 2): fixed for a file id, so read once per connection; not read while a -wal exists. */
  walHeader: boolean | undefined;
  timer: NodeJS.Timeout;
}

/**
 * Connections kept between reads: the first statement on a fresh connection parses the whole schema (agent DBs have
 * ~55 tables), which cost 5-7 ms per database and dominated a snapshot (BENCHMARKS.md). An idle read-only WAL
 * connection blocks neither OpenClaw's writers nor its checkpoints, and each statement still sees the latest commit.
 */
const openDbs = new Map<string, OpenDb>();
/** Idle connections are closed, so files are not held open for long (a Windows user may delete a home). */
export const IDLE_CLOSE_MS = 30_000;

function close(dbPath: string): void {
  const o = openDbs.get(dbPath);
  if (!o) return;
  openDbs.delete(dbPath);
  clearTimeout(o.timer);
  try {
    o.db.close();
  } catch {
    // already closed
  }
}

/** Closes every kept connection (source disposal, tests). */
export function closeAllDatabases(): void {
  for (const p of [...openDbs.keys()]) close(p);
}

function fileId(dbPath: string): FileId | undefined {
  try {
    const st = fs.statSync(dbPath);
    // SQLite would block opening a FIFO and must not open a device: say so instead of hanging the reader.
    if (!st.isFile()) throw new Error(`Cannot open ${dbPath} read-only: it is not a regular file.`);
    return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === undefined) throw err;
    return undefined; // Let the open below fail with SQLite's own reason.
  }
}

const sameFile = (a: FileId, b: FileId): boolean => a.dev === b.dev && a.ino === b.ino && a.ctimeMs === b.ctimeMs;
const unchanged = (a: FileId, b: FileId | undefined): boolean =>
  !!b && sameFile(a, b) && a.size === b.size && a.mtimeMs === b.mtimeMs;
const walExists = (dbPath: string): boolean => fs.existsSync(`${dbPath}-wal`);

/** True when the file's header says WAL (write and read versions 2). Opened non-blocking, so a swapped-in FIFO cannot hang it. */
function hasWalHeader(dbPath: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dbPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const head = Buffer.alloc(20);
    return fs.readSync(fd, head, 0, 20, 0) === 20 && head[18] === 2 && head[19] === 2;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function open(sqlite: SqliteModule, dbPath: string, mode: OpenMode): Database {
  const opts = { readOnly: true, timeout: BUSY_TIMEOUT_MS };
  let db: Database | undefined;
  if (mode === 'immutable') {
    try {
      db = new sqlite.DatabaseSync(`${url.pathToFileURL(dbPath).href}?immutable=1`, opts);
    } catch {
      // A Node whose SQLite takes no URI filenames finds no such file (read-only: nothing created); open it plainly.
    }
  }
  try {
    db ??= new sqlite.DatabaseSync(dbPath, opts);
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (err) {
    throw new Error(`Cannot open ${dbPath} read-only: ${describe(err)}`);
  }
}

function connection(
  sqlite: SqliteModule,
  dbPath: string,
  id: FileId | undefined,
  forceReadOnly: boolean,
): Pick<OpenDb, 'db' | 'mode'> {
  const wal = walExists(dbPath);
  const kept = openDbs.get(dbPath);
  // A file replaced under the same name (home reset, restore; inodes get reused) gets a new connection. In WAL mode
  // commits go to the -wal file, so the main file's ctime moves only on checkpoints: a rare reopen.
  const same = !!kept && !!id && sameFile(kept.id, id);
  let walHeader = same ? kept.walHeader : undefined;
  if (!wal && !forceReadOnly && walHeader === undefined) walHeader = hasWalHeader(dbPath);
  const mode: OpenMode = !forceReadOnly && !wal && walHeader ? 'immutable' : 'read-only';
  if (kept && id && same && kept.mode === mode) {
    kept.timer.refresh();
    kept.id = id;
    return kept;
  }
  close(dbPath);
  const db = open(sqlite, dbPath, mode);
  if (!id) return { db, mode };
  const timer = setTimeout(() => close(dbPath), IDLE_CLOSE_MS);
  timer.unref?.();
  const o: OpenDb = { db, id, mode, walHeader, timer };
  openDbs.set(dbPath, o);
  return o;
}

function query(db: Database, queries: QuerySpec[]): QueryResult {
  const version = db.prepare('PRAGMA user_version').get() as { user_version?: number } | undefined;
  const has = (table: string): boolean =>
    !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  const rows = queries.map((q) =>
    q.ifTable && !has(q.ifTable) ? [] : (db.prepare(q.sql).all(...(q.params ?? [])) as Record<string, unknown>[]),
  );
  return { userVersion: Number(version?.user_version ?? 0), rows: rows.map((r) => r.map((row) => ({ ...row }))) };
}

/**
 * Reads on a connection kept open between reads: read-only (not immutable) whenever a -wal exists, so un-checkpointed
 * frames are seen. An immutable read takes no lock, so a writer that started meanwhile and checkpointed into the main
 * file could have torn it: the file is checked again after the read, and a changed file is read again.
 * Errors name the file and SQLite's code, never row contents.
 */
export function runQueries(sqlite: SqliteModule, dbPath: string, queries: QuerySpec[]): QueryResult {
  for (let attempt = 0; ; attempt++) {
    const id = fileId(dbPath);
    // The last attempt takes the locks: only a file rewritten during every read gets here.
    const conn = connection(sqlite, dbPath, id, attempt === 2);
    let result: QueryResult;
    try {
      result = query(conn.db, queries);
    } catch (err) {
      close(dbPath);
      throw new Error(`Cannot read ${dbPath}: ${describe(err)}`);
    } finally {
      if (openDbs.get(dbPath) !== conn) {
        try {
          conn.db.close();
        } catch {
          // closed above
        }
      }
    }
    if (conn.mode === 'read-only' || (id && unchanged(id, fileId(dbPath)) && !walExists(dbPath))) return result;
    close(dbPath);
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; errstr?: string; message?: string };
  // SQLite messages name tables/columns at most; keep only the first line to be safe.
  return [e.code, e.errstr ?? e.message?.split('\n')[0]].filter(Boolean).join(' ');
}
