// Signing in to a provider without a gateway: which provider/method pairs this OpenClaw supports, read from the
// installed CLI's own plugin manifests (`dist/extensions/*/openclaw.plugin.json`, `providerAuthChoices`), and the
// argv of `openclaw models auth login` (models-cli: `--device-code` is `--method device-code` and cannot be combined
// with another `--method`). No `vscode` here; the UI picks and runs.

import fs = require('node:fs');
import path = require('node:path');
import * as z from 'zod/mini';
import type { CliInfo } from './cli';
import { openclaw } from './commands';
import { isValidId, normalizeProviderId, requireValidId } from './ids';
import { readTextFile } from './safefs';
import { lazy } from './schemas';

/** Method ids as the manifests spell them (`api-key`, `device-code`, `oauth-cn`). */
export const METHOD_ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** What a choice leads to: the paste-api-key path (key on stdin), `claude setup-token`, or `models auth login` in a terminal. */
export type SignInRoute = 'api-key' | 'setup-token' | 'login';

export interface SignInChoice {
  provider: string;
  method: string;
  /** The manifest's words (`ChatGPT Login`), English, from a file: show through plain(). */
  label: string;
  hint?: string;
  /** `OpenAI`, `Anthropic`: the manifest's group of the provider. */
  groupLabel?: string;
  route: SignInRoute;
  /** The method signs in with a device code (no browser on this host needed). */
  deviceCode: boolean;
}

export interface SignInManifests {
  /** The `openclaw` package folder the choices were read from. */
  packageRoot: string;
  choices: SignInChoice[];
  /** Manifests that could not be read or parsed (file paths). */
  skipped: string[];
}

const choiceSchema = lazy(() =>
  z.looseObject({
    provider: z.string(),
    method: z.string(),
    choiceLabel: z.optional(z.string()),
    choiceHint: z.optional(z.string()),
    groupLabel: z.optional(z.string()),
    optionKey: z.optional(z.string()),
    appGuidedAuth: z.optional(z.string()),
  }),
);
const manifestSchema = lazy(() => z.looseObject({ providerAuthChoices: z.optional(z.array(z.unknown())) }));
const packageSchema = lazy(() => z.looseObject({ name: z.optional(z.string()) }));

/**
 * The `openclaw` package folder of the found CLI: the nearest `package.json` named `openclaw` above the real path of its
 * script (or of what was found), not leaving `node_modules`. Undefined for a standalone binary.
 */
