// Finding the `openclaw` CLI: the setting, PATH, then where installers and version managers put it. Discovery
// itself lives in discover.ts (pure, tested on fake trees); this file only describes what it finds (entry script,
// the Node beside it, the version from its package.json).

import fs = require('node:fs');
import path = require('node:path');
import { type CliInfo, parseCliVersion, runCli } from './cli';
import { openclaw } from './commands';
import { readTextFile } from './safefs';
import {
  type DiscoverContext,
  type DiscoverFs,
  expandHome,
  launcherTarget,
  nodeCandidates,
  openclawCandidates,
  openclawPackageVersion,
  realFs,
  resolveShellShim,
} from './discover';

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
    // Not a plain read: a FIFO or device named openclaw.cmd would block or flood the extension host.
    const text = readTextFile(cmdPath);
    const m = /"%(?:~dp0|dp0)%\\?([^"]*openclaw[^"]*\.m?js)"/i.exec(text);
    if (m?.[1]) candidates.unshift(path.join(dir, m[1]));
  } catch {
    // fall through to the conventional layout
  }
  return candidates.find((c) => fs.existsSync(c));
}

export interface FindCliOptions {
  /** The `openclawAuth.cliPath` setting. */
  setting?: string;
  /** The `openclawAuth.nodePath` setting: the Node used for JS entry points. */
  nodePath?: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
  /**
   * Accept a CLI whose package does not say its version (a wrapper script, a standalone binary) with version ''
   * rather than start `openclaw --version` now (seconds); `cliVersion` asks it later, off the first read's path.
   */
  deferVersion?: boolean;
  /** Defaults to this process's platform and the real file system; tests pass fake trees. */
  platform?: NodeJS.Platform;
  fs?: DiscoverFs;
}

function contextOf(opts: FindCliOptions): DiscoverContext {
  const platform = opts.platform ?? process.platform;
  return { env: opts.env, homedir: opts.homedir, platform, fs: opts.fs ?? realFs(platform) };
}

/** Where a Node that came with this CLI would be: beside the bin link and the script, and `<prefix>/bin` of a global npm layout. */
function nearCli(cliPath: string, entry: string): string[] {
  const dirs = [path.dirname(cliPath), path.dirname(entry)];
  // <prefix>/lib/node_modules/openclaw/openclaw.mjs ⇒ <prefix>/bin; a local install's node_modules/.bin.
  const modules = path.dirname(path.dirname(entry));
  if (path.basename(modules) === 'node_modules') {
    if (path.basename(path.dirname(modules)) === 'lib')
      dirs.push(path.join(path.dirname(path.dirname(modules)), 'bin'));
    dirs.push(path.join(modules, '.bin'));
  }
  return dirs;
}

/** Nodes for the SQLite child when no CLI was found (with a CLI, use its `nodeCandidates`). */
export function findNodeCandidates(opts: FindCliOptions): string[] {
  return nodeCandidates(contextOf(opts), [], opts.nodePath);
}

/** `openclaw --version` of a CLI found with `deferVersion`; undefined when it does not answer with one. */
export async function cliVersion(info: CliInfo, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const result = await runCli(info, openclaw.version(), { env, timeoutMs: 20_000 });
    return result.code === 0 ? parseCliVersion(result.stdout) : undefined;
  } catch {
    return undefined;
  }
}

async function describe(cliPath: string, opts: FindCliOptions, ctx: DiscoverContext): Promise<CliInfo | undefined> {
  const real = ctx.fs.realpath(cliPath);
  if (!real) return undefined;
  const script = isScript(real)
    ? real
    : /\.(cmd|bat)$/i.test(real)
      ? resolveCmdShim(real)
      : resolveShellShim(ctx, real);
  const nodes = nodeCandidates(ctx, nearCli(cliPath, script ?? real), opts.nodePath);
  const info: CliInfo = { path: cliPath, version: '', nodeCandidates: nodes };
  if (script) {
    if (nodes.length === 0) return undefined;
    info.node = nodes[0];
    info.script = script;
  }
  // The installed package says its version; starting the CLI for `--version` takes seconds, so only when it does not.
  const launched = script ? undefined : launcherTarget(ctx, real);
  const packaged = openclawPackageVersion(ctx, script ?? launched ?? real);
  const known = packaged ? parseCliVersion(packaged) : undefined;
  if (!known && opts.deferVersion) return info;
  const version = known ?? (await cliVersion(info, opts.env));
  return version ? { ...info, version } : undefined;
}

/**
 * The setting first, then PATH, then where installers and version managers put it (discover.ts); the first whose
 * version can be read.
 */
export async function findCli(opts: FindCliOptions): Promise<CliInfo | undefined> {
  const ctx = contextOf(opts);
  const setting = opts.setting?.trim() ? expandHome(opts.setting.trim(), opts.homedir) : undefined;
  for (const candidate of new Set([...(setting ? [setting] : []), ...openclawCandidates(ctx)])) {
    const info = await describe(candidate, opts, ctx);
    if (info) return info;
  }
  return undefined;
}
