// The read-only queries for OpenClaw's two auth databases (docs/openclaw-auth-ground-truth.md §2.1), returning raw JSON cells.
// Parsing and merging live in stores.ts; this file only knows tables, keys and schema versions.

import type { SqliteSource } from '../model';

/** Newest schema versions this reader understands (openclaw 2026.9.6 `schemaVersions`). */
export const MAX_AGENT_DB_VERSION = 23;
export const MAX_STATE_DB_VERSION = 18;

export type CellResult =
  | { status: 'ok'; userVersion: number; cells: Record<string, string | undefined> }
  | { status: 'too-new'; userVersion: number }
  | { status: 'error'; message: string };

/** One round trip per database: which tables exist, and the rows of those that do. */
async function cells(
  sqlite: SqliteSource,
  dbPath: string,
  tableNames: string[],
  reads: { table: string; sql: string; params?: string[] }[],
) {
  const marks = tableNames.map(() => '?').join(',');
  const res = await sqlite.query(dbPath, [
    { sql: `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${marks})`, params: tableNames },
    ...reads.map((r) => ({ sql: r.sql, ifTable: r.table, ...(r.params ? { params: r.params } : {}) })),
  ]);
  // One result set per query, the table list first; anything else is a broken reader, reported as an error.
  const [tables, ...rows] = res.rows;
  if (!tables || rows.length !== reads.length)
    throw new Error(`SQLite reader answered ${res.rows.length} result sets for ${reads.length + 1} queries`);
  return {
    userVersion: res.userVersion,
    present: new Set(tables.map((r) => String(r.name))),
    rows,
  };
}

/** The key prefix of a plugin upgrade OpenClaw left unfinished (`migration_runs`, status `pending`). */
export const PENDING_PLUGIN_PREFIX = 'deferred-plugin-migration:';

/**
 * `auth.sharedStore`, `authProfiles.store`, `authProfiles.state` from `state/openclaw.sqlite`, and the plugin upgrades
 * OpenClaw left pending (keyed by their `migration_runs` id, `deferred-plugin-migration:<plugin>`; OpenClaw 2026.9.6
 * `readPendingMigrationRows` in dist/deferred-plugin-migrations-*.mjs reads the same rows).
 */
export async function readStateDbCells(sqlite: SqliteSource, dbPath: string): Promise<CellResult> {
  try {
    const t = await cells(
      sqlite,
      dbPath,
      ['config_machine_state', 'migration_runs'],
      [
        {
          table: 'config_machine_state',
          sql: 'SELECT state_key, value_json FROM config_machine_state WHERE state_key IN (?, ?, ?)',
          params: ['auth.sharedStore', 'authProfiles.store', 'authProfiles.state'],
        },
        {
          table: 'migration_runs',
          sql: "SELECT id AS state_key, report_json AS value_json FROM migration_runs WHERE substr(id, 1, length(?)) = ? AND status = 'pending' ORDER BY id LIMIT 20",
          params: [PENDING_PLUGIN_PREFIX, PENDING_PLUGIN_PREFIX],
        },
      ],
    );
    if (t.userVersion > MAX_STATE_DB_VERSION) return { status: 'too-new', userVersion: t.userVersion };
    const out: Record<string, string | undefined> = {};
    for (const row of t.rows.flat())
      out[String(row.state_key)] = typeof row.value_json === 'string' ? row.value_json : undefined;
    return { status: 'ok', userVersion: t.userVersion, cells: out };
  } catch (err) {
    return { status: 'error', message: (err as Error).message };
  }
}

/** `store` and `state` cells (row key `primary`) from `<agentDir>/openclaw-agent.sqlite`. */
export async function readAgentDbCells(sqlite: SqliteSource, dbPath: string): Promise<CellResult> {
  try {
    const t = await cells(
      sqlite,
      dbPath,
      ['auth_profile_store', 'auth_profile_state'],
      [
        {
          table: 'auth_profile_store',
          sql: "SELECT 'store' AS k, store_json AS v FROM auth_profile_store WHERE store_key = 'primary'",
        },
        {
          table: 'auth_profile_state',
          sql: "SELECT 'state' AS k, state_json AS v FROM auth_profile_state WHERE state_key = 'primary'",
        },
      ],
    );
    if (t.userVersion > MAX_AGENT_DB_VERSION) return { status: 'too-new', userVersion: t.userVersion };
    const out: Record<string, string | undefined> = {};
    for (const row of t.rows.flat()) out[String(row.k)] = typeof row.v === 'string' ? row.v : undefined;
    return { status: 'ok', userVersion: t.userVersion, cells: out };
  } catch (err) {
    return { status: 'error', message: (err as Error).message };
  }
}
