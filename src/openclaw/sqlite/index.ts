// Picks the cheapest SqliteSource that works here: this process's node:sqlite, else a child Node.

import type { SqliteSource } from '../model';
import { createChildSource } from './child';
import { createInProcessSource } from './inprocess';

export interface SqliteSourceOptions {
  nodeCandidates: string[];
  readerScript: string;
  /** Explicit Node binary from the settings, tried before the candidates. */
  nodePath?: string;
}

/** Undefined when neither works: the caller then reads through the CLI. */
export async function createSqliteSource(opts: SqliteSourceOptions): Promise<SqliteSource | undefined> {
  return createInProcessSource() ?? (await createChildSource(opts));
}

export { createChildSource, findSqliteNode, probeNode, ChildSqliteSource } from './child';
export { createInProcessSource } from './inprocess';
