// Reads openclaw.json (JSON5) the way the CLI resolves agents and auth metadata
// (`src/agents/agent-roster.ts`, `agent-scope-config.ts`). Read-only; unknown keys are kept.

import path = require('node:path');
import type JSON5Module from 'json5';
// zod/mini: tree-shakes to ~20 KB and builds its schemas far faster at load than classic zod (activation budget).
import * as z from 'zod/mini';
import { normalizeProviderId } from './ids';
import { readConfigKeyProviders, readModelProviders } from './modelNeeds';
import { isRecord, lazy } from './schemas';
import { resolveUserPath } from './locate';
import { readFailure, readTextFile } from './safefs';
import type { AgentEntry, AuthConfig, Location, ParsedConfig } from './model';

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

// JSON5 is needed only for a hand-edited file, so the bundle keeps it in its own file (dist/json5.js, see
// scripts/build.mjs), loaded on the first config that JSON.parse refuses.
let json5: typeof JSON5Module | undefined;
function loadJson5(): typeof JSON5Module {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; `import` would load it at activation
  return (json5 ??= require('json5') as typeof JSON5Module);
}

function parseJson5(text: string, loc: Location): unknown {
  try {
    return loadJson5().parse(text);
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
    modelProviders: readModelProviders(
      cfg,
      readRoster(cfg).entries.map((e) => ({ ...e, id: normaliseAgentId(e.id) })),
    ),
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
