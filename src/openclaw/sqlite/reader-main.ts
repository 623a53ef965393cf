// Entry of the long-lived child reader (bundled to dist/sqlite-reader.js). Runs on a Node that has
// node:sqlite; speaks newline-delimited JSON: ReaderRequest on stdin, ReaderResponse on stdout.

import readline = require('node:readline');
import { loadNodeSqlite, runQueries, type ReaderRequest, type ReaderResponse } from './protocol';

const sqlite = loadNodeSqlite();
const lines = readline.createInterface({ input: process.stdin });

function reply(res: ReaderResponse): void {
  process.stdout.write(JSON.stringify(res) + '\n');
}

lines.on('line', (line) => {
  if (!line.trim()) return;
  let req: ReaderRequest;
  try {
    req = JSON.parse(line) as ReaderRequest;
  } catch {
    reply({ id: -1, ok: false, error: 'malformed request' });
    return;
  }
  if (!sqlite) {
    reply({ id: req.id, ok: false, error: `node:sqlite is not available in Node ${process.versions.node}`, code: 'NO_SQLITE' });
    return;
  }
  try {
    reply({ id: req.id, ok: true, ...runQueries(sqlite, req.dbPath, req.queries) });
  } catch (err) {
    reply({ id: req.id, ok: false, error: (err as Error).message });
  }
});
lines.on('close', () => process.exit(0));
