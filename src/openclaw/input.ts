// What a person types before anything runs: provider and profile ids, an expiry, a pasted token or key. Each check
// names what is wrong and what to do, so a paste OpenClaw would store broken is refused here (operations.ts runs the
// CLI only with what passed).

import { isValidId, normalizeProviderId } from './ids';

/** Input a person typed that OpenClaw would refuse; the message says what to do. */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

const PROVIDER_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const ANTHROPIC_SETUP_TOKEN_PREFIX = 'sk-ant-oat01-';
export const ANTHROPIC_SETUP_TOKEN_MIN_LENGTH = 80;

export function normalizeProvider(raw: string): string {
  const provider = normalizeProviderId(String(raw ?? ''));
  if (!PROVIDER_RE.test(provider)) {
    throw new InvalidInputError(
      `Provider id "${provider.slice(0, 64)}" is not valid: use lowercase letters, digits, ".", "_" or "-" (for example anthropic).`,
      'provider',
    );
  }
  return provider;
}

/** Profile ids are free-form in OpenClaw (`openai:owner+work@example.com`), but never start with "-" (it would read as a flag). */
export function validateProfileId(raw: string): string {
  const id = String(raw ?? '').trim();
  if (!id) throw new InvalidInputError('Profile id is required (for example anthropic:default).', 'profileId');
  if (id.length > 200) throw new InvalidInputError('Profile id is too long (200 characters at most).', 'profileId');
  if (id.startsWith('-')) throw new InvalidInputError('Profile id cannot start with "-".', 'profileId');
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(id))
    throw new InvalidInputError('Profile id cannot contain spaces or control characters.', 'profileId');
  // OpenClaw's own grammar (ids.ts): nothing else reaches a process, even as one argv entry.
  if (!isValidId('profile', id)) {
    throw new InvalidInputError(
      'Profile id must look like provider:name, with letters, digits, ".", "_", "-" (and "@", "+" or ":" after the first colon), for example anthropic:work.',
      'profileId',
    );
  }
  return id;
}

export function defaultProfileId(provider: string): string {
  return `${provider}:manual`;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Milliseconds in one unit; the regexes below only let the listed units through, so NaN never reaches a total. */
const unitMs = (unit: string): number => DURATION_UNITS[unit] ?? Number.NaN;

/**
 * OpenClaw's `parseDurationMs(…, { defaultUnit: 'd' })` for `--expires-in`: `500ms`, `30s`, `5m`, `2h`, `365d`,
 * composites like `1h30m`; a bare number means days. Returns undefined when the text is not a valid duration.
 */
export function parseExpiresIn(raw: string): number | undefined {
  const text = String(raw ?? '')
    .trim()
    .toLowerCase();
  if (!text) return undefined;
  const single = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text);
  let total = 0;
  if (single) {
    total = Number(single[1]) * unitMs(single[2] ?? 'd');
  } else {
    let consumed = 0;
    for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
      if (match.index !== consumed) return undefined;
      total += Number(match[1]) * unitMs(match[2] ?? '');
      consumed += match[0].length;
    }
    if (consumed === 0 || consumed !== text.length) return undefined;
  }
  const ms = Math.round(total);
  if (!Number.isSafeInteger(ms) || ms <= 0) return undefined;
  if (Date.now() + ms > 8.64e15) return undefined;
  return ms;
}

export function validateExpiresIn(raw: string | undefined): string | undefined {
  if (raw === undefined || String(raw).trim() === '') return undefined;
  if (parseExpiresIn(raw) === undefined) {
    throw new InvalidInputError(
      `Invalid expiry duration "${String(raw).slice(0, 32)}": use values like 30d, 12h, 90m or 1h30m.`,
      'expiresIn',
    );
  }
  return String(raw).trim().toLowerCase();
}

/** Larger than any provider's secret: a paste this big is a whole file or log, not a key. */
export const PASTED_SECRET_MAX_BYTES = 8 * 1024;

const INVISIBLE: Readonly<Record<number, string>> = {
  0x00ad: 'a soft hyphen (U+00AD)',
  0x200b: 'a zero-width space (U+200B)',
  0x200c: 'a zero-width non-joiner (U+200C)',
  0x200d: 'a zero-width joiner (U+200D)',
  0x2060: 'a word joiner (U+2060)',
  0xfeff: 'a zero-width no-break space or byte order mark (U+FEFF)',
};

