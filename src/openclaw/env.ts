// Provider credentials that come from the environment rather than a profile (`models status`
// source `env`). Precedence as OpenClaw documents it (help/environment.md): process env >
// `$STATE/.env` > config `env.vars`. The cwd `./.env` is skipped on purpose: OpenClaw ignores
// provider credentials from it. Values are masked at once and never kept.

import path = require('node:path');
import { maskSecret } from './mask';
import type { Location, ParsedConfig } from './model';
import { readFailure, readTextFile } from './safefs';
import type { EnvCredential, Warning } from './types';

/** Env var → provider id, from the bundled plugin manifests (`setup.providers[].envVars`) where present. */
export const PROVIDER_ENV_VARS: Readonly<Record<string, string>> = {
  ANTHROPIC_API_KEY: 'anthropic',
  ANTHROPIC_OAUTH_TOKEN: 'anthropic',
  OPENAI_API_KEY: 'openai',
  OPENROUTER_API_KEY: 'openrouter',
  GEMINI_API_KEY: 'google',
  GOOGLE_API_KEY: 'google',
  MISTRAL_API_KEY: 'mistral',
  GROQ_API_KEY: 'groq',
  XAI_API_KEY: 'xai',
  DEEPSEEK_API_KEY: 'deepseek',
};

/** Parse a dotenv file: `KEY=VALUE`, optional `export `, quotes, full-line and trailing comments. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(lines[i] ?? '');
    // Both groups always take part in a match; the check only tells the compiler so.
    const [, key, rest] = match ?? [];
    if (key === undefined || rest === undefined) continue;
    let value = rest;
    const quote = value.charAt(0);
    if (quote === '"' || quote === "'" || quote === '`') {
      let body = value.slice(1);
      // A quoted value may span lines until its closing quote.
      while (!body.includes(quote) && i + 1 < lines.length) body += '\n' + (lines[++i] ?? '');
      const end = body.indexOf(quote);
      value = end >= 0 ? body.slice(0, end) : body;
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    } else {
      const hash = value.search(/\s#/);
      value = (hash >= 0 ? value.slice(0, hash) : value).trim();
    }
    out[key] = value;
  }
  return out;
}

function present(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** A missing `.env` is normal; one that cannot be read (a FIFO, a device, too large, no permission) is said. */
function readDotenv(file: string, warnings: Warning[]): Record<string, string> {
  try {
    return parseDotenv(readTextFile(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      warnings.push({
        code: 'ENV_FILE_UNREADABLE',
        path: file,
        params: { detail: readFailure(err) },
        message: `Cannot read ${file} (${readFailure(err)}), so its provider credentials are not shown; check that it is a file you can read, or remove it.`,
      });
    }
    return {};
  }
}

/** Where a variable is set as OpenClaw would see it from here, in its precedence order; nothing when unset. */
export type EnvSource = 'process' | 'dotenv' | 'config';

export interface EnvSources {
  dotenvPath: string;
  /** Where the variable is set and its value (callers mask or drop it; never shown as is). */
  lookup(variable: string): { source: EnvSource; value: string } | undefined;
}

/** Process env > `$STATE/.env` > config `env.vars`; `warnings` receives one naming `$STATE/.env` when it cannot be read. */
export function envSources(
  loc: Location,
  config: ParsedConfig,
  processEnv: NodeJS.ProcessEnv,
  warnings: Warning[] = [],
): EnvSources {
  const dotenvPath = path.join(loc.stateDir, '.env');
  const dotenv = readDotenv(dotenvPath, warnings);
  const configVars = config.envVars ?? {};
  return {
    dotenvPath,
    lookup(variable) {
      const fromProcess = processEnv[variable];
      if (present(fromProcess)) return { source: 'process', value: fromProcess };
      const fromDotenv = dotenv[variable];
      if (present(fromDotenv)) return { source: 'dotenv', value: fromDotenv };
      const fromConfig = configVars[variable];
      return present(fromConfig) ? { source: 'config', value: fromConfig } : undefined;
    },
  };
}

/**
 * The provider credentials the environment holds (`models status` source `env`), masked. `warnings` receives a warning
 * naming `$STATE/.env` when it exists but cannot be read; pass `sources` to reuse one read of it.
 */
export function envCredentials(
  loc: Location,
  config: ParsedConfig,
  processEnv: NodeJS.ProcessEnv,
  warnings: Warning[] = [],
  sources: EnvSources = envSources(loc, config, processEnv, warnings),
): EnvCredential[] {
  const out: EnvCredential[] = [];
  for (const [variable, provider] of Object.entries(PROVIDER_ENV_VARS)) {
    const found = sources.lookup(variable);
    if (!found) continue;
    const masked = maskSecret(found.value);
    if (found.source === 'process') out.push({ provider, variable, source: 'process', masked });
    else if (found.source === 'dotenv')
      out.push({ provider, variable, source: 'dotenv', sourcePath: sources.dotenvPath, masked });
    else out.push({ provider, variable, source: 'config', sourcePath: loc.configPath, masked });
  }
  return out;
}
