// Find and run the `openclaw` CLI. Arguments always go as an argv array with `shell: false`;
// a secret only ever travels on stdin. JSON is read from stdout only: the CLI prints harmless
// diagnostics on stderr (docs/openclaw-auth-ground-truth.md §3) and the exit code is the verdict.

import { spawn, type ChildProcess } from 'node:child_process';
import { redact, stripAnsi } from './mask';
import { withProfile } from './commands';

export const minimumCliVersion = '2026.5.0';
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;
const KILL_GRACE_MS = 2_000;

export interface CliInfo {
  /** What was found (a bin link, a .cmd shim, or the script itself). */
  path: string;
  version: string;
  /** Node executables that can run OpenClaw's scripts (and the SQLite child reader), best first. */
  nodeCandidates: string[];
  /** Set when `path` is a JS entry point that must be started with this Node (scripts, Windows shims). */
  node?: string;
  /** The JS entry point run by `node`. */
  script?: string;
}

export type CliErrorCode = 'TIMEOUT' | 'CANCELLED' | 'OUTPUT_TOO_LARGE' | 'BAD_JSON' | 'EXIT' | 'SPAWN' | 'UNSUPPORTED';

/** Every failure at the CLI boundary: could not start, timed out, was cancelled, printed too much or no JSON, or exited non-zero. */
export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode?: number,
    /** For `EXIT`: the CLI's own reason (`cliFailureMessage`), redacted; what a person is shown. */
    readonly reason?: string,
    /** For `EXIT`: `openclaw <command words>`, never an id or a value. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** `openclaw models auth order` for the log and errors: the command words only, no flag and no id after them. */
export function commandWords(args: readonly string[]): string {
  const words: string[] = [];
  for (let i = 0; i < args.length && words.length < 3; i++) {
    const a = args[i] ?? '';
    if (a === '--profile')
      i++; // the root flag's value is a name, not a command word
    else if (a.startsWith('-') && words.length === 0) continue;
    else if (a.startsWith('-') || !/^[a-z][a-z-]*$/.test(a)) break;
    else words.push(a);
  }
  return `openclaw ${words.join(' ')}`.trim();
}

export interface RunOptions {
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  env: NodeJS.ProcessEnv;
  maxOutputBytes?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => (v.match(/\d+/g) ?? []).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** `OpenClaw 2026.9.6 (eb377ac)` ⇒ `2026.9.6`. */
export function parseCliVersion(text: string): string | undefined {
  return /(\d{4}\.\d+\.\d+(?:[-.][0-9A-Za-z.]+)?)/.exec(text)?.[1];
}

// Lines the CLI prints on most commands in any environment; they are never the reason for a failure.
const NOISE = [
  /^Installed Gateway service state/i,
  /^Warning: Model auth changes were saved/i,
  /^Updated config:/i,
  /^\s*Backup:/i,
  /^\s*at\s/,
];
const ERROR_LINE = /error|invalid|expected|not found|refus|missing|multiple agents|too short|required|unknown/i;

/**
 * The CLI's reason for a non-zero exit: its last meaningful error lines (else its last lines), ANSI-free and
 * redacted. `secrets` are what was sent (stdin): each stream is redacted whole before lines are picked or cut,
 * so a secret the CLI printed across two lines, or one the 600-character cut would halve, is found whole.
 */
export function cliFailureMessage(
  stdout: string,
  stderr: string,
  code: number,
  secrets: readonly (string | undefined)[] = [],
): string {
  const clean = (text: string) =>
    redact(stripAnsi(text), secrets)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !NOISE.some((re) => re.test(l)));
  const lines = [...clean(stderr), ...clean(stdout)];
  const errorLines = lines.filter((l) => ERROR_LINE.test(l));
  const chosen = (errorLines.length ? errorLines : lines)
    .slice(-3)
    .join(' ')
    .replace(/^Error:\s*/i, '');
  const reason = chosen || `openclaw exited with code ${code}`;
  return reason.length > 600 ? `${reason.slice(0, 600)}…` : reason;
}

/** The program and its arguments for `openclaw [--profile <name>] <args>`, with no shell between. */
export function invocation(
  cli: CliInfo,
  args: readonly string[],
  profile?: string,
): { command: string; argv: string[] } {
  const full = withProfile(profile, args);
  if (cli.node && cli.script) return { command: cli.node, argv: [cli.script, ...full] };
  if (/\.(cmd|bat)$/i.test(cli.path))
    throw new CliError('UNSUPPORTED', `Cannot run ${cli.path} without a shell; set openclawAuth.nodePath.`);
  return { command: cli.path, argv: full };
}

