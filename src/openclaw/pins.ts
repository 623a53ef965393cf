// Session pins: a chat session held to one auth profile (`/model <alias>@<profileId>`, `sessions.patch`). Read-only
// from the agent's own session store, then classified against the agent's profiles: a pin to a profile that no
// longer exists makes the session fail for good (openclaw#149502), and nothing in OpenClaw says so.
//
// How OpenClaw keeps them (2026.9.6 dist):
// - `openclaw-agent-board-schema-*.mjs`: table `session_nodes` (session_key, entry_json, entry_valid, …) in the
//   agent's `openclaw-agent.sqlite`; `session-accessor.sqlite-entry-inventory-*.mjs` parses `entry_json` per row.
// - `session-override-*.mjs` (`applySessionAuthProfileOverrideState`) writes `authProfileOverride`,
//   `authProfileOverrideSource`, `authProfileOverrideCompactionCount` into the entry.
// - `auth-profile-override-provenance-*.mjs` (`resolveSessionAuthProfileOverrideSource`): the source is the stored
//   one, else `auto` when a compaction count is recorded, else `user`.
// - `chat-metadata-session-projection-*.mjs` (`resolveChatAccountSelection`): the pin is the trimmed override; the
//   gateway reports it without checking that the profile exists.
// 2026.5.28 (legacy dist `paths-*.js`, `resolveAgentSessionsDir`): `<state>/agents/<id>/sessions/sessions.json`, an
// object of session key → the same entry.

import path = require('node:path');
import * as z from 'zod/mini';
import type { SqliteSource } from './model';
import { readTextFile } from './safefs';
import { lazy } from './schemas';
import { agentDbPath } from './stores';
import { MAX_AGENT_DB_VERSION } from './sqlite/authdb';
import type { QuerySpec } from './sqlite/protocol';
import type { PinSource, PinStatus, Profile, Provider, SessionPin } from './types';

/** A pin as stored, before it is compared with the profiles. */
export interface RawPin {
  sessionKey: string;
  profileId: string;
  source: PinSource;
  /** The session's model provider and model (`providerOverride`/`modelOverride`, else `modelProvider`/`model`). */
  provider?: string;
  model?: string;
  updatedAt?: number;
}

const opt = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);

/** The fields of a session entry that matter here; everything else in it is ignored. */
export const sessionEntrySchema = lazy(() =>
  z.looseObject({
    authProfileOverride: opt(z.string()),
    authProfileOverrideSource: opt(z.string()),
    authProfileOverrideCompactionCount: opt(z.number()),
    providerOverride: opt(z.string()),
    modelOverride: opt(z.string()),
    modelProvider: opt(z.string()),
    model: opt(z.string()),
    updatedAt: opt(z.number()),
  }),
);

/** OpenClaw's source rule (`resolveSessionAuthProfileOverrideSource`); an unknown stored source is kept as `user`. */
function pinSource(entry: z.infer<ReturnType<typeof sessionEntrySchema>>): PinSource {
  const s = entry.authProfileOverrideSource;
  if (s === 'user' || s === 'auto' || s === 'user-link') return s;
  return typeof entry.authProfileOverrideCompactionCount === 'number' ? 'auto' : 'user';
}

/** One entry → a pin, or undefined when the session is not pinned or the entry is not an object. */
export function pinFromEntry(sessionKey: string, value: unknown): RawPin | undefined {
  const r = z.safeParse(sessionEntrySchema(), value);
  if (!r.success) return undefined;
  const profileId = r.data.authProfileOverride?.trim();
  if (!profileId) return undefined;
  const pin: RawPin = { sessionKey, profileId, source: pinSource(r.data) };
  const provider = (r.data.providerOverride ?? r.data.modelProvider)?.trim().toLowerCase();
  const model = (r.data.modelOverride ?? r.data.model)?.trim();
  if (provider) pin.provider = provider;
  if (model) pin.model = model;
  if (r.data.updatedAt !== undefined) pin.updatedAt = r.data.updatedAt;
  return pin;
}

/** 2026.5.28: `<state>/agents/<id>/sessions/sessions.json`. */
export function legacySessionsPath(stateDir: string, agentId: string): string {
  return path.join(stateDir, 'agents', agentId, 'sessions', 'sessions.json');
}

/** Pins from a `sessions.json` text; a file that is not a JSON object yields none. */
export function pinsFromSessionsJson(text: string): RawPin[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>).flatMap(([key, entry]) => pinFromEntry(key, entry) ?? []);
}

