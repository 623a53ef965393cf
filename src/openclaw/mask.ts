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
  if (from > 0 && from < len && isLowSurrogate(input.charCodeAt(from)) && isHighSurrogate(input.charCodeAt(from - 1))) from += 1;
  if (to > 0 && to < len && isHighSurrogate(input.charCodeAt(to - 1)) && isLowSurrogate(input.charCodeAt(to))) to -= 1;
  return input.slice(from, to);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function stripControlCharacters(value: string): string {
  // Almost every secret has none: skip the per-character copy (it was the top self-time in a 500-profile read).
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

// Shapes of provider secrets that may surface in CLI output we did not expect to contain one.
const SECRET_PATTERNS = [/sk-ant-[a-z0-9]+-[A-Za-z0-9_-]{8,}/g, /sk-[A-Za-z0-9_-]{16,}/g];

/** Replace known secrets and anything secret-shaped with its masked form, for log lines and error text. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const known = secrets
    .map((s) => (typeof s === 'string' ? s.trim() : ''))
    .filter((s) => s.length >= 4)
    // Longest first so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  for (const secret of known) out = out.split(secret).join(maskSecret(secret));
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, (m) => maskSecret(m));
  return out;
}
