// Session pins through a gateway: the pin is not in `sessions.list` (its `pinned` is the sidebar pin), so each
// session is asked with `chat.metadata { sessionKey }` → `accountSelection` (2026.9.6
// `chat-metadata-session-projection-*.mjs`, `resolveChatAccountSelection`: `{ kind: "shared", authProfileId, label,
// source }`, `{ kind: "automatic" }` when unpinned). Re-pinning is `sessions.patch { key, model:
// "<provider>/<model>@<profileId>" }` (`sessions-patch-model-selection-*.mjs`), which does not check the profile
// exists, so the caller offers only profiles the snapshot has. There is no clean "unpin" (../../shared docs).

import * as z from 'zod/mini';
import { isValidId } from '../ids';
import { pinnedModelRef, providerOfProfileId, type RawPin } from '../pins';
import { lazy } from '../schemas';
import type { PinSource } from '../types';

/** What this module needs of a connection (GatewayConnection.request): answers are validated here. */
export interface GatewayRequester {
  request(method: string, params: unknown, opts?: { timeoutMs?: number; signal?: AbortSignal }): Promise<unknown>;
}

/** Why a gateway could not answer for the pins: the caller keeps the store read (the proven, offline path). */
export class GatewayPinsError extends Error {
  constructor(
    message: string,
    /** UNSUPPORTED: the gateway has no `chat.metadata` (2026.5.28 answers "unknown method"); FAILED: a call failed. */
    readonly code: 'UNSUPPORTED' | 'FAILED',
  ) {
    super(message);
    this.name = 'GatewayPinsError';
  }
}

const opt = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);

const sessionRowSchema = lazy(() =>
  z.looseObject({
    key: z.string(),
    agentId: opt(z.string()),
    modelProvider: opt(z.string()),
    model: opt(z.string()),
    updatedAt: opt(z.number()),
  }),
);

const sessionsListSchema = lazy(() =>
  z.looseObject({
    // No `catch` here: an answer without a list must not read as "no sessions, so no pins".
    sessions: z.array(z.unknown()),
    nextOffset: opt(z.nullable(z.number())),
    hasMore: opt(z.boolean()),
  }),
);

const accountSelectionSchema = lazy(() =>
  z.looseObject({
    accountSelection: opt(
      z.looseObject({
        kind: z.string(),
        authProfileId: opt(z.string()),
        label: opt(z.string()),
        source: opt(z.string()),
      }),
    ),
  }),
);

/** A session as `sessions.list` names it. */
export interface GatewaySession {
  key: string;
  agentId?: string;
  provider?: string;
  model?: string;
  updatedAt?: number;
}

/** Every session the gateway lists, following its pages (bounded: 50 pages); an answer of another shape rejects. */
export async function listSessions(gw: GatewayRequester, signal?: AbortSignal): Promise<GatewaySession[]> {
  const out: GatewaySession[] = [];
  let offset = 0;
  for (let page = 0; page < 50; page++) {
    const raw = await gw.request('sessions.list', offset ? { offset } : {}, signal ? { signal } : {});
    const r = z.safeParse(sessionsListSchema(), raw);
    if (!r.success) throw new GatewayPinsError('The answer to sessions.list has no session list.', 'FAILED');
    for (const entry of r.data.sessions) {
      const row = z.safeParse(sessionRowSchema(), entry);
      if (!row.success) continue;
      const s: GatewaySession = { key: row.data.key };
      if (row.data.agentId) s.agentId = row.data.agentId;
      if (row.data.modelProvider) s.provider = row.data.modelProvider.toLowerCase();
      if (row.data.model) s.model = row.data.model;
      if (row.data.updatedAt !== undefined) s.updatedAt = row.data.updatedAt;
      out.push(s);
    }
    if (!r.data.hasMore || typeof r.data.nextOffset !== 'number' || r.data.nextOffset <= offset) break;
    offset = r.data.nextOffset;
  }
  return out;
}

/** The pin of one session as the gateway reports it; undefined when unpinned (automatic or a personal account). */
export async function sessionPin(
  gw: GatewayRequester,
  sessionKey: string,
  signal?: AbortSignal,
): Promise<{ profileId: string; source: PinSource; label?: string } | undefined> {
  const raw = await gw.request('chat.metadata', { sessionKey }, signal ? { signal } : {});
  const r = z.safeParse(accountSelectionSchema(), raw);
  const sel = r.success ? r.data.accountSelection : undefined;
  const profileId = sel?.kind === 'shared' ? sel.authProfileId?.trim() : undefined;
  if (!sel || !profileId) return undefined;
  const source: PinSource = sel.source === 'auto' || sel.source === 'user-link' ? sel.source : 'user';
  return { profileId, source, ...(sel.label ? { label: sel.label } : {}) };
}

const UNKNOWN_METHOD = /unknown method/i;

