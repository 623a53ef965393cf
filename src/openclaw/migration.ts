// The migration rule for retired auth files, split from stores.ts (which reads the stores; this judges what is
// left beside them).

import path = require('node:path');
import { isRecord, normaliseCredentialEntry } from './schemas';
import { exists } from './safefs';
import type { Warning } from './types';

export const DOCTOR = 'run `openclaw doctor --fix`';

/** What the rule needs from the stores' reader: read a file (warning on failure) and report a warning. */
export interface RuleReader {
  readFile(file: string, agent?: string): string | undefined;
  warn(w: Warning): void;
}

// Retired JSON files beside SQLite stores, as OpenClaw 2026.9.6 judges them (dist/legacy-source-diagnostic-*.mjs,
// src/agents/auth-profiles/legacy-source-diagnostic.ts, read for the rule only): a store owner whose folder holds a retired
// credential file while its own SQLite store holds no profile refuses auth (AUTH_PROFILE_MIGRATION_REQUIRED) for the providers
// auth-profiles.json names, or for every provider when another retired file is there or the names cannot be read. Each agent
// reads two owners: its own `openclaw-agent.sqlite` (absent counts as empty) and the shared store, whose folder is main's.
// A populated owner only logs that the files are ignored. Verified with the CLI in test/interop/snapshot-vs-cli.test.ts.

/** A store owner as that rule sees it; `populated` is undefined when its database exists but could not be read. */
export interface Owner {
  agent: string;
  dir: string;
  populated: boolean | undefined;
}

export interface OwnersOf {
  agent: string;
  own: Owner;
  shared: Owner | undefined;
}

export function owner(
  agent: string,
  dir: string,
  db: string,
  layer: { profiles: Record<string, unknown> },
  unread: ReadonlySet<string>,
): Owner {
  return { agent, dir, populated: unread.has(db) ? undefined : Object.keys(layer.profiles).length > 0 };
}

export function legacyOauthPath(stateDir: string): string {
  return path.join(stateDir, 'credentials', 'oauth.json');
}

/** The retired credential files OpenClaw looks for beside an owner (`resolveLegacyAuthProfileSourceCandidates`; auth-state.json holds none). */
function retiredFiles(dir: string, mainDir: string, stateDir: string): string[] {
  const files = [path.join(dir, 'auth-profiles.json'), path.join(dir, 'auth.json')];
  if (path.resolve(dir) === path.resolve(mainDir)) files.push(legacyOauthPath(stateDir));
  return files.filter(exists);
}

const hasText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const PROVIDER_NAME = /^[a-z0-9][a-z0-9._-]{0,127}$/i;

/** A flat (pre-`profiles`) entry's provider, when OpenClaw would take it as a usable credential (`coerceLegacyFlatCredential`). */
function flatProvider(key: string, entry: unknown): string | undefined {
  if (!isRecord(entry)) return undefined;
  const explicit = [entry.type, entry.mode].find(hasText)?.trim();
  const type =
    explicit === 'api_key' || explicit === 'token' || explicit === 'oauth'
      ? explicit
      : hasText(entry.key) || hasText(entry.apiKey) || isRecord(entry.keyRef)
        ? 'api_key'
        : hasText(entry.token) || isRecord(entry.tokenRef)
          ? 'token'
          : hasText(entry.access) && hasText(entry.refresh) && typeof entry.expires === 'number'
            ? 'oauth'
            : undefined;
  if (!type) return undefined;
  const cred = normaliseCredentialEntry({
    ...entry,
    type,
    provider: hasText(entry.provider) ? entry.provider : key,
  }).credential;
  if (!cred) return undefined;
  const usable =
    type === 'api_key'
      ? !!cred.key || !!cred.hasKeyRef
      : type === 'token'
        ? !!cred.token || !!cred.hasTokenRef
        : !!cred.access && !!cred.refresh && typeof entry.expires === 'number';
  return usable ? cred.provider : undefined;
}

/** `readLegacyAuthProfileProviders`: the providers the files name (metadata only), or undefined when OpenClaw blocks every provider. */
function namedProviders(r: RuleReader, files: readonly string[], agent: string): string[] | undefined {
  const providers = new Set<string>();
  for (const file of files) {
    if (path.basename(file) !== 'auth-profiles.json') return undefined;
    const text = r.readFile(file, agent);
    let raw: unknown;
    try {
      raw = text === undefined ? undefined : JSON.parse(text);
    } catch {
      return undefined;
    }
    if (!isRecord(raw)) return undefined;
    const nested = Object.hasOwn(raw, 'profiles');
    const profiles = nested ? raw.profiles : raw;
    if (!isRecord(profiles) || Object.keys(profiles).length === 0) return undefined;
    for (const [key, entry] of Object.entries(profiles)) {
      const provider = nested ? normaliseCredentialEntry(entry).credential?.provider : flatProvider(key, entry);
      if (!provider || !PROVIDER_NAME.test(provider)) return undefined;
      providers.add(provider);
      if (provider === 'openai-codex') providers.add('openai');
    }
  }
  return providers.size > 0 ? [...providers].sort() : undefined;
}

export function retiredFileWarnings(
  r: RuleReader,
  owners: readonly OwnersOf[],
  mainDir: string,
  stateDir: string,
): void {
  const filesIn = new Map<string, string[]>();
  const retired = (dir: string): string[] => {
    const known = filesIn.get(dir);
    if (known) return known;
    const found = retiredFiles(dir, mainDir, stateDir);
    filesIn.set(dir, found);
    return found;
  };
  const refusing = new Set<string>();
  const ignored = new Map<string, string>();
  for (const { agent, own, shared } of owners) {
    const files = new Set<string>();
    for (const o of [own, shared]) {
      if (!o) continue;
      for (const file of retired(o.dir)) {
        if (o.populated === false) files.add(file);
        else if (o.populated) ignored.set(file, o.agent);
      }
    }
    const list = [...files];
    const [first] = list;
    if (first === undefined) continue;
    list.forEach((f) => refusing.add(f));
    const providers = namedProviders(r, list, agent);
    const what = providers ? `auth for ${providers.join(', ')}` : 'auth for every provider';
    r.warn({
      code: 'MIGRATION_REQUIRED',
      agent,
      path: first,
      params: { files: list.join(', ') },
      ...(providers ? { blockedProviders: providers } : {}),
      message: `OpenClaw refuses ${what} for agent ${agent} until you ${DOCTOR}: ${list.join(', ')} ${list.length > 1 ? 'were' : 'was'} never imported into its SQLite store.`,
    });
  }
  for (const [file, agent] of ignored) {
    if (refusing.has(file)) continue;
    r.warn({
      code: 'MIGRATION_LEFTOVER',
      agent,
      path: file,
      message: `${file} is a retired auth file that OpenClaw ignores (its SQLite store already holds the credentials); ${DOCTOR} to archive it.`,
    });
  }
}
