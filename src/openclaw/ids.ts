// The ids the extension will hand to a process (argv of the CLI, a terminal). Anything outside these
// grammars came from a store, a config or a person and is refused before it reaches a process.
//
// OpenClaw's own grammars (openclaw@2026.9.6, dist/):
// - agent ids: `VALID_ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i` (agent-id-*.mjs, packages/normalization-core/src/agent-id.ts);
// - provider ids are lowercased strings (provider-id-*.mjs); plugin ids use letters, digits, `.`, `_` and `-`;
// - new auth profile ids in `secrets configure`: `/^[A-Za-z0-9:_-]{1,128}$/` (configure-*.mjs, AUTH_PROFILE_ID_PATTERN).
//   Profiles OpenClaw makes itself also carry an account after the colon (`buildAuthProfileId` in identity-*.mjs:
//   `<provider>:<profileName>`, where sign-in flows use an e-mail address), so `@`, `.` and `+` are allowed after the first colon.

export const AGENT_ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
export const PROVIDER_ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
export const PROFILE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}:[A-Za-z0-9_][A-Za-z0-9._@+:-]{0,191}$/;

/** OpenClaw compares provider ids trimmed and lowercased (provider-id-*.mjs): every spelling of one provider is one key. */
export function normalizeProviderId(provider: string): string {
  return provider.trim().toLowerCase();
}

export type IdKind = 'agent' | 'provider' | 'profile';

const GRAMMAR: Record<IdKind, RegExp> = { agent: AGENT_ID_RE, provider: PROVIDER_ID_RE, profile: PROFILE_ID_RE };

export function isValidId(kind: IdKind, value: unknown): value is string {
  return typeof value === 'string' && GRAMMAR[kind].test(value);
}

/** Thrown when an id outside OpenClaw's grammar would reach a process. Carries no part of the id. */
export class UnsafeIdError extends Error {
  constructor(readonly kind: IdKind) {
    super(`unsafe ${kind} id`);
    this.name = 'UnsafeIdError';
  }
}

/** Returns the id when it fits OpenClaw's grammar for its kind; throws `UnsafeIdError` otherwise. */
export function requireValidId(kind: IdKind, value: unknown): string {
  if (!isValidId(kind, value)) throw new UnsafeIdError(kind);
  return value;
}