/**
 * Pins of one agent, read-only. 2026.9 stores win when the agent database has a `session_nodes` table; else the
 * 2026.5 JSON file. Unreadable stores yield no pins (the auth read already warns about them); never throws.
 */
export async function readStorePins(
  sqlite: SqliteSource | undefined,
  stateDir: string,
  agent: { id: string; agentDir: string },
): Promise<RawPin[]> {
  if (sqlite) {
    try {
      // The LIKE only narrows the rows; each cell is still parsed and checked.
      const queries: QuerySpec[] = [
        { sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'session_nodes'" },
        {
          sql: "SELECT session_key, entry_json FROM session_nodes WHERE entry_json LIKE '%authProfileOverride%' ORDER BY session_key",
          ifTable: 'session_nodes',
        },
      ];
      const res = await sqlite.query(agentDbPath(agent.agentDir), queries);
      const [tables = [], sessions = []] = res.rows;
      if (tables.length > 0) {
        if (res.userVersion > MAX_AGENT_DB_VERSION) return [];
        return sessions.flatMap((row) => {
          if (typeof row.session_key !== 'string' || typeof row.entry_json !== 'string') return [];
          try {
            return pinFromEntry(row.session_key, JSON.parse(row.entry_json)) ?? [];
          } catch {
            return [];
          }
        });
      }
    } catch {
      // No agent database (a 2026.5 home) or one we cannot open: try the JSON file.
    }
  }
  try {
    return pinsFromSessionsJson(readTextFile(legacySessionsPath(stateDir, agent.id)));
  } catch {
    return [];
  }
}

/** The provider a profile id belongs to (`anthropic:work` → `anthropic`), as OpenClaw names its profiles. */
export function providerOfProfileId(profileId: string): string | undefined {
  const i = profileId.indexOf(':');
  return i > 0 ? profileId.slice(0, i).toLowerCase() : undefined;
}

function findProfile(providers: readonly Provider[], id: string): Profile | undefined {
  for (const p of providers) {
    const hit = p.profiles.find((x) => x.id === id && !x.declaredOnly);
    if (hit) return hit;
  }
  return undefined;
}

/** Worst first: what a pin means for its session now. */
export function pinStatus(profile: Profile | undefined, now: number): PinStatus {
  if (!profile) return 'dangling';
  if (profile.disabledUntil !== undefined && profile.disabledUntil > now) return 'disabled';
  if (profile.cooldownUntil !== undefined && profile.cooldownUntil > now) return 'cooldown';
  if (profile.health === 'expired' || profile.health === 'missing') return 'expired';
  return 'ok';
}

/** Pins compared with the agent's profiles (a profile only declared in config has no credential: dangling too). */
export function classifyPins(raw: readonly RawPin[], providers: readonly Provider[], now: number): SessionPin[] {
  return raw.map((r) => {
    const profile = findProfile(providers, r.profileId);
    const pin: SessionPin = { ...r, status: pinStatus(profile, now) };
    const provider = profile?.provider ?? r.provider ?? providerOfProfileId(r.profileId);
    if (provider) pin.provider = provider;
    return pin;
  });
}

/** Other usable profiles a pin could move to: same provider, stored, not the pinned one. */
export function repinTargets(pin: SessionPin, providers: readonly Provider[]): Profile[] {
  const provider = providers.find((p) => p.id === pin.provider);
  return (provider?.profiles ?? []).filter((p) => !p.declaredOnly && p.id !== pin.profileId);
}

/**
 * The `model` value of `sessions.patch` that pins a session to a profile: `<provider>/<model>@<profileId>`
 * (`sessions-patch-model-selection-*.mjs` splits the trailing `@profile` with `splitTrailingAuthProfile`).
 */
export function pinnedModelRef(provider: string, model: string, profileId: string): string {
  return `${provider}/${model}@${profileId}`;
}

/** The chat command that re-pins a session without a gateway, typed in that session (`/model <alias>@<profileId>`). */
export function repinChatCommand(pin: SessionPin, profileId: string): string {
  const alias = pin.provider && pin.model ? `${pin.provider}/${pin.model}` : (pin.model ?? pin.provider ?? '');
  return `/model ${alias}@${profileId}`;
}

/** Pins of every agent named (config roster and agents found in the stores), read side by side. */
export async function readAgentPins(
  sqlite: SqliteSource | undefined,
  stateDir: string,
  agents: readonly { id: string; agentDir: string }[],
): Promise<Record<string, RawPin[]>> {
  const lists = await Promise.all(agents.map(async (a) => [a.id, await readStorePins(sqlite, stateDir, a)] as const));
  return Object.fromEntries(lists);
}
