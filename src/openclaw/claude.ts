// The Claude CLI: where its program is, and its own login. OpenClaw 2026.9.6 no longer imports or reports the login
// (docs/openclaw-auth-ground-truth.md §6.3),
// so we read the same file OpenClaw's claude-compat reader used, file only (no Keychain prompt), and
// keep nothing but expiry facts: tokens are parsed and dropped here.

import fs = require('node:fs');
import path = require('node:path');
// zod/mini: tree-shakes to ~20 KB and builds its schemas far faster at load than classic zod (activation budget).
import * as z from 'zod/mini';
import { lazy } from './schemas';
import { profileHealth } from './health';
import { readFailure, readTextFile } from './safefs';
import type { ClaudeCliLogin, Warning } from './types';

const claudeAiOauthSchema = lazy(() =>
  z.object({
    accessToken: z.string().check(z.minLength(1)),
    refreshToken: z.optional(z.string()),
    expiresAt: z.number().check(z.positive()), // zod 4 numbers are finite already
    subscriptionType: z.nullish(z.string()),
  }),
);

const claudeJsonSchema = lazy(() =>
  z.looseObject({
    oauthAccount: z.nullish(z.looseObject({ emailAddress: z.optional(z.string()) })),
  }),
);

/** A directory from the environment, `~` expanded; unset, blank and the strings "undefined"/"null" are no value. */
function given(value: string | undefined, homedir: string): string | undefined {
  const text = value?.trim();
  return !text || text === 'undefined' || text === 'null' ? undefined : expandHome(text, homedir);
}

function expandHome(p: string, homedir: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(homedir, p.slice(1)) : p;
}

function readJson(file: string): unknown {
  return JSON.parse(readTextFile(file)) as unknown;
}

export function claudeCredentialsPath(env: NodeJS.ProcessEnv, homedir: string): string {
  const dir =
    given(env.CLAUDE_SECURESTORAGE_CONFIG_DIR, homedir) ??
    given(env.CLAUDE_CONFIG_DIR, homedir) ??
    path.join(homedir, '.claude');
  return path.join(dir, '.credentials.json');
}

function readEmail(env: NodeJS.ProcessEnv, homedir: string): string | undefined {
  const base = given(env.CLAUDE_CONFIG_DIR, homedir) ?? homedir;
  try {
    const parsed = claudeJsonSchema().safeParse(readJson(path.join(base, '.claude.json')));
    const email = parsed.success ? parsed.data.oauthAccount?.emailAddress?.trim() : undefined;
    return email ? email : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `undefined` when there is no Claude login file (or it holds no `claudeAiOauth`); a login with
 * health 'missing' when the entry exists but is unusable (no token, bad expiry).
 */
export function readClaudeLogin(
  env: NodeJS.ProcessEnv,
  homedir: string,
  now: number,
  warnWindowMs: number,
  warnings: Warning[] = [],
): ClaudeCliLogin | undefined {
  const file = claudeCredentialsPath(env, homedir);
  let raw: unknown;
  try {
    raw = readJson(file);
  } catch (err) {
    // No file, or not JSON (Claude rewrites it): no login to show. A file that cannot be read at all is said.
    const code = (err as NodeJS.ErrnoException).code;
    if (!(err instanceof SyntaxError) && code !== 'ENOENT' && code !== 'ENOTDIR') {
      warnings.push({
        code: 'CLAUDE_CREDENTIALS_UNREADABLE',
        path: file,
        params: { detail: readFailure(err) },
        message: `Cannot read the Claude CLI login ${file} (${readFailure(err)}), so it is not shown; check that it is a file you can read, or log in again with \`claude\`.`,
      });
    }
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || !('claudeAiOauth' in raw)) return undefined;
  const email = readEmail(env, homedir);
  const parsed = claudeAiOauthSchema().safeParse(raw.claudeAiOauth);
  if (!parsed.success) {
    return { path: file, health: 'missing', refreshable: false, ...(email ? { email } : {}) };
  }
  const oauth = parsed.data;
  const refreshable = typeof oauth.refreshToken === 'string' && oauth.refreshToken.trim() !== '';
  // OpenClaw maps a login with a refresh token to `oauth`, one without to `token`; health follows suit.
  // The placeholders below only tell `profileHealth` a secret exists; the real ones go out of scope here.
  const health = profileHealth(
    refreshable
      ? {
          type: 'oauth',
          provider: 'claude-cli',
          access: 'present',
          refresh: 'present',
          expires: oauth.expiresAt,
          store: 'json',
          storePath: file,
        }
      : {
          type: 'token',
          provider: 'claude-cli',
          token: 'present',
          expires: oauth.expiresAt,
          store: 'json',
          storePath: file,
        },
    now,
    warnWindowMs,
  );
  return {
    path: file,
    health: health.health,
    expiresAt: oauth.expiresAt,
    refreshable,
    ...(oauth.subscriptionType ? { subscriptionType: oauth.subscriptionType } : {}),
    ...(email ? { email } : {}),
  };
}

/** `claude` on PATH or in the places its installers use. */
export function findClaude(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['claude.cmd', 'claude.exe', 'claude'] : ['claude'];
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const home = env.HOME ?? env.USERPROFILE ?? '';
  if (home)
    dirs.push(
      path.join(home, '.local', 'bin'),
      path.join(home, '.claude', 'local'),
      path.join(home, '.npm-global', 'bin'),
    );
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
