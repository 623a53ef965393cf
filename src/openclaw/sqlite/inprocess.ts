// SqliteSource on this process's own `node:sqlite` (VS Code builds whose Electron Node has it).

import type { SqliteSource } from '../model';
import { closeAllDatabases, loadNodeSqlite, runQueries, type QuerySpec, type QueryResult } from './protocol';

export function createInProcessSource(): SqliteSource | undefined {
  const sqlite = loadNodeSqlite();
  if (!sqlite) return undefined;
  return {
    kind: 'in-process',
    async query(dbPath: string, queries: QuerySpec[]): Promise<QueryResult> {
      return runQueries(sqlite, dbPath, queries);
    },
    dispose() {
      closeAllDatabases();
    },
  };
}
