// Secret masking identical to the CLI's `maskApiKey` (dist model-catalog-auth-labels-*.mjs,
// src/security/secret-mask.ts), so labels in the extension match `models status` byte for byte.

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Slice by UTF-16 units without cutting a surrogate pair in half (OpenClaw's `sliceUtf16Safe`). */
function sliceUtf16Safe(input: string, start: number, end?: number): string {
  const len = input.length;
  let from = start < 0 ? Math.max(len + start, 0) : Math.min(start, len);
  let to = end === undefined ? len : end < 0 ? Math.max(len + end, 0) : Math.min(end, len);
  if (to <= from) return '';
  if (from > 0 && from < len && isLowSurrogate(input.charCodeAt(from)) && isHighSurrogate(input.charCodeAt(from - 1)))
    from += 1;
  if (to > 0 && to < len && isHighSurrogate(input.charCodeAt(to - 1)) && isLowSurrogate(input.charCodeAt(to))) to -= 1;
  return input.slice(from, to);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern is for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function stripControlCharacters(value: string): string {
  // Almost every secret has none: skip the per-character copy, which a read pays once per masked profile.
  if (!CONTROL.test(value)) return value;
  let result = '';
  for (const character of value) {
    const code = character.charCodeAt(0);
    if (!((code >= 0 && code <= 31) || (code >= 127 && code <= 159))) result += character;
  }
  return result;
}

export function maskSecret(value: string | undefined | null): string {
  const trimmed = stripControlCharacters(typeof value === 'string' ? value : '').trim();
  if (!trimmed) return 'missing';
  if (trimmed.length <= 6) return `${sliceUtf16Safe(trimmed, 0, 1)}...${sliceUtf16Safe(trimmed, -1)}`;
  if (trimmed.length <= 16) return `${sliceUtf16Safe(trimmed, 0, 2)}...${sliceUtf16Safe(trimmed, -2)}`;
  return `${sliceUtf16Safe(trimmed, 0, 8)}...${sliceUtf16Safe(trimmed, -8)}`;
}

// CSI (colours, cursor), OSC ended by BEL or by ST (`ESC \`, OSC 7/8 in several shells), charset selects, other two-byte escapes.
const ANSI =
  // eslint-disable-next-line no-control-regex -- ESC and BEL are what terminal escape sequences are made of
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[@-Z\\-_]/g;

/** Terminal output without escape sequences: a colour code inside a secret would hide it from redact(). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

// Known secret prefixes that are not secret themselves: `sk-ant-oat01-` alone (in "Expected token starting
// with sk-ant-oat01-") must stay readable, so a `sk-` key needs 8 characters after its prefix.
const SK_PREFIX = /^sk-(?:ant-[a-z]+\d*-|or-v\d+-|proj-|svcacct-|admin-)?/;
// Before a secret: not a letter or digit ("risk-assessment-…" holds no key).
const B = '(?<![A-Za-z0-9])';

/** Shapes of provider secrets that may surface in CLI output we did not expect to contain one. */
const SECRET_PATTERNS: readonly { re: RegExp; keep?: (match: string) => boolean }[] = [
  // Anthropic (sk-ant-oat01-, sk-ant-api03-), OpenRouter (sk-or-v1-), OpenAI (sk-, sk-proj-, …), short sk- keys.
  { re: new RegExp(`${B}sk-[A-Za-z0-9_-]{8,}`, 'g'), keep: (m) => m.length - (SK_PREFIX.exec(m)?.[0].length ?? 3) < 8 },
  { re: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}`, 'g') }, // Google
  { re: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{36,}`, 'g') }, // GitHub classic and app tokens
  { re: new RegExp(`${B}github_pat_[A-Za-z0-9_]{22,}`, 'g') }, // GitHub fine-grained
  { re: new RegExp(`${B}eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*`, 'g') }, // JWT
  { re: new RegExp(`${B}xai-[A-Za-z0-9]{20,}`, 'g') }, // xAI (alphanumeric only: `xai-grok-4-fast-…` is a model id)
  { re: new RegExp(`${B}gsk_[A-Za-z0-9]{20,}`, 'g') }, // Groq
  // Anything else long and random: base64/base64url/hex runs of 32+ characters mixing letters and digits.
  { re: /(?<![A-Za-z0-9_\-+/])[A-Za-z0-9_\-+/]{32,}={0,2}/g, keep: (m) => !looksRandom(m) },
];

// Pieces of a name: a (Capitalised) word, an acronym, a number.
const PIECE = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

/**
 * A long run that is not made of words. Names people write split into long pieces
 * (`ModelAuthProfileStoreV2Loader`, `claude-sonnet-4-5-20250929`, `/tmp/oc-test-12345/agents/main`);
 * keys, hashes and UUIDs split into short ones (`3f786850e3…`: 3, f, 786850, e, 3…). A segment whose
 * pieces average under 4 characters counts as random; 16 random characters make the run a secret.
 * Measured on random strings: a base62/base64 run of 32 is kept in clear about once in 1,000–10,000.
 */
function looksRandom(run: string): boolean {
  if (!/[A-Za-z]/.test(run) || !/\d/.test(run)) return false;
  let random = 0;
  for (const segment of run.split(/[-_/+=]+/)) {
    const pieces = segment.match(PIECE)?.length ?? 0;
    if (pieces > 0 && segment.length / pieces < 4) random += segment.length;
  }
  return random >= 16;
}

/**
 * Where the known secrets are in `text` with any whitespace between their characters (a terminal or the CLI
 * may wrap a long secret or break it across lines): [start, end, mask], sorted, overlaps merged into one span.
 */
function knownSpans(text: string, known: readonly string[]): [number, number, string][] {
  const found: [number, number, string][] = [];
  for (const secret of known) {
    const re = new RegExp(
      secret
        .split('')
        .map((c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
        .join('\\s*'),
      'g',
    );
    for (let m = re.exec(text); m; m = re.exec(text)) {
      found.push([m.index, m.index + m[0].length, maskSecret(secret)]);
      re.lastIndex = m.index + 1; // overlapping finds too (a secret like "abab…")
    }
  }
  // Overlapping finds become one span, masked like the one that starts first.
  const merged: [number, number, string][] = [];
  for (const span of found.sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/**
 * Replace known secrets and anything secret-shaped with its masked form, for log lines and error text.
 * Known secrets (`secrets`, e.g. what was just sent on stdin) are found even when the output split them
 * across lines; the whole span is replaced by one mask.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const known = [...new Set(secrets.map((s) => (typeof s === 'string' ? s.replace(/\s+/g, '') : '')))]
    .filter((s) => s.length >= 4)
    // Longest first so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  // From the end, so earlier positions stay valid.
  for (const [from, to, masked] of knownSpans(out, known).reverse()) out = out.slice(0, from) + masked + out.slice(to);
  for (const { re, keep } of SECRET_PATTERNS) out = out.replace(re, (m) => (keep?.(m) ? m : maskSecret(m)));
  return out;
}