export function openclawPackageRoot(cli: Pick<CliInfo, 'path' | 'script'>): string | undefined {
  for (const entry of [cli.script, cli.path, ...wrapperTargets(cli.path)]) {
    if (!entry) continue;
    let dir: string;
    try {
      dir = path.dirname(fs.realpathSync(entry));
    } catch {
      continue;
    }
    for (let depth = 0; depth < 8; depth++) {
      try {
        const pkg = packageSchema().safeParse(JSON.parse(readTextFile(path.join(dir, 'package.json'), 1024 * 1024)));
        if (pkg.success && pkg.data.name === 'openclaw') return dir;
      } catch {
        // no package.json here
      }
      if (path.basename(dir) === 'node_modules') break;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return undefined;
}

/**
 * A launcher script that starts the CLI by absolute path (`exec node /…/openclaw/openclaw.mjs "$@"`, as a test host or a
 * hand-written wrapper does): the scripts it names. Only a small file that starts with `#!` is read.
 */
function wrapperTargets(file: string): string[] {
  let text: string;
  try {
    text = readTextFile(file, 64 * 1024);
  } catch {
    return [];
  }
  if (!text.startsWith('#!')) return [];
  return [
    ...text.matchAll(/(?:^|[\s"'=])(\/[^\s"'$`;|&<>]*\/openclaw(?:\/[^\s"'$`;|&<>]*)?\.m?js)(?=["'\s]|$)/gm),
  ].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** Which path a provider/method pair takes. A plain key (the manifest names its onboarding option) goes through paste-api-key. */
export function signInRoute(provider: string, method: string, choice?: { optionKey?: string }): SignInRoute {
  if (provider === 'anthropic' && method === 'setup-token') return 'setup-token';
  if (method === 'api-key' && (choice === undefined || choice.optionKey !== undefined)) return 'api-key';
  return 'login';
}

function parseChoice(raw: unknown): SignInChoice | undefined {
  const parsed = choiceSchema().safeParse(raw);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const provider = normalizeProviderId(c.provider);
  const method = c.method.trim();
  if (!isValidId('provider', provider) || !METHOD_ID_RE.test(method)) return undefined;
  const choice: SignInChoice = {
    provider,
    method,
    label: c.choiceLabel?.trim() || `${provider} ${method}`,
    route: signInRoute(provider, method, c.optionKey !== undefined ? { optionKey: c.optionKey } : {}),
    deviceCode: method === 'device-code' || c.appGuidedAuth === 'device-code',
  };
  if (c.choiceHint?.trim()) choice.hint = c.choiceHint.trim();
  if (c.groupLabel?.trim()) choice.groupLabel = c.groupLabel.trim();
  return choice;
}

/** Every `providerAuthChoices` entry bundled with the OpenClaw package at `packageRoot`, in folder order. */
export function readSignInChoices(packageRoot: string): SignInManifests {
  const dir = path.join(packageRoot, 'dist', 'extensions');
  const out: SignInManifests = { packageRoot, choices: [], skipped: [] };
  let plugins: string[];
  try {
    plugins = fs.readdirSync(dir).sort();
  } catch {
    return out;
  }
  const seen = new Set<string>();
  for (const plugin of plugins) {
    const file = path.join(dir, plugin, 'openclaw.plugin.json');
    let json: unknown;
    try {
      json = JSON.parse(readTextFile(file, 4 * 1024 * 1024));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR')
        out.skipped.push(file);
      continue;
    }
    const manifest = manifestSchema().safeParse(json);
    if (!manifest.success) {
      out.skipped.push(file);
      continue;
    }
    for (const raw of manifest.data.providerAuthChoices ?? []) {
      const choice = parseChoice(raw);
      const key = choice ? `${choice.provider}\n${choice.method}` : '';
      if (!choice || seen.has(key)) continue;
      seen.add(key);
      out.choices.push(choice);
    }
  }
  return out;
}

/** The choices of the installed CLI, or none when its package cannot be found (a standalone binary). */
export function signInChoicesFor(cli: Pick<CliInfo, 'path' | 'script'>): SignInManifests | undefined {
  const root = openclawPackageRoot(cli);
  return root ? readSignInChoices(root) : undefined;
}

export interface LoginRequest {
  provider: string;
  method?: string;
  agent?: string;
  /** `--device-code`: the provider's device-code method (a code to enter on another device's browser). */
  deviceCode?: boolean;
}

/**
 * `models auth login --provider X (--method Y | --device-code) [--agent A]`. Ids outside OpenClaw's grammar throw
 * (`UnsafeIdError` for provider and agent, an Error for the method) before anything runs.
 */
export function loginArgv(req: LoginRequest): string[] {
  const provider = requireValidId('provider', req.provider);
  if (req.method !== undefined && !METHOD_ID_RE.test(req.method)) throw new Error('unsafe method id');
  if (req.deviceCode && req.method !== undefined && req.method !== 'device-code')
    throw new Error('--device-code cannot be combined with another --method');
  const agent = req.agent === undefined ? undefined : requireValidId('agent', req.agent);
  return openclaw.login(
    provider,
    req.deviceCode ? { deviceCode: true } : req.method !== undefined ? { method: req.method } : {},
    agent,
  );
}

/** Providers in manifest order, each once, with their group words. */
export function signInProviders(
  choices: readonly SignInChoice[],
): { provider: string; groupLabel?: string; methods: SignInChoice[] }[] {
  const byProvider = new Map<string, { provider: string; groupLabel?: string; methods: SignInChoice[] }>();
  for (const c of choices) {
    let entry = byProvider.get(c.provider);
    if (!entry)
      byProvider.set(
        c.provider,
        (entry = { provider: c.provider, ...(c.groupLabel ? { groupLabel: c.groupLabel } : {}), methods: [] }),
      );
    entry.methods.push(c);
  }
  return [...byProvider.values()];
}
