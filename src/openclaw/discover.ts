// Where people really have the `openclaw` CLI and a Node, found without PATH: VS Code started from a dock or a
// launcher gets a minimal PATH that lacks nvm, fnm, volta, asdf, mise, Homebrew, npm's prefix, pnpm and bun.
// Pure: everything comes from the context (env, home, platform, a file-system accessor), so tests use fake trees.

import { readTextFile } from './safefs';
import nodeFs = require('node:fs');
import path = require('node:path');
import * as z from 'zod/mini';
import { lazy } from './schemas';

/** The few file-system questions discovery asks; `realFs()` answers them from disk. */
export interface DiscoverFs {
  /** Entry names, or [] when the folder is missing. */
  readdir(dir: string): string[];
  /** A regular file we may execute (any regular file on Windows). */
  isExecutable(file: string): boolean;
  /** The text of a small file, or undefined. */
  readText(file: string): string | undefined;
  /** The resolved path, or undefined when it does not exist. */
  realpath(file: string): string | undefined;
}

export interface DiscoverContext {
  env: NodeJS.ProcessEnv;
  homedir: string;
  platform: NodeJS.Platform;
  fs: DiscoverFs;
}

// Larger files are binaries (volta's shim is megabytes), never a shim or a package.json we want.
const MAX_TEXT = 256 * 1024;

