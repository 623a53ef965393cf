// SqliteSource on this process's own `node:sqlite` (VS Code builds whose Electron Node has it).

import type { SqliteSource } from '../model';
import { closeAllDatabases, loadNodeSqlite, runQueries, type QuerySpec, type QueryResult } from './protocol';

export function createInProcessSource(): SqliteSource | undefined {
  const sqlite = loadNodeSqlite();
  if (!sqlite) return undefined;
  return {
    kind: 'in-process',
    query(dbPath: string, queries: QuerySpec[]): Promise<QueryResult> {
      // A failed read rejects, as the child source's does: the executor turns runQueries' throw into a rejection.
      return new Promise((resolve) => resolve(runQueries(sqlite, dbPath, queries)));
    },
    dispose() {
      closeAllDatabases();
    },
  };
}