/**
 * What is wrong with one character of a pasted secret, if anything. OpenClaw reads pasted secrets through
 * `normalizeSecretInput` (dist/normalize-secret-input-*.mjs): it removes line breaks, then silently drops
 * control characters and everything above U+00FF, and keeps the rest (a soft hyphen included). So any of
 * these would be stored as a different secret than the one the provider issued.
 */
function badCharacter(code: number, whitespaceRemoved: boolean): string | undefined {
  if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) return undefined; // line breaks: removed
  if (code === 0x09) return whitespaceRemoved ? undefined : 'a tab';
  if (code === 0xa0) return whitespaceRemoved ? undefined : 'a non-breaking space';
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return 'a control character';
  const invisible = INVISIBLE[code];
  if (invisible) return invisible;
  // Not the code point: it would tell which letter it stands for.
  if (code >= 0xff01 && code <= 0xff5e) return 'a full-width character';
  if (code > 0xff) return 'a character outside Latin-1 (OpenClaw drops those)';
  return undefined;
}

/**
 * Refuses a pasted secret OpenClaw would store broken, naming the kind of character and its position
 * (counted from 1, surrounding spaces and line breaks left out), never the value or any part of it.
 * `whitespaceRemoved`: the caller's repair removes every whitespace (Anthropic setup-tokens), so tabs are fine.
 */
function checkPastedSecret(raw: string, field: string, what: string, whitespaceRemoved: boolean): void {
  const value = String(raw ?? '').replace(/^[ \t\r\n\u00a0\u2028\u2029]+|[ \t\r\n\u00a0\u2028\u2029]+$/g, '');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > PASTED_SECRET_MAX_BYTES) {
    throw new InvalidInputError(
      `${what} is too large (${Math.ceil(bytes / 1024)} KiB, at most 8 KiB): paste only the secret, not a whole file or log.`,
      field,
    );
  }
  let position = 0;
  for (const character of value) {
    position += 1;
    const bad = badCharacter(character.codePointAt(0) ?? 0, whitespaceRemoved);
    if (bad) {
      throw new InvalidInputError(
        `${what} contains ${bad} at position ${position}: OpenClaw would store it broken. Copy it again from where it was created, or type it.`,
        field,
      );
    }
  }
}

/**
 * Cleans a pasted token the way OpenClaw does and checks it before anything runs.
 * Anthropic setup-tokens get every whitespace removed (terminals wrap long tokens: openclaw#8733).
 * The error messages name the rule, never the token.
 */
export function normalizeToken(provider: string, raw: string): string {
  const trimmed = String(raw ?? '').trim();
  if (!trimmed) throw new InvalidInputError('The token is empty: paste the whole token.', 'token');
  checkPastedSecret(raw, 'token', 'The token', provider === 'anthropic');
  if (provider === 'anthropic') {
    const token = trimmed.replace(/\s+/g, '');
    if (!token.startsWith(ANTHROPIC_SETUP_TOKEN_PREFIX)) {
      const hint = token.startsWith('sk-ant-api')
        ? ' That is an Anthropic API key: use Paste API Key instead.'
        : ' Run `claude setup-token` to create one.';
      throw new InvalidInputError(`Expected token starting with ${ANTHROPIC_SETUP_TOKEN_PREFIX}.${hint}`, 'token');
    }
    if (token.length < ANTHROPIC_SETUP_TOKEN_MIN_LENGTH) {
      throw new InvalidInputError('Token looks too short; paste the full setup-token.', 'token');
    }
    return token;
  }
  if (provider === 'openai' && /^sk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}$/.test(trimmed)) {
    throw new InvalidInputError('That looks like an OpenAI API key: use Paste API Key for API-key auth.', 'token');
  }
  return trimmed;
}

export function normalizeApiKey(raw: string): string {
  const key = String(raw ?? '').trim();
  if (!key) throw new InvalidInputError('The API key is empty: paste the whole key.', 'key');
  checkPastedSecret(raw, 'key', 'The API key', false);
  if (/\s/.test(key))
    throw new InvalidInputError('The API key contains spaces or line breaks: paste it on one line.', 'key');
  return key;
}
