// Reads openclaw.json (JSON5) the way the CLI resolves agents and auth metadata
// (`src/agents/agent-roster.ts`, `agent-scope-config.ts`). Read-only; unknown keys are kept.

import path = require('node:path');
import JSON5 from 'json5';
// zod/mini: tree-shakes to ~20 KB and builds its schemas far faster at load than classic zod (activation budget).
import * as z from 'zod/mini';
import { normalizeProviderId } from './ids';
import { lazy } from './schemas';
import { resolveUserPath } from './locate';
import { readFailure, readTextFile } from './safefs';
import type { AgentEntry, AuthConfig, Location, ModelProviderNeed, ParsedConfig } from './model';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const IMPLICIT_AGENT_ID = 'main';
const VALID_AGENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** OpenClaw's `normalizeAgentId`: lowercase, invalid characters folded to `-`, `main` when nothing is left. */
export function normaliseAgentId(value: unknown): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  const lower = trimmed.toLowerCase();
  if (VALID_AGENT_ID.test(trimmed)) return lower;
  const folded = lower
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+/, '')
    .replace(/-+$/, '')
    .slice(0, 64);
  return folded || IMPLICIT_AGENT_ID;
}

const configSchema = lazy(() =>
  z.looseObject({
    auth: z.optional(
      z.looseObject({
        profiles: z.optional(
          z.record(
            z.string(),
            z.looseObject({
              provider: z.optional(z.string()),
              mode: z.optional(z.string()),
              email: z.optional(z.string()),
              displayName: z.optional(z.string()),
            }),
          ),
        ),
        order: z.optional(z.record(z.string(), z.unknown())),
      }),
    ),
    agents: z.optional(
      z.looseObject({
        ownership: z.optional(z.string()),
        defaults: z.optional(
          z.looseObject({ systemAgent: z.optional(z.looseObject({ agentId: z.optional(z.string()) })) }),
        ),
        entries: z.optional(z.unknown()),
        list: z.optional(z.unknown()),
      }),
    ),
    env: z.optional(z.looseObject({ vars: z.optional(z.record(z.string(), z.unknown())) })),
  }),
);

function emptyConfig(raw: Record<string, unknown> = {}): ParsedConfig {
  return { exists: false, auth: { profiles: {}, order: {} }, agents: [], envVars: {}, raw };
}

export function readConfig(loc: Location): ParsedConfig {
  let text: string;
  try {
    text = readTextFile(loc.configPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      const config = emptyConfig();
      config.agents = resolveAgents({}, loc);
      return config;
    }
    throw new ConfigError(`Cannot read ${loc.configPath}: ${readFailure(err)}`, loc.configPath);
  }
  return parseConfigText(text, loc);
}

function parseJson5(text: string, loc: Location): unknown {
  try {
    return JSON5.parse(text);
  } catch (err) {
    // JSON5's message quotes the offending character; report only the position so no secret leaks.
    const e = err as { lineNumber?: number; columnNumber?: number };
    const where = e.lineNumber !== undefined ? ` at line ${e.lineNumber}, column ${e.columnNumber ?? 0}` : '';
    throw new ConfigError(
      `${loc.configPath} is not valid JSON5${where}.`,
      loc.configPath,
      e.lineNumber,
      e.columnNumber,
    );
  }
}

