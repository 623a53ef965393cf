// Shared by the in-process source and the child reader: one read-only pass over a database.

export interface QuerySpec {
  sql: string;
  params?: (string | number)[];
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

/**
 * Opens read-only (not immutable, so un-checkpointed WAL frames are seen), runs the queries, closes.
 * Errors name the file and SQLite's code, never row contents.
 */
export function runQueries(sqlite: SqliteModule, dbPath: string, queries: QuerySpec[]): QueryResult {
  let db: Database;
  try {
    db = new sqlite.DatabaseSync(dbPath, { readOnly: true, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new Error(`Cannot open ${dbPath} read-only: ${describe(err)}`);
  }
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = db.prepare('PRAGMA user_version').get() as { user_version?: number } | undefined;
    const rows = queries.map((q) => db.prepare(q.sql).all(...(q.params ?? [])) as Record<string, unknown>[]);
    return { userVersion: Number(version?.user_version ?? 0), rows: rows.map((r) => r.map((row) => ({ ...row }))) };
  } catch (err) {
    throw new Error(`Cannot read ${dbPath}: ${describe(err)}`);
  } finally {
    db.close();
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; errstr?: string; message?: string };
  // SQLite messages name tables/columns at most; keep only the first line to be safe.
  return [e.code, e.errstr ?? e.message?.split('\n')[0]].filter(Boolean).join(' ');
}
