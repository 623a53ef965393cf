// Reading the small text files the extension looks at (openclaw.json, auth-profiles.json, .env, Claude's
// credentials) without letting one of them hang or swamp the extension host: a FIFO would block a plain read
// forever, a device would be read endlessly, a huge file would be read whole.

import fs = require('node:fs');

/** More than any config or auth store holds; a larger file is not one of them. */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

export type UnsafeFileReason = 'not-regular' | 'too-large';

/** The file exists but is not something to read: a FIFO, device or socket, or larger than the cap. */
export class UnsafeFileError extends Error {
  constructor(
    readonly reason: UnsafeFileReason,
    readonly path: string,
    /** What it is instead ('a FIFO', 'a character device', …) or its size ('17.0 MiB'). */
    readonly detail: string,
  ) {
    super(`${path}: ${describeUnsafe(reason, detail)}`);
    this.name = 'UnsafeFileError';
  }
}

function kind(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function check(st: fs.Stats, file: string, max: number): void {
  if (st.isDirectory())
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), {
      code: 'EISDIR',
      path: file,
    });
  if (!st.isFile()) throw new UnsafeFileError('not-regular', file, kind(st));
  if (st.size > max) throw new UnsafeFileError('too-large', file, mib(st.size));
}

/**
 * The file's text (UTF-8, as `readFileSync(file, 'utf8')`). Throws `UnsafeFileError` for a FIFO, device or socket
 * (never opened for reading: a FIFO's writer is not woken) and for a file over `max` bytes, and the usual errno errors
 * (`ENOENT`, `EACCES`, `EISDIR`) otherwise. Opened non-blocking and checked again on the open descriptor, so a file
 * swapped for a FIFO after the first look cannot block either.
 */
export function readTextFile(file: string, max = MAX_TEXT_FILE_BYTES): string {
  check(fs.statSync(file), file, max);
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    check(st, file, max);
    // Read to the end, not just st.size bytes: the file may grow while it is read, but never past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    let want = st.size + 1; // the whole file and one byte to see its end, in one read
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, max + 1 - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw new UnsafeFileError('too-large', file, `over ${mib(max)}`);
      chunks.push(buf.subarray(0, n));
      want = 64 * 1024;
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function describeUnsafe(reason: UnsafeFileReason, detail: string): string {
  return reason === 'not-regular'
    ? `it is ${detail}, not a regular file`
    : `it is ${detail}, more than the ${MAX_TEXT_FILE_BYTES / 1024 / 1024} MiB limit`;
}

/** Why a read failed, for a warning: what the file is instead, its size, or the errno code. */
export function readFailure(err: unknown): string {
  if (err instanceof UnsafeFileError) return describeUnsafe(err.reason, err.detail);
  return (err as NodeJS.ErrnoException).code ?? 'error';
}

/** Whether a path exists; a path that cannot even be checked (permissions) counts as absent. */
export function exists(p: string): boolean {
  try {
    return fs.existsSync(p);
  } catch {
    return false;
  }
}
