// Entry of the long-lived child reader (bundled to dist/sqlite-reader.js). Runs on a Node that has
// node:sqlite; speaks newline-delimited JSON: ReaderRequest on stdin, ReaderResponse on stdout.

import { loadNodeSqlite, runQueries, type ReaderRequest, type ReaderResponse } from './protocol';

const sqlite = loadNodeSqlite();

function reply(res: ReaderResponse): void {
  process.stdout.write(JSON.stringify(res) + '\n');
}

// Lines split by hand: node:readline would add its module graph to every cold start of the reader.
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffered += chunk;
  let nl: number;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    onLine(line);
  }
});
process.stdin.on('end', () => process.exit(0));

function onLine(line: string): void {
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
}
