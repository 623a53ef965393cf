// Shared by the in-process source and the child reader: read-only passes over a database.

import fs = require('node:fs');

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
export type ReaderResponse = ({ id: number; ok: true } & QueryResult) | { id: number; ok: false; error: string; code?: string };

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

interface OpenDb {
  db: Database;
  dev: number;
  ino: number;
  ctimeMs: number;
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

function connection(sqlite: SqliteModule, dbPath: string): Database {
  let id: { dev: number; ino: number; ctimeMs: number } | undefined;
  try {
    id = fs.statSync(dbPath);
  } catch {
    // Let the open below fail with SQLite's own reason.
  }
  const kept = openDbs.get(dbPath);
  // A file replaced under the same name (home reset, restore; inodes get reused) gets a new connection. In WAL mode
  // commits go to the -wal file, so the main file's ctime moves only on checkpoints: a rare reopen.
  if (kept && id && kept.dev === id.dev && kept.ino === id.ino && kept.ctimeMs === id.ctimeMs) {
    kept.timer.refresh();
    return kept.db;
  }
  close(dbPath);
  let db: Database;
  try {
    db = new sqlite.DatabaseSync(dbPath, { readOnly: true, timeout: BUSY_TIMEOUT_MS });
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (err) {
    throw new Error(`Cannot open ${dbPath} read-only: ${describe(err)}`);
  }
  if (id) {
    const timer = setTimeout(() => close(dbPath), IDLE_CLOSE_MS);
    timer.unref?.();
    openDbs.set(dbPath, { db, dev: id.dev, ino: id.ino, ctimeMs: id.ctimeMs, timer });
  }
  return db;
}

/**
 * Reads on a read-only (not immutable, so un-checkpointed WAL frames are seen) connection, kept open between reads.
 * Errors name the file and SQLite's code, never row contents.
 */
export function runQueries(sqlite: SqliteModule, dbPath: string, queries: QuerySpec[]): QueryResult {
  const db = connection(sqlite, dbPath);
  try {
    const version = db.prepare('PRAGMA user_version').get() as { user_version?: number } | undefined;
    const has = (table: string): boolean => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    const rows = queries.map((q) => (q.ifTable && !has(q.ifTable) ? [] : (db.prepare(q.sql).all(...(q.params ?? [])) as Record<string, unknown>[])));
    return { userVersion: Number(version?.user_version ?? 0), rows: rows.map((r) => r.map((row) => ({ ...row }))) };
  } catch (err) {
    close(dbPath);
    throw new Error(`Cannot read ${dbPath}: ${describe(err)}`);
  } finally {
    if (!openDbs.has(dbPath)) {
      try {
        db.close();
      } catch {
        // closed above
      }
    }
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; errstr?: string; message?: string };
  // SQLite messages name tables/columns at most; keep only the first line to be safe.
  return [e.code, e.errstr ?? e.message?.split('\n')[0]].filter(Boolean).join(' ');
}