export function parseConfigText(text: string, loc: Location): ParsedConfig {
  let raw: unknown;
  try {
    // OpenClaw writes plain JSON: JSON.parse gives the same value many times faster; JSON5 only for hand-edited files.
    raw = JSON.parse(text);
  } catch {
    raw = parseJson5(text, loc);
  }
  const parsed = configSchema().safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${loc.configPath} is not a JSON object.`, loc.configPath);
  const cfg = parsed.data;
  return {
    exists: true,
    auth: readAuth(cfg.auth),
    agents: resolveAgents(cfg, loc),
    envVars: Object.fromEntries(
      Object.entries(cfg.env?.vars ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    modelProviders: readModelProviders(cfg),
    configKeyProviders: readConfigKeyProviders(cfg),
    raw: cfg,
  };
}

function readAuth(auth: z.infer<ReturnType<typeof configSchema>>['auth']): AuthConfig {
  const profiles: AuthConfig['profiles'] = {};
  for (const [id, p] of Object.entries(auth?.profiles ?? {})) {
    if (!p.provider) continue;
    profiles[id] = { provider: normalizeProviderId(p.provider) };
    if (p.mode) profiles[id].mode = p.mode;
    if (p.email) profiles[id].email = p.email;
    if (p.displayName) profiles[id].displayName = p.displayName;
  }
  const order: AuthConfig['order'] = {};
  for (const [provider, ids] of Object.entries(auth?.order ?? {})) {
    if (!Array.isArray(ids)) continue;
    const list = ids.filter((id): id is string => typeof id === 'string' && !!id.trim()).map((id) => id.trim());
    const key = normalizeProviderId(provider);
    if (key && list.length) order[key] = list;
  }
  return { profiles, order };
}

interface RosterEntry {
  id: unknown;
  entry: Record<string, unknown>;
  /** Where the entry sits in openclaw.json (`agents.list[1]`, `agents.entries.work`). */
  path?: string;
}

/** `agents.entries` wins over `agents.list` when both are present, as in `readAgentRosterProperty`. */
function readRoster(raw: Record<string, unknown>): { owned: boolean; entries: RosterEntry[] } {
  const agents = raw.agents;
  if (!isRecord(agents)) return { owned: false, entries: [] };
  if (Object.hasOwn(agents, 'entries') && agents.entries !== undefined) {
    const entries = isRecord(agents.entries) ? agents.entries : {};
    return {
      owned: true,
      entries: Object.entries(entries)
        .filter((e) => isRecord(e[1]))
        .map(([id, entry]) => ({ id, entry: entry as Record<string, unknown>, path: `agents.entries.${id}` })),
    };
  }
  if (Object.hasOwn(agents, 'list') && agents.list !== undefined) {
    const list: unknown[] = Array.isArray(agents.list) ? agents.list : [];
    return {
      owned: true,
      entries: list.flatMap((entry, i) =>
        isRecord(entry) ? [{ id: entry.id, entry, path: `agents.list[${i}]` }] : [],
      ),
    };
  }
  return { owned: false, entries: [] };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resolveAgents(raw: Record<string, unknown>, loc: Location): AgentEntry[] {
  const roster = readRoster(raw);
  const defaultDir = (id: string) => path.join(loc.stateDir, 'agents', id, 'agent');
  if (!roster.owned && roster.entries.length === 0) {
    return [{ id: IMPLICIT_AGENT_ID, agentDir: defaultDir(IMPLICIT_AGENT_ID), isDefault: true }];
  }
  const agents: AgentEntry[] = [];
  const seen = new Set<string>();
  for (const { id: rawId, entry } of roster.entries) {
    const id = normaliseAgentId(rawId);
    if (seen.has(id)) continue;
    seen.add(id);
    const dir =
      typeof entry.agentDir === 'string' && entry.agentDir.trim()
        ? resolveUserPath(entry.agentDir, loc.home)
        : defaultDir(id);
    const agent: AgentEntry = { id, agentDir: dir, isDefault: false };
    if (typeof entry.name === 'string' && entry.name.trim()) agent.name = entry.name.trim();
    agents.push(agent);
  }
  const def = resolveDefaultAgentId(raw, roster.entries, agents);
  for (const a of agents) a.isDefault = a.id === def;
  return agents;
}

/** systemAgent.agentId > the single legacy `default: true` entry > the sole agent > `main`. */
function resolveDefaultAgentId(
  raw: Record<string, unknown>,
  entries: RosterEntry[],
  agents: AgentEntry[],
): string | undefined {
  const agentsCfg = isRecord(raw.agents) ? raw.agents : {};
  const defaults = isRecord(agentsCfg.defaults) ? agentsCfg.defaults : {};
  const system = isRecord(defaults.systemAgent) ? defaults.systemAgent.agentId : undefined;
  if (typeof system === 'string' && system.trim()) return normaliseAgentId(system);
  if (agentsCfg.ownership !== 'explicit') {
    const [marked, ...more] = entries.filter((e) => e.entry.default === true);
    if (marked && more.length === 0) return normaliseAgentId(marked.id);
  }
  if (agents.length === 1 && agents[0]) return agents[0].id;
  return agents.some((a) => a.id === IMPLICIT_AGENT_ID) ? IMPLICIT_AGENT_ID : undefined;
}

// ---- Providers the configured models need (`models status` `providerUses`, list.status-command) ----

/** Auth ids OpenClaw resolves a model's provider to: plugin `providerAuthAliases` and the legacy ids `doctor --fix` migrates. */
const AUTH_ALIASES: Readonly<Record<string, string>> = {
  'x-ai': 'xai',
  'minimax-cn': 'minimax',
  'minimax-portal-cn': 'minimax-portal',
  'openai-codex': 'openai',
  codex: 'openai',
};
/** Models of these run without a credential of their own (`syntheticAuthRefs`: local servers, the Claude CLI's login). */
const NO_CREDENTIAL = new Set(['ollama', 'lmstudio', 'apple-fm', 'claude-cli']);
/** A model ref without a provider (`gpt-5`) is OpenClaw's default provider's (`DEFAULT_PROVIDER`). */
const DEFAULT_PROVIDER = 'openai';

/** The provider id OpenClaw checks auth for: lowercased, then its auth alias (`x-ai` ⇒ `xai`, `openai-codex` ⇒ `openai`). */
export function providerForAuth(provider: string): string {
  const id = normalizeProviderId(provider);
  return AUTH_ALIASES[id] ?? id;
}

/**
 * The provider of a model ref as `resolveModelRefFromString` finds it: a trailing `@<profile>` dropped, an alias
 * (`agents.defaults.models[ref].alias`) resolved, `provider/model` split at the first slash, else the default provider.
 */
export function modelRefProvider(ref: string, aliases: ReadonlyMap<string, string> = new Map()): string | undefined {
  let model = ref.trim();
  const at = model.indexOf('@', model.lastIndexOf('/') + 1);
  if (at > 0 && model.slice(at + 1).includes(':')) model = model.slice(0, at).trim();
  if (!model) return undefined;
  const target = aliases.get(model.toLowerCase());
  if (target !== undefined) model = target;
  const slash = model.indexOf('/');
  if (slash === 0) return undefined;
  const provider = slash > 0 ? model.slice(0, slash) : DEFAULT_PROVIDER;
  return provider.trim() ? providerForAuth(provider) : undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** `model: "a/b"` or `model: { primary, fallbacks }` (`resolvePrimaryStringValue`, `resolveAgentModelFallbackValues`). */
function modelSetting(value: unknown): { primary?: string; fallbacks?: string[] } {
  if (typeof value === 'string') return text(value) ? { primary: value.trim(), fallbacks: [] } : {};
  if (!isRecord(value)) return {};
  const out: { primary?: string; fallbacks?: string[] } = {};
  const primary = text(value.primary);
  if (primary) out.primary = primary;
  // An agent's own model without `fallbacks` has none (`resolveSelectedModelFallbacksOverride`).
  if (Array.isArray(value.fallbacks))
    out.fallbacks = value.fallbacks.filter((f): f is string => !!text(f)).map((f) => f.trim());
  else if (primary) out.fallbacks = [];
  return out;
}

function readModelProviders(raw: Record<string, unknown>): NonNullable<ParsedConfig['modelProviders']> {
  const agentsCfg = isRecord(raw.agents) ? raw.agents : {};
  const defaults = isRecord(agentsCfg.defaults) ? agentsCfg.defaults : {};
  const models = isRecord(defaults.models) ? defaults.models : {};
  const aliases = new Map<string, string>();
  // Models another runtime signs in for (`agentRuntime: { id: "claude-cli" }` after `login --method cli`) need no profile.
  const runtimeOwned = new Set<string>();
  for (const [key, entry] of Object.entries(models)) {
    if (!isRecord(entry)) continue;
    const alias = text(entry.alias);
    if (alias) aliases.set(alias.toLowerCase(), key);
    const runtime = isRecord(entry.agentRuntime) ? text(entry.agentRuntime.id) : undefined;
    if (runtime && NO_CREDENTIAL.has(runtime.toLowerCase())) runtimeOwned.add(key.trim().toLowerCase());
  }
  const collect = (uses: [string | undefined, string][]): ModelProviderNeed[] => {
    const byProvider = new Map<string, string[]>();
    for (const [ref, where] of uses) {
      if (!ref) continue;
      const resolved = aliases.get(ref.toLowerCase()) ?? ref;
      if (runtimeOwned.has(resolved.toLowerCase())) continue;
      const provider = modelRefProvider(ref, aliases);
      if (!provider || NO_CREDENTIAL.has(provider)) continue;
      const paths = byProvider.get(provider) ?? [];
      if (!paths.includes(where)) paths.push(where);
      byProvider.set(provider, paths);
    }
    return [...byProvider].map(([provider, neededBy]) => ({ provider, neededBy }));
  };
  const base = modelSetting(defaults.model);
  const image = modelSetting(defaults.imageModel);
  const shared: [string | undefined, string][] = [
    [image.primary, 'agents.defaults.imageModel'],
    ...(image.fallbacks ?? []).map((f): [string, string] => [f, 'agents.defaults.imageModel.fallbacks']),
  ];
  const uses = (
    own: { primary?: string; fallbacks?: string[] } | undefined,
    ownPath: string | undefined,
    utility: [string | undefined, string],
  ): ModelProviderNeed[] =>
    collect([
      own?.primary ? [own.primary, `${ownPath}.model`] : [base.primary, 'agents.defaults.model'],
      ...(own?.fallbacks ?? base.fallbacks ?? []).map((f): [string, string] => [
        f,
        own?.fallbacks ? `${ownPath}.model.fallbacks` : 'agents.defaults.model.fallbacks',
      ]),
      ...shared,
      utility,
    ]);
  const defaultUtility: [string | undefined, string] = [text(defaults.utilityModel), 'agents.defaults.utilityModel'];
  const byAgent: Record<string, ModelProviderNeed[]> = {};
  for (const { id, entry, path: where } of readRoster(raw).entries) {
    const own = entry.model !== undefined ? modelSetting(entry.model) : undefined;
    const utility: [string | undefined, string] =
      entry.utilityModel !== undefined ? [text(entry.utilityModel), `${where}.utilityModel`] : defaultUtility;
    if (!own?.primary && !own?.fallbacks && entry.utilityModel === undefined) continue;
    byAgent[normaliseAgentId(id)] ??= uses(own?.primary || own?.fallbacks ? own : undefined, where, utility);
  }
  return { defaults: uses(undefined, undefined, defaultUtility), byAgent };
}

/** `models.providers.<id>.apiKey` (a string or a SecretRef object): OpenClaw has a key for the provider without a profile. */
function readConfigKeyProviders(raw: Record<string, unknown>): string[] {
  const providers = isRecord(raw.models) && isRecord(raw.models.providers) ? raw.models.providers : {};
  return Object.entries(providers)
    .filter(([, p]) => isRecord(p) && (text(p.apiKey) !== undefined || isRecord(p.apiKey)))
    .map(([id]) => providerForAuth(id));
}