/** How long output is still read after the CLI exits, for what is left in the pipes. */
const EXIT_DRAIN_MS = 200;

/**
 * Ends the CLI and what it started: its whole process group on POSIX (it is spawned detached, so the group is its
 * own). Also after the CLI itself has exited, for a process it left behind holding its output open.
 */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null;
  const pid = child.pid;
  if (process.platform === 'win32') {
    if (exited) return; // taskkill /T finds the tree through the parent, which is gone
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { shell: false, stdio: 'ignore', windowsHide: true }).on(
      'error',
      () => undefined,
    );
    return;
  }
  const signalGroup = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        child.kill(sig);
      } catch {
        // already gone
      }
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
  timer.unref();
  if (!exited) child.once('exit', () => clearTimeout(timer));
}

export function runCli(cli: CliInfo, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const { command, argv } = invocation(cli, args);
    const label = commandWords(args);
    if (opts.signal?.aborted) return reject(new CliError('CANCELLED', `${label} was cancelled.`));
    const child = spawn(command, argv, {
      shell: false,
      windowsHide: true,
      // Own process group on POSIX so a timeout can end the CLI's children too.
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...opts.env, NO_COLOR: '1', OPENCLAW_NO_AUTO_UPDATE: '1' },
    });
    const max = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let settled = false;
    let drain: NodeJS.Timeout | undefined;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (drain) clearTimeout(drain);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (code: CliErrorCode, message: string): void =>
      finish(() => {
        killTree(child);
        reject(new CliError(code, message));
      });
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(
      () => fail('TIMEOUT', `${label} did not finish within ${Math.round(timeoutMs / 1000)} s.`),
      timeoutMs,
    );
    const onAbort = (): void => fail('CANCELLED', `${label} was cancelled.`);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const collect =
      (sink: Buffer[]) =>
      (chunk: Buffer): void => {
        if (settled) return;
        size += chunk.length;
        if (size > max) return fail('OUTPUT_TOO_LARGE', `${label} printed more than ${max} bytes.`);
        sink.push(chunk);
      };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (e: NodeJS.ErrnoException) =>
      fail('SPAWN', `Could not start ${command}: ${e.code ?? e.message}`),
    );
    const done = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish(() =>
        resolve({
          code: code ?? (signal ? 128 : 1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    child.on('close', done);
    // 'close' waits until every holder of stdout/stderr is gone, and a process the CLI started may keep them open
    // long after the CLI exited: once it has exited, read what is still in the pipes, then close them and end the group.
    child.on('exit', (code, signal) => {
      drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        killTree(child);
        done(code, signal);
      }, EXIT_DRAIN_MS);
    });
    // A CLI that exits before reading stdin must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
}

/**
 * Like `runCli`, but a non-zero exit is a `CliError('EXIT')` whose `reason` is the CLI's own, redacted (the
 * message adds which command failed, for the log).
 */
export async function runCliOk(cli: CliInfo, args: string[], opts: RunOptions): Promise<RunResult> {
  const result = await runCli(cli, args, opts);
  if (result.code !== 0) {
    const reason = cliFailureMessage(result.stdout, result.stderr, result.code, [opts.stdin]);
    const command = commandWords(args);
    throw new CliError('EXIT', `${command} failed (exit ${result.code}): ${reason}`, result.code, reason, command);
  }
  return result;
}

/** Parse JSON from stdout, tolerating banner lines before the first `{`/`[` line. */
export function parseJsonOutput(stdout: string): unknown {
  const text = stripAnsi(stdout).trim();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const lines = text.split(/\r?\n/);
    const start = lines.findIndex((l) => /^\s*[[{]/.test(l));
    if (start >= 0) {
      try {
        return JSON.parse(lines.slice(start).join('\n')) as unknown;
      } catch {
        // reported below
      }
    }
    throw new CliError('BAD_JSON', 'The OpenClaw CLI did not print JSON on stdout.');
  }
}

export async function runCliJson(cli: CliInfo, args: string[], opts: RunOptions): Promise<unknown> {
  const result = await runCliOk(cli, args, opts);
  return parseJsonOutput(result.stdout);
}
