// Resolves home / state dir / config path exactly like OpenClaw's `src/config/paths.ts` and
// `state-dir.ts`, so the extension reads the same files the CLI would.

import fs = require('node:fs');
import os = require('node:os');
import path = require('node:path');
import type { Location } from './model';

export interface LocateOptions {
  env: Record<string, string | undefined>;
  homedir: string;
  /** The extension's `openclawAuth.stateDir` setting; wins over everything like `OPENCLAW_STATE_DIR`. */
  stateDirOverride?: string;
  /** The extension's `openclawAuth.profile` setting (`--profile <name>`). */
  profile?: string;
}

const STATE_DIRNAME = '.openclaw';
const LEGACY_STATE_DIRNAMES = ['.clawdbot'];
const CONFIG_FILENAME = 'openclaw.json';
const LEGACY_CONFIG_FILENAMES = ['clawdbot.json'];

/** OpenClaw treats blank, "undefined" and "null" env values as unset. */
export function envValue(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed !== 'undefined' && trimmed !== 'null' ? trimmed : undefined;
}

function exists(p: string): boolean {
  try {
    return fs.existsSync(p);
  } catch {
    return false;
  }
}

function expandTilde(input: string, home: string | undefined): string {
  if (!home || !/^~(?=$|[\\/])/.test(input)) return input;
  return input.replace(/^~(?=$|[\\/])/, () => home);
}

function osHome(env: LocateOptions['env'], homedir: string): string | undefined {
  return envValue(env.HOME) ?? envValue(env.USERPROFILE) ?? envValue(homedir) ?? envValue(safeOsHomedir());
}

function safeOsHomedir(): string | undefined {
  try {
    return os.homedir();
  } catch {
    return undefined;
  }
}

export function resolveHome(env: LocateOptions['env'], homedir: string): string {
  const explicit = envValue(env.OPENCLAW_HOME);
  const raw = osHome(env, homedir);
  if (explicit) return path.resolve(expandTilde(explicit, raw));
  return path.resolve(raw ?? process.cwd());
}

/** Resolves a user-supplied path the way OpenClaw's `resolveUserPath` does (trim, `~` = effective home). */
export function resolveUserPath(input: string, home: string): string {
  const trimmed = input.trim();
  return trimmed ? path.resolve(expandTilde(trimmed, home)) : trimmed;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function normaliseProfile(profile: string | undefined): string | undefined {
  const trimmed = profile?.trim();
  return trimmed && trimmed.toLowerCase() !== 'default' ? trimmed : undefined;
}

export function locate(opts: LocateOptions): Location {
  const { env } = opts;
  const home = resolveHome(env, opts.homedir);
  const profile = normaliseProfile(opts.profile);
  const override = envValue(opts.stateDirOverride);
  const envStateDir = env.OPENCLAW_STATE_DIR?.trim() || undefined;

  let stateDir: string;
  // The CLI's `--profile` sets OPENCLAW_STATE_DIR itself, so all three count as an explicit state dir.
  let explicitStateDir = true;
  if (override) stateDir = resolveUserPath(override, home);
  else if (envStateDir) stateDir = resolveUserPath(envStateDir, home);
  else if (profile) stateDir = path.join(home, `${STATE_DIRNAME}-${profile}`);
  else {
    explicitStateDir = false;
    stateDir = defaultStateDir(home);
  }

  const configPath = resolveConfigPath(env, home, stateDir, explicitStateDir);
  const loc: Location = {
    home,
    stateDir,
    configPath,
    stateDirExists: isDirectory(stateDir),
    configExists: exists(configPath),
  };
  if (profile) loc.profile = profile;
  return loc;
}

function defaultStateDir(home: string): string {
  const newDir = path.join(home, STATE_DIRNAME);
  if (exists(newDir)) return newDir;
  const legacy = LEGACY_STATE_DIRNAMES.map((d) => path.join(home, d)).find(exists);
  return legacy ?? newDir;
}

function configCandidates(dir: string): string[] {
  return [path.join(dir, CONFIG_FILENAME), ...LEGACY_CONFIG_FILENAMES.map((n) => path.join(dir, n))];
}

function resolveConfigPath(
  env: LocateOptions['env'],
  home: string,
  stateDir: string,
  explicitStateDir: boolean,
): string {
  const explicit = env.OPENCLAW_CONFIG_PATH?.trim();
  if (explicit) return resolveUserPath(explicit, home);
  const inState = configCandidates(stateDir).find(exists);
  if (inState) return inState;
  if (explicitStateDir) return path.join(stateDir, CONFIG_FILENAME);
  // Default state dir: any existing config under ~/.openclaw or ~/.clawdbot wins over the canonical path.
  const defaults = [STATE_DIRNAME, ...LEGACY_STATE_DIRNAMES].flatMap((d) => configCandidates(path.join(home, d)));
  return defaults.find(exists) ?? path.join(stateDir, CONFIG_FILENAME);
}
