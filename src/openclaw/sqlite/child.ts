// SqliteSource backed by a long-lived child Node that has node:sqlite (the extension host's Node
// may not). Requests are pipelined and answered in order; a hung or crashed child is killed and restarted lazily.

import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import readline = require('node:readline');
import type { SqliteSource } from '../model';
import type { QueryResult, QuerySpec, ReaderHello, ReaderRequest, ReaderResponse } from './protocol';

export interface ChildSourceOptions {
  /** Explicit Node binary (the `openclawAuth.nodePath` setting); checked first. */
  nodePath?: string;
  /** Other Node binaries to try, in order (e.g. the node next to the openclaw CLI, `node` on PATH). */
  nodeCandidates: string[];
  /** The reader entry: `dist/sqlite-reader.js` (or the compiled reader-main.js in tests). */
  readerScript: string;
  /** Per-request timeout; default 5 s. */
  timeoutMs?: number;
}

const PROBE = "require('node:sqlite');process.stdout.write(process.versions.node)";

/** Resolves to the Node version when `node` can load node:sqlite, else undefined. */
export function probeNode(node: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(node, ['--no-warnings', '-e', PROBE], { timeout: 5000, windowsHide: true }, (err, stdout) => {
      resolve(err ? undefined : String(stdout).trim() || undefined);
    });
  });
}

export async function findSqliteNode(
  opts: Pick<ChildSourceOptions, 'nodePath' | 'nodeCandidates'>,
): Promise<string | undefined> {
  const candidates = [opts.nodePath, ...opts.nodeCandidates].filter((c): c is string => !!c && !!c.trim());
  for (const node of [...new Set(candidates)]) {
    if (await probeNode(node)) return node;
  }
  return undefined;
}

/**
 * The first candidate whose reader child says it has node:sqlite, kept running: that child answers the first read,
 * so trying a Node costs no start-up beyond the reader's own (a probe process first cost a second Node start).
 */
export async function createChildSource(opts: ChildSourceOptions): Promise<SqliteSource | undefined> {
  const candidates = [opts.nodePath, ...opts.nodeCandidates].filter((c): c is string => !!c && !!c.trim());
  for (const node of [...new Set(candidates)]) {
    const source = new ChildSqliteSource(node, opts.readerScript, opts.timeoutMs ?? 5000);
    if (await source.started()) return source;
    source.dispose();
  }
  return undefined;
}

interface Pending {
  dbPath: string;
  /** The request as sent, to send again to a new child when one before it hangs or crashes the old one. */
  line: string;
  resolve: (r: QueryResult) => void;
  reject: (e: Error) => void;
}

export class ChildSqliteSource implements SqliteSource {
  readonly kind = 'child-process' as const;
  private child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  /** Requests in flight, answered in order: the child reads them one after another from its stdin. */
  private readonly pending = new Map<number, Pending>();
  /** Runs while anything is pending; reset by every answer, so each request has timeoutMs once it is the child's turn. */
  private watchdog: NodeJS.Timeout | undefined;
  private nextId = 1;
  private disposed = false;
  /** Whether the first child said it has node:sqlite (`started()`), and who waits for its hello line. */
  private hello: Promise<boolean> | undefined;
  private onHello: ((ok: boolean) => void) | undefined;

  constructor(
    readonly nodePath: string,
    private readonly readerScript: string,
    private readonly timeoutMs: number,
  ) {}

  /** Child pid, for tests and the log. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sent at once, without waiting for earlier answers, so the child is never idle while the caller parses. */
  query(dbPath: string, queries: QuerySpec[]): Promise<QueryResult> {
    return this.send(dbPath, queries);
  }

  prepare(): void {
    if (!this.disposed) this.ensureChild();
  }

  /**
   * Starts the child if it is not running and resolves with whether it loaded node:sqlite (its hello line); false
   * when it exits, cannot start or says nothing within the timeout.
   */
  started(): Promise<boolean> {
    if (this.disposed) return Promise.resolve(false);
    this.ensureChild();
    return (this.hello ??= new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => this.settleHello(false), this.timeoutMs);
      this.onHello = (ok) => {
        clearTimeout(timer);
        resolve(ok);
      };
    }));
  }

  private settleHello(ok: boolean): void {
    const settle = this.onHello;
    this.onHello = undefined;
    settle?.(ok);
  }

  dispose(): void {
    this.disposed = true;
    this.fail(new Error('SQLite reader disposed'));
    this.kill();
  }

  private send(dbPath: string, queries: QuerySpec[]): Promise<QueryResult> {
    if (this.disposed) return Promise.reject(new Error('SQLite reader disposed'));
    const child = this.ensureChild();
    const req: ReaderRequest = { id: this.nextId++, dbPath, queries };
    const line = JSON.stringify(req) + '\n';
    return new Promise<QueryResult>((resolve, reject) => {
      this.pending.set(req.id, { dbPath, line, resolve, reject });
      if (!this.watchdog) this.armWatchdog();
      child.stdin.write(line);
    });
  }

  /**
   * The request the child is on hung or crashed it: that one fails, the child goes, and the requests queued
   * behind it are sent to a new child, so one bad database does not take the others' answers with it.
   */
  private abandonHead(err: Error): void {
    const head = this.pending.entries().next().value;
    if (head) {
      this.pending.delete(head[0]);
      head[1].reject(err);
    }
    this.kill();
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (!this.pending.size || this.disposed) return;
    const child = this.ensureChild();
    for (const p of this.pending.values()) child.stdin.write(p.line);
    this.armWatchdog();
  }

  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    const head = this.pending.values().next().value;
    if (!head) return;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      this.abandonHead(new Error(`SQLite reader timed out after ${this.timeoutMs} ms reading ${head.dbPath}`));
    }, this.timeoutMs);
  }

  private ensureChild(): ChildProcessByStdio<Writable, Readable, null> {
    if (this.child) return this.child;
    const env = { ...process.env };
    // VS Code sets these for its own Node; they would change how the reader starts.
    delete env.NODE_OPTIONS;
    delete env.ELECTRON_RUN_AS_NODE;
    // stderr is not piped: nothing reads it, and a third pipe costs ~3 ms of the synchronous spawn on a cold read.
    const child = spawn(this.nodePath, ['--no-warnings', this.readerScript], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env,
      windowsHide: true,
    });
    this.child = child;
    child.stdin.on('error', () => undefined);
    readline.createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line));
    const onExit = (why: string) => {
      if (this.child !== child) return;
      this.settleHello(false);
      this.child = undefined;
      this.abandonHead(new Error(`SQLite reader exited (${why})`));
    };
    child.on('exit', (code, signal) => onExit(signal ?? `code ${code}`));
    child.on('error', (err) => onExit((err as NodeJS.ErrnoException).code ?? 'spawn error'));
    return child;
  }

  private onLine(line: string): void {
    let res: ReaderResponse | ReaderHello;
    try {
      res = JSON.parse(line) as ReaderResponse | ReaderHello;
    } catch {
      return;
    }
    if ('hello' in res) {
      this.settleHello(res.sqlite === true);
      return;
    }
    const p = this.pending.get(res.id);
    if (!p) return;
    this.pending.delete(res.id);
    this.armWatchdog();
    if (res.ok) p.resolve({ userVersion: res.userVersion, rows: res.rows });
    else p.reject(new Error(res.error));
  }

  private fail(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    for (const p of all) p.reject(err);
  }

  private kill(): void {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) child.kill();
  }
}