export function realFs(platform: NodeJS.Platform = process.platform): DiscoverFs {
  return {
    readdir: (dir) => {
      try {
        return nodeFs.readdirSync(dir);
      } catch {
        return [];
      }
    },
    isExecutable: (file) => {
      try {
        if (!nodeFs.statSync(file).isFile()) return false;
        if (platform !== 'win32') nodeFs.accessSync(file, nodeFs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    readText: (file) => {
      try {
        // Only a regular file: a FIFO or device under a well-known name would block or flood the extension host.
        return readTextFile(file, MAX_TEXT);
      } catch {
        return undefined;
      }
    },
    realpath: (file) => {
      try {
        return nodeFs.realpathSync(file);
      } catch {
        return undefined;
      }
    },
  };
}

export function expandHome(p: string, homedir: string): string {
  return p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(homedir, p.slice(1)) : p;
}

function binNames(name: string, platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
}

function pathDirs(ctx: DiscoverContext): string[] {
  return (ctx.env.PATH ?? ctx.env.Path ?? '').split(ctx.platform === 'win32' ? ';' : ':').filter(Boolean);
}

/** `v24.21.0`, `24.1.0`, `24` ⇒ [24, 21, 0], [24, 1, 0], [24]; `lts`, `.downloads` ⇒ undefined. */
export function parseNodeVersion(name: string): number[] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(name);
  return m
    ? m
        .slice(1)
        .filter((p) => p !== undefined)
        .map(Number)
    : undefined;
}

const newestFirst = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (b[i] ?? 0) - (a[i] ?? 0);
  return b.length - a.length;
};

/**
 * Whether this Node loads node:sqlite without a flag (22.13+, 23.4+, 24+), which is what the SQLite child needs;
 * undefined when the version says too little (`22`).
 */
export function hasNodeSqlite(version: readonly number[]): boolean | undefined {
  const [major = 0, minor] = version;
  if (major >= 24) return true;
  if (major < 22) return false;
  return minor === undefined ? undefined : minor >= (major === 22 ? 13 : 4);
}

/** `…/v24.1.0/bin/node`, `…/v24.1.0/installation/bin/node` (fnm), `…\v24.1.0\node.exe` ⇒ the folder's version. */
function versionOfNodePath(file: string): number[] | undefined {
  let dir = path.dirname(file);
  if (path.basename(dir) === 'bin') dir = path.dirname(dir);
  if (path.basename(dir) === 'installation') dir = path.dirname(dir);
  return parseNodeVersion(path.basename(dir));
}

interface VersionDir {
  dir: string;
  version: number[];
}

/** `<root>/<version>/<sub>` for every version folder, newest first. */
function versionDirs(ctx: DiscoverContext, root: string, sub: string): VersionDir[] {
  return ctx.fs
    .readdir(root)
    .flatMap((name) => {
      const version = parseNodeVersion(name);
      return version ? [{ dir: path.join(root, name, sub), version }] : [];
    })
    .sort((a, b) => newestFirst(a.version, b.version));
}

function dataHome(ctx: DiscoverContext): string {
  return ctx.env.XDG_DATA_HOME || path.join(ctx.homedir, '.local', 'share');
}

function unique(items: (string | undefined)[]): string[] {
  return [...new Set(items.filter((i): i is string => !!i))];
}

const voltaHome = (ctx: DiscoverContext): string => ctx.env.VOLTA_HOME || path.join(ctx.homedir, '.volta');
const miseHome = (ctx: DiscoverContext): string => ctx.env.MISE_DATA_DIR || path.join(dataHome(ctx), 'mise');
const pnpmHomes = (ctx: DiscoverContext): string[] =>
  unique([
    ctx.env.PNPM_HOME,
    path.join(dataHome(ctx), 'pnpm'),
    path.join(ctx.homedir, '.local', 'share', 'pnpm'),
    ctx.platform === 'darwin' ? path.join(ctx.homedir, 'Library', 'pnpm') : undefined,
    ctx.platform === 'win32' && ctx.env.LOCALAPPDATA ? path.join(ctx.env.LOCALAPPDATA, 'pnpm') : undefined,
  ]);

/** Node installs of the version managers, each manager's newest first: nvm, fnm, volta, asdf, mise, pnpm. */
function managedNodes(ctx: DiscoverContext): VersionDir[] {
  const { env, homedir, platform } = ctx;
  const win = platform === 'win32';
  const bin = win ? '' : 'bin';
  const fnmDirs = unique([
    env.FNM_DIR,
    path.join(dataHome(ctx), 'fnm'),
    path.join(homedir, '.local', 'share', 'fnm'),
    path.join(homedir, '.fnm'),
    platform === 'darwin' ? path.join(homedir, 'Library', 'Application Support', 'fnm') : undefined,
    win && env.APPDATA ? path.join(env.APPDATA, 'fnm') : undefined,
  ]);
  const roots: [string, string][] = [
    [path.join(env.NVM_DIR || path.join(homedir, '.nvm'), 'versions', 'node'), 'bin'],
    ...(win && env.NVM_HOME ? [[env.NVM_HOME, ''] as [string, string]] : []),
    ...fnmDirs.map((d): [string, string] => [
      path.join(d, 'node-versions'),
      win ? 'installation' : path.join('installation', 'bin'),
    ]),
    [path.join(voltaHome(ctx), 'tools', 'image', 'node'), bin],
    [path.join(env.ASDF_DATA_DIR || path.join(homedir, '.asdf'), 'installs', 'nodejs'), 'bin'],
    [path.join(miseHome(ctx), 'installs', 'node'), bin],
    ...pnpmHomes(ctx).map((d): [string, string] => [path.join(d, 'nodejs'), bin]),
  ];
  return roots.flatMap(([root, sub]) => versionDirs(ctx, root, sub));
}

/**
 * npm's global prefix without running `npm config get prefix` (a second of Node start-up): `$NPM_CONFIG_PREFIX`,
 * else `prefix=` in `~/.npmrc`, with npm's `${VAR}` and `~` expansion.
 */
export function npmPrefix(ctx: DiscoverContext): string | undefined {
  const fromEnv = ctx.env.NPM_CONFIG_PREFIX || ctx.env.npm_config_prefix;
  if (fromEnv) return expandHome(fromEnv, ctx.homedir);
  const npmrc = ctx.fs.readText(path.join(ctx.homedir, '.npmrc'));
  const line = npmrc
    ?.split(/\r?\n/)
    .map((l) => /^\s*prefix\s*=\s*(.+?)\s*$/.exec(l)?.[1])
    .find(Boolean);
  if (!line) return undefined;
  const value = line
    .replace(/^(["'])(.*)\1$/, '$2')
    .replace(/\$\{([^}]+)\}/g, (_, name: string) => ctx.env[name] ?? '');
  return value ? expandHome(value, ctx.homedir) : undefined;
}

/** Folders where installers put a global `openclaw`, in the order we trust them after PATH. */
export function cliDirs(ctx: DiscoverContext): string[] {
  const { env, homedir, platform } = ctx;
  const win = platform === 'win32';
  const prefix = npmPrefix(ctx);
  const brew = win
    ? []
    : [
        '/opt/homebrew/bin',
        '/usr/local/bin',
        '/home/linuxbrew/.linuxbrew/bin',
        path.join(homedir, '.linuxbrew', 'bin'),
      ];
  return unique([
    prefix ? (win ? prefix : path.join(prefix, 'bin')) : undefined,
    path.join(homedir, '.npm-global', 'bin'),
    ...brew,
    path.join(homedir, '.local', 'bin'),
    path.join(voltaHome(ctx), 'tools', 'image', 'packages', 'openclaw', 'bin'),
    path.join(voltaHome(ctx), 'bin'),
    path.join(env.BUN_INSTALL || path.join(homedir, '.bun'), 'bin'),
    ...pnpmHomes(ctx),
    path.join(homedir, '.yarn', 'bin'),
    path.join(homedir, '.config', 'yarn', 'global', 'node_modules', '.bin'),
    ...managedNodes(ctx).map((v) => v.dir),
    // Shims last: they find the real tool through PATH or the manager's own state, which may not be there.
    path.join(env.ASDF_DATA_DIR || path.join(homedir, '.asdf'), 'shims'),
    path.join(miseHome(ctx), 'shims'),
    win && env.APPDATA ? path.join(env.APPDATA, 'npm') : undefined,
  ]);
}

function executablesIn(ctx: DiscoverContext, name: string, dirs: readonly string[]): string[] {
  return dirs
    .flatMap((dir) => binNames(name, ctx.platform).map((n) => path.join(dir, n)))
    .filter((f) => ctx.fs.isExecutable(f));
}

/** Distinct files by real path; the first name of each wins. */
function distinct(ctx: DiscoverContext, files: readonly string[]): string[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const key = ctx.fs.realpath(f) ?? f;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every `openclaw` found, PATH first, then the folders of `cliDirs`. */
export function openclawCandidates(ctx: DiscoverContext): string[] {
  return distinct(ctx, executablesIn(ctx, 'openclaw', [...pathDirs(ctx), ...cliDirs(ctx)]));
}

/**
 * Node executables, best first, for running a JS CLI and for the SQLite child: the setting; a Node next to the
 * CLI (the one npm installed it with); version-manager Nodes whose folder name says they have node:sqlite, newest
 * first (so the first probe usually succeeds); `node` on PATH and other well-known Nodes; then the rest.
 * Managed Nodes older than 22 are left out: neither OpenClaw nor the SQLite child runs on them.
 */
export function nodeCandidates(ctx: DiscoverContext, near: readonly string[] = [], setting?: string): string[] {
  const ranked: { file: string; rank: number }[] = [];
  const add = (files: string[], rank: (file: string) => number | undefined): void => {
    for (const file of files) {
      const r = rank(file);
      if (r !== undefined) ranked.push({ file, rank: r });
    }
  };
  if (setting?.trim())
    add(
      [expandHome(setting.trim(), ctx.homedir)].filter((f) => ctx.fs.isExecutable(f)),
      () => 0,
    );
  add(executablesIn(ctx, 'node', near), (f) => {
    const v = versionOfNodePath(f);
    return v && hasNodeSqlite(v) === false ? 4 : 1;
  });
  const managed = managedNodes(ctx).sort((a, b) => newestFirst(a.version, b.version));
  const managedNode = (v: VersionDir): string[] => executablesIn(ctx, 'node', [v.dir]).slice(0, 1);
  add(managed.filter((v) => hasNodeSqlite(v.version)).flatMap(managedNode), () => 2);
  const wellKnown =
    ctx.platform === 'win32'
      ? [ctx.env.NVM_SYMLINK, ctx.env.ProgramFiles ? path.join(ctx.env.ProgramFiles, 'nodejs') : undefined]
      : [path.join(voltaHome(ctx), 'bin'), '/opt/homebrew/bin', '/usr/local/bin', '/home/linuxbrew/.linuxbrew/bin'];
  add(executablesIn(ctx, 'node', [...pathDirs(ctx), ...unique(wellKnown)]), () => 3);
  add(
    managed.filter((v) => hasNodeSqlite(v.version) !== true && (v.version[0] ?? 0) >= 22).flatMap(managedNode),
    () => 4,
  );
  return distinct(
    ctx,
    ranked.sort((a, b) => a.rank - b.rank).map((r) => r.file),
  );
}

/** Only `name` and `version` matter; anything else in the file is the package's business. */
const packageJsonSchema = lazy(() =>
  z.looseObject({ name: z.optional(z.unknown()), version: z.optional(z.unknown()) }),
);

/**
 * The `version` of the `openclaw` package that holds `entry`, read from the nearest `package.json` named `openclaw`
 * above its real path, so finding the CLI does not start it (`openclaw --version` takes seconds). Undefined when
 * there is none (a standalone binary, a shim) or it has no string version.
 */
export function openclawPackageVersion(ctx: DiscoverContext, entry: string): string | undefined {
  const real = ctx.fs.realpath(entry);
  if (!real) return undefined;
  let dir = path.dirname(real);
  for (let depth = 0; depth < 8; depth++) {
    const text = ctx.fs.readText(path.join(dir, 'package.json'));
    let json: unknown;
    try {
      json = text === undefined ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const pkg = packageJsonSchema().safeParse(json);
    if (pkg.success && pkg.data.name === 'openclaw')
      return typeof pkg.data.version === 'string' ? pkg.data.version : undefined;
    // Walking out of node_modules would leave the package: a project above it is not the CLI.
    if (path.basename(dir) === 'node_modules') return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/**
 * A launcher script that runs OpenClaw's entry by its absolute path (`exec /usr/bin/node /opt/…/openclaw.mjs "$@"`):
 * that entry, only to read its package's version. The CLI is still run through the launcher (it may set more up).
 */
export function launcherTarget(ctx: DiscoverContext, file: string): string | undefined {
  const text = ctx.fs.readText(file);
  if (!text?.startsWith('#!') || text.length > 4096) return undefined;
  const script = /(?:^|[\s"'])(\/[^\s"'$]*\/openclaw\.mjs)(?=[\s"']|$)/m.exec(text)?.[1];
  return script && ctx.fs.realpath(script) ? script : undefined;
}

/**
 * pnpm's (and npm's cmd-shim) POSIX shims run `node "$basedir/…/openclaw.mjs"` with `node` from PATH, which a
 * dock-launched VS Code may lack: the script they point at, to run with a Node found here.
 */
export function resolveShellShim(ctx: DiscoverContext, file: string): string | undefined {
  const text = ctx.fs.readText(file);
  if (!text?.startsWith('#!/bin/sh')) return undefined;
  const rel = /"\$basedir\/([^"]*openclaw[^"]*\.[cm]?js)"/.exec(text)?.[1];
  if (!rel) return undefined;
  const script = path.join(path.dirname(file), rel);
  return ctx.fs.realpath(script) ? script : undefined;
}
