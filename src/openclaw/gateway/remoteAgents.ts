// Every agent of a remote gateway: `agents.list` (operator.read; dist/method-scopes-*.mjs) names them, then one
// `models.authStatus { agentId }` each. The answer's shape is the gateway's `listAgentsForGateway`
// (dist/session-utils-store-*.mjs): `{ defaultId, mainKey, scope, agents: [{ id, name?, identity?{ name? }, … }] }`,
// the default agent first. Only ids inside OpenClaw's agent grammar (ids.ts) are kept: they go back to the gateway
// as `agentId` and onto tree rows. No `vscode` import.

import * as z from 'zod/mini';
import { isValidId } from '../ids';
import { lazy } from '../schemas';
import { authStatusSchema, type AuthStatus } from './schemas';

/** More agents than this are not fetched one by one (each is a request); the rest are left out and logged. */
export const MAX_REMOTE_AGENTS = 50;

const entrySchema = lazy(() =>
  z.looseObject({
    id: z.string(),
    name: z.catch(z.optional(z.string()), undefined),
    identity: z.catch(z.optional(z.looseObject({ name: z.catch(z.optional(z.string()), undefined) })), undefined),
  }),
);
const listSchema = lazy(() =>
  z.looseObject({
    defaultId: z.catch(z.optional(z.string()), undefined),
    agents: z.array(z.unknown()),
  }),
);

export interface RemoteAgentEntry {
  id: string;
  name?: string;
  isDefault: boolean;
}

export interface RemoteAgentList {
  agents: RemoteAgentEntry[];
  /** How many listed agents were left out (over `MAX_REMOTE_AGENTS`). */
  dropped: number;
}

/**
 * `agents.list`'s answer as agent entries, default first, each id once. An entry without a valid id is dropped;
 * an answer without an agents array is `undefined` (the caller falls back to the default agent alone).
 */
export function parseAgentsList(raw: unknown, max = MAX_REMOTE_AGENTS): RemoteAgentList | undefined {
  const list = listSchema().safeParse(raw);
  if (!list.success) return undefined;
  const seen = new Set<string>();
  const agents: RemoteAgentEntry[] = [];
  for (const item of list.data.agents) {
    const entry = entrySchema().safeParse(item);
    if (!entry.success || !isValidId('agent', entry.data.id) || seen.has(entry.data.id)) continue;
    seen.add(entry.data.id);
    const name = (entry.data.name ?? entry.data.identity?.name)?.trim().slice(0, 100);
    agents.push({ id: entry.data.id, ...(name ? { name } : {}), isDefault: entry.data.id === list.data.defaultId });
  }
  // The gateway lists its default first; keep that promise even if a newer one does not.
  agents.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  return { agents: agents.slice(0, max), dropped: Math.max(0, agents.length - max) };
}

/** One agent of a remote gateway with its last `models.authStatus`. */
export interface RemoteAgentStatus extends RemoteAgentEntry {
  authStatus?: AuthStatus;
  /** The code of the last failed `models.authStatus` for it (the older answer, if any, is kept). */
  failed?: string;
}

/** What fetching every agent needs from a connection (GatewayConnection, or a test's). */
export interface AgentStatusSource {
  request(method: string, params: unknown, opts?: { timeoutMs?: number }): Promise<unknown>;
  authStatus(agentId?: string): Promise<AuthStatus>;
}

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'ERROR';
};

/**
 * Lists the agents and fetches each one's auth status (in parallel: 9–250 ms each). An agent whose status fails
 * keeps its previous answer. `undefined` when `agents.list` is not answered (an older gateway, or no such method):
 * the caller asks for the default agent without an id, as before.
 */
export async function fetchAgentStatuses(
  source: AgentStatusSource,
  previous: readonly RemoteAgentStatus[] | undefined,
  log?: (line: string) => void,
): Promise<RemoteAgentStatus[] | undefined> {
  let list: RemoteAgentList | undefined;
  try {
    list = parseAgentsList(await source.request('agents.list', {}, { timeoutMs: 15_000 }));
  } catch (error) {
    if (codeOf(error) === 'MISSING_SCOPE') throw error;
    log?.(`agents.list failed (${codeOf(error)}); showing the default agent only`);
    return undefined;
  }
  if (!list || list.agents.length === 0) return undefined;
  if (list.dropped) log?.(`agents.list: ${list.dropped} agents over ${MAX_REMOTE_AGENTS} not shown`);
  // Asked beside the agents' statuses, not before them.
  const unresolved = fetchUnresolvedProfiles(source, log);
  return Promise.all(
    list.agents.map(async (agent): Promise<RemoteAgentStatus> => {
      try {
        const status = await source.authStatus(agent.id);
        return { ...agent, authStatus: markUnresolved(status, await unresolved, agent.id) };
      } catch (error) {
        if (codeOf(error) === 'MISSING_SCOPE') throw error;
        const before = previous?.find((p) => p.id === agent.id)?.authStatus;
        log?.(`models.authStatus for ${agent.id} failed (${codeOf(error)})`);
        return { ...agent, ...(before ? { authStatus: before } : {}), failed: codeOf(error) };
      }
    }),
  );
}