/**
 * Pins per agent id from a gateway: `sessions.list`, then `chat.metadata` per session, a few at a time (one call
 * per session is what the gateway offers). All or nothing: a session whose metadata fails would silently lose its
 * pin (a dangling one too), so any failure rejects with a `GatewayPinsError` and the caller reads the store instead.
 * A 2026.5.28 gateway lists sessions but has no `chat.metadata` (checked in test/interop/pins-legacy.test.ts).
 */
export async function readGatewayPins(gw: GatewayRequester, signal?: AbortSignal): Promise<Record<string, RawPin[]>> {
  const sessions = await listSessions(gw, signal);
  const out: Record<string, RawPin[]> = {};
  const queue = [...sessions];
  let failure: string | undefined;
  const worker = async () => {
    for (let s = queue.shift(); s && failure === undefined; s = queue.shift()) {
      if (signal?.aborted) throw new GatewayPinsError('The pin read was cancelled.', 'FAILED');
      let pin: Awaited<ReturnType<typeof sessionPin>>;
      try {
        pin = await sessionPin(gw, s.key, signal);
      } catch (error) {
        failure ??= error instanceof Error ? error.message : 'unknown error';
        return;
      }
      if (!pin) continue;
      const agentId = s.agentId ?? agentOfSessionKey(s.key) ?? 'main';
      const raw: RawPin = { sessionKey: s.key, profileId: pin.profileId, source: pin.source };
      if (s.provider) raw.provider = s.provider;
      if (s.model) raw.model = s.model;
      if (s.updatedAt !== undefined) raw.updatedAt = s.updatedAt;
      (out[agentId] ??= []).push(raw);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  if (failure !== undefined)
    throw new GatewayPinsError(
      `chat.metadata failed: ${failure}`,
      UNKNOWN_METHOD.test(failure) ? 'UNSUPPORTED' : 'FAILED',
    );
  for (const list of Object.values(out)) list.sort((a, b) => a.sessionKey.localeCompare(b.sessionKey));
  return out;
}

/** `agent:<id>:<rest>` → `<id>` (OpenClaw's session key shape). */
export function agentOfSessionKey(key: string): string | undefined {
  const m = /^agent:([^:]+):/.exec(key);
  return m ? m[1] : undefined;
}

export class RepinError extends Error {
  constructor(
    message: string,
    readonly code: 'INVALID_TARGET' | 'NOT_CONFIRMED',
  ) {
    super(message);
  }
}

/**
 * Re-pins a session to another profile of the same provider, then reads the pin back with `chat.metadata`.
 * Only ids that pass OpenClaw's grammar are sent; the model must be known (it is part of the ref).
 */
export async function repinSession(
  gw: GatewayRequester,
  args: { sessionKey: string; provider: string; model: string; profileId: string },
): Promise<void> {
  const { sessionKey, provider, model, profileId } = args;
  if (
    !isValidId('profile', profileId) ||
    !isValidId('provider', provider) ||
    providerOfProfileId(profileId) !== provider.toLowerCase() ||
    !/^[A-Za-z0-9][A-Za-z0-9._:/+-]{0,199}$/.test(model) ||
    sessionKey.length === 0 ||
    sessionKey.length > 512
  )
    throw new RepinError('Re-pin target is not a valid provider/model/profile.', 'INVALID_TARGET');
  await gw.request('sessions.patch', { key: sessionKey, model: pinnedModelRef(provider, model, profileId) });
  const after = await sessionPin(gw, sessionKey);
  if (after?.profileId !== profileId)
    throw new RepinError('The gateway accepted the change but the session is not pinned to it.', 'NOT_CONFIRMED');
}

/**
 * The two-step clear (no clean "unpin" exists, ../../shared/docs/openclaw-gateway.md): a model of another provider
 * drops the pin (checked with `chat.metadata`), then `model: null` returns the session to the agent's default model.
 * The session's model changes on the way, so the UI asks first. The second step fails when the default model cannot
 * run (e.g. its harness plugin is missing); the pin is gone all the same, and `backToDefault` says which happened.
 */
export async function clearPinTwoStep(
  gw: GatewayRequester,
  sessionKey: string,
  otherModelRef: string,
): Promise<{ backToDefault: boolean }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\/[A-Za-z0-9][A-Za-z0-9._:/+-]{0,199}$/.test(otherModelRef))
    throw new RepinError('Not a provider/model reference.', 'INVALID_TARGET');
  await gw.request('sessions.patch', { key: sessionKey, model: otherModelRef });
  if ((await sessionPin(gw, sessionKey)) !== undefined)
    throw new RepinError('The session is still pinned after the first step.', 'NOT_CONFIRMED');
  try {
    await gw.request('sessions.patch', { key: sessionKey, model: null });
    return { backToDefault: true };
  } catch {
    return { backToDefault: false };
  }
}
