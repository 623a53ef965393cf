// Entry of the long-lived child reader (bundled to dist/sqlite-reader.js). Runs on a Node that has
// node:sqlite; speaks newline-delimited JSON: ReaderRequest on stdin, ReaderResponse on stdout.

import fs = require('node:fs');
import { StringDecoder } from 'node:string_decoder';
import { loadNodeSqlite, runQueries, type ReaderHello, type ReaderRequest, type ReaderResponse } from './protocol';

const sqlite = loadNodeSqlite();

/**
 * Replies go out with fs.writeSync on fd 1 (a blocking pipe end in a spawned child): setting up `process.stdout`
 * as a stream costs 1-4 ms of a cold start. If the fd ever refuses (EAGAIN), the stream takes over for good, so
 * the order of replies is kept.
 */
let useStream = false;
function reply(res: ReaderResponse | ReaderHello): void {
  const line = JSON.stringify(res) + '\n';
  if (!useStream) {
    const buf = Buffer.from(line, 'utf8');
    let off = 0;
    try {
      while (off < buf.length) off += fs.writeSync(1, buf, off, buf.length - off);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') process.exit(0); // the parent is gone
      useStream = true;
      process.stdout.write(buf.subarray(off));
      return;
    }
  }
  process.stdout.write(line);
}

// Lines split by hand: node:readline would add its module graph to every cold start of the reader.
const decoder = new StringDecoder('utf8');
let buffered = '';
function feed(text: string): void {
  buffered += text;
  let nl: number;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    onLine(line);
  }
}

/**
 * The first requests are read with one blocking read: the parent sends them right after starting this process,
 * and `process.stdin` (a net.Socket and its streams) costs ~8 ms of a ~140 ms cold read (BENCHMARKS.md). Nothing
 * else runs yet (no connection is open, no timer is due), so blocking here delays nothing. Later requests come
 * through the stream, which lets idle connections close on their timers.
 */
function firstRead(): void {
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    const n = fs.readSync(0, buf, 0, buf.length, null);
    if (n === 0) process.exit(0);
    feed(decoder.write(buf.subarray(0, n)));
  } catch {
    // EAGAIN (a non-blocking stdin), EOF on Windows pipes, …: the stream below reads instead.
  }
}

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
    reply({
      id: req.id,
      ok: false,
      error: `node:sqlite is not available in Node ${process.versions.node}`,
      code: 'NO_SQLITE',
    });
    return;
  }
  try {
    reply({ id: req.id, ok: true, ...runQueries(sqlite, req.dbPath, req.queries) });
  } catch (err) {
    reply({ id: req.id, ok: false, error: (err as Error).message });
  }
}

reply({ hello: process.versions.node, sqlite: !!sqlite });
firstRead();
process.stdin.on('data', (chunk: Buffer) => feed(decoder.write(chunk)));
process.stdin.on('end', () => process.exit(0));