/** An auth profile whose SecretRef the gateway could not resolve; `agentId` absent when its path names no agent. */
export interface UnresolvedProfile {
  profileId: string;
  agentId?: string;
}

// The gateway prepares each agent's auth-profile SecretRefs at start and lists the ones it could not resolve in its
// `status` answer (operator.read): `degradedSecretOwners: [{ ownerKind: "account", ownerId, state: "unavailable",
// paths: ["<agentDir>.auth-profiles.<profileId>.key"], reason: "secret reference was not found" }]` (2026.9.6,
// dist/runtime-prepare.runtime-*.mjs collectStaticProfileAssignment, dist/config-*.mjs listPreparedSecretDegradations;
// seen on a real gateway with an env ref to an unset variable). `models.authStatus` still calls that profile `static`.
const AUTH_PROFILE_PATH = /[\\/]agents[\\/]([^\\/]+)[\\/]agent\.auth-profiles\.(.+)\.(?:key|token)$/;
const degradedSchema = lazy(() =>
  z.looseObject({
    degradedSecretOwners: z.catch(
      z.array(
        z.catch(z.looseObject({ ownerKind: z.string(), paths: z.array(z.string()) }), { ownerKind: '', paths: [] }),
      ),
      [],
    ),
  }),
);

/** The auth profiles a gateway's `status` answer lists as unresolved (ids outside OpenClaw's grammars dropped). */
export function parseUnresolvedProfiles(raw: unknown): UnresolvedProfile[] {
  const parsed = degradedSchema().safeParse(raw);
  if (!parsed.success) return [];
  const out: UnresolvedProfile[] = [];
  for (const owner of parsed.data.degradedSecretOwners) {
    if (owner.ownerKind !== 'account') continue;
    for (const path of owner.paths) {
      const m = AUTH_PROFILE_PATH.exec(path);
      if (!m || !isValidId('profile', m[2])) continue;
      out.push({ profileId: m[2], ...(isValidId('agent', m[1]) ? { agentId: m[1] } : {}) });
    }
  }
  return out;
}

/** The gateway's unresolved auth profiles; none when it does not answer `status` (an older gateway, a refusal). */
export async function fetchUnresolvedProfiles(
  source: Pick<AgentStatusSource, 'request'>,
  log?: (line: string) => void,
): Promise<UnresolvedProfile[]> {
  try {
    return parseUnresolvedProfiles(
      await source.request('status', { includeChannelSummary: false }, { timeoutMs: 15_000 }),
    );
  } catch (error) {
    log?.(`status failed (${codeOf(error)}); unresolved key references not known`);
    return [];
  }
}

/**
 * One agent's auth status with the profiles the gateway could not resolve shown as OpenClaw's `missing` /
 * `unresolved_ref` (health.ts withUnresolvedRef does the same for the local read); a provider with nothing else
 * usable is missing too. `agentId` undefined (the default agent, unlisted) takes every listed profile id.
 */
export function markUnresolved(
  status: AuthStatus,
  unresolved: readonly UnresolvedProfile[],
  agentId: string | undefined,
): AuthStatus {
  const ids = new Set(
    unresolved
      .filter((u) => agentId === undefined || u.agentId === undefined || u.agentId === agentId)
      .map((u) => u.profileId),
  );
  if (!ids.size) return status;
  const usable = (s: string) => s !== 'missing' && s !== 'expired';
  return {
    ...status,
    providers: status.providers.map((p) => {
      if (!p.profiles.some((x) => ids.has(x.profileId) && usable(x.status))) return p;
      const profiles = p.profiles.map((x) =>
        ids.has(x.profileId) && usable(x.status) ? { ...x, status: 'missing', reasonCode: 'unresolved_ref' } : x,
      );
      return { ...p, profiles, ...(profiles.some((x) => usable(x.status)) ? {} : { status: 'missing' }) };
    }),
  };
}

/** The kept agents of a last answer (globalState), validated; entries that do not parse are dropped. */
export function parseStoredAgents(raw: unknown): RemoteAgentStatus[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: RemoteAgentStatus[] = [];
  for (const item of raw.slice(0, MAX_REMOTE_AGENTS)) {
    const e = item as { id?: unknown; name?: unknown; isDefault?: unknown; authStatus?: unknown };
    if (!isValidId('agent', e?.id) || out.some((a) => a.id === e.id)) continue;
    const status = authStatusSchema().safeParse(e.authStatus);
    out.push({
      id: e.id,
      ...(typeof e.name === 'string' ? { name: e.name.slice(0, 100) } : {}),
      isDefault: e.isDefault === true,
      ...(status.success ? { authStatus: status.data } : {}),
    });
  }
  return out.length ? out : undefined;
}
