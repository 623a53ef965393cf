// Property: a secret the extension sent (or one of a known provider shape) never survives redaction,
// whatever CLI-like text surrounds it and wherever the output breaks lines, inside the secret too.
//
// The check, and why it is honest: redact() replaces a secret by maskSecret(secret), which shows its
// first 8 and last 8 characters on purpose (as `openclaw models status` does). So every exact mask is
// first replaced by a NUL (never produced by the generator, so no text is joined across it), then
// no 8-character window of the secret — prefix and suffix windows included — may appear anywhere,
// neither in that text nor in it with all whitespace removed (a leak split by a line break still leaks).
// The surrounding text comes from a fixed vocabulary holding no secret prefix, so a window cannot match
// it by chance. Failures print the seed and a masked form only: fast-check's own report would print
// the generated secret, and the test runner fails on secret-shaped text in its output.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cliFailureMessage } from '../../src/openclaw/cli';
import { maskSecret, redact } from '../../src/openclaw/mask';
import { must } from '../fixtures/must';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const chars = (alphabet: string, minLength: number, maxLength = minLength) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const alnum = (min: number, max = min) => chars(ALNUM, min, max);
const b64url = (min: number, max = min) => chars(`${ALNUM}-_`, min, max);

/** Every shape redact() knows without being told, with realistic lengths. */
const SHAPES: Record<string, fc.Arbitrary<string>> = {
  anthropicSetupToken: b64url(80, 100).map((b) => `sk-ant-oat01-${b}`),
  anthropicApiKey: b64url(40, 95).map((b) => `sk-ant-api03-${b}`),
  openrouter: chars('0123456789abcdef', 64).map((b) => `sk-or-v1-${b}`),
  openaiProject: b64url(40, 160).map((b) => `sk-proj-${b}`),
  openaiLegacy: alnum(48).map((b) => `sk-${b}`),
  shortSk: alnum(8, 15).map((b) => `sk-${b}`),
  google: b64url(35).map((b) => `AIza${b}`),
  github: fc.tuple(fc.constantFrom('ghp', 'gho', 'ghu', 'ghs', 'ghr'), alnum(36)).map(([p, b]) => `${p}_${b}`),
  githubFineGrained: fc.tuple(alnum(22), alnum(59)).map(([a, b]) => `github_pat_${a}_${b}`),
  jwt: fc.tuple(b64url(10, 40), b64url(10, 200), b64url(20, 86)).map(([h, p, s]) => `eyJ${h}.eyJ${p}.${s}`),
  xai: alnum(80).map((b) => `xai-${b}`),
  groq: alnum(52).map((b) => `gsk_${b}`),
};
const anyShape = fc
  .constantFrom(...Object.keys(SHAPES))
  .chain((name) => must(SHAPES[name], 'SHAPES[name]').map((secret) => ({ name, secret })));
// A secret with no recognisable shape: only the `secrets` list can find it (what the extension sent on stdin).
const shapeless = fc
  .oneof(b64url(8, 120), chars(`${ALNUM}-_.~!@#%^&*`, 8, 64), alnum(4, 20))
  .map((secret) => ({ name: 'shapeless', secret }));

const WORDS = [
  'Error:',
  'openclaw',
  'models',
  'auth',
  'paste-token',
  'paste-api-key',
  'profile',
  'anthropic:work',
  'openrouter:manual',
  'saved',
  'to',
  '/home/me/.openclaw/agents/main/agent/auth-profiles.json',
  'Gateway',
  'could',
  'not',
  'refresh',
  '—',
  '✓',
  'Updated',
  'config:',
  'token',
  'invalid',
  'for',
  'provider',
  'expected',
  'key',
  'rejected',
  '401',
  'Unauthorized',
  '(1/3)',
];
const filler = fc
  .array(fc.constantFrom(...WORDS), { maxLength: 12 })
  .chain((words) =>
    fc
      .array(fc.constantFrom(' ', ' ', '\n', '\r\n', '  '), { minLength: words.length, maxLength: words.length })
      .map((gaps) => words.map((w, i) => w + gaps[i]).join('')),
  );
const before = fc.constantFrom(' ', '\n', '"', "'", ': ', '=', '(', '\r\n  ');
const after = fc.constantFrom(' ', '\n', '\r\n', '"', "'", ',', ')', '.\n');
// Glued to the next word: only a known secret can be cut out exactly (a shape would take the word along).
const afterOrGlued = fc.constantFrom(' ', '\n', '\r\n', '"', ',', '');
const lineBreak = fc.constantFrom('\n', '\r\n', '\n  ', '\r\n    ', ' ', '\t');

/** The secret with line breaks (or wrap indentation) at random places inside it. */
function broken(secret: string): fc.Arbitrary<string> {
  return fc.uniqueArray(fc.integer({ min: 1, max: secret.length - 1 }), { maxLength: 4 }).chain((cuts) =>
    fc.array(lineBreak, { minLength: cuts.length, maxLength: cuts.length }).map((breaks) => {
      const at = [...cuts].sort((a, b) => a - b);
      let out = '';
      let from = 0;
      at.forEach((cut, i) => {
        out += secret.slice(from, cut) + breaks[i];
        from = cut;
      });
      return out + secret.slice(from);
    }),
  );
}

/** The first 8-character window of `secret` still readable in `text`, as an offset, or -1. */
function leakedWindow(text: string, secret: string): number {
  const cleaned = text.split(maskSecret(secret)).join('\u0000');
  const compact = cleaned.replace(/\s+/g, '');
  for (let i = 0; i + 8 <= secret.length; i++) {
    const window = secret.slice(i, i + 8);
    if (cleaned.includes(window) || compact.includes(window)) return i;
  }
  return -1;
}

function check<T>(property: fc.IProperty<T>, seed: number, numRuns: number): void {
  const details = fc.check(property, { seed, numRuns });
  // Never fast-check's report: it prints the generated secret.
  const reason = details.errorInstance instanceof Error ? details.errorInstance.message : 'failed';
  assert.ok(!details.failed, `property failed (seed ${seed}, path ${details.counterexamplePath}): ${reason}`);
}

function assertNoLeak(where: string, text: string, name: string, secret: string): void {
  const at = leakedWindow(text, secret);
  if (at >= 0)
    throw new Error(`${where}: ${name} ${maskSecret(secret)} (${secret.length} chars) readable at offset ${at}`);
}

describe('redact: property, nothing of 8 characters from a secret survives', function () {
  this.timeout(60_000);

  it('a secret that was sent (known), broken across lines at random places, inside random CLI output', () => {
    const sent = fc.oneof(anyShape, shapeless).chain(({ name, secret }) =>
      fc.record({
        name: fc.constant(name),
        secret: fc.constant(secret),
        shown: broken(secret),
        head: filler,
        tail: filler,
        b: before,
        a: afterOrGlued,
        twice: fc.boolean(),
      }),
    );
    check(
      fc.property(sent, ({ name, secret, shown, head, tail, b, a, twice }) => {
        const output = `${head}${b}${shown}${a}${tail}${twice ? ` again ${secret}\n` : ''}`;
        const stdin = `${secret}\n`; // what operations send
        assertNoLeak('redact', redact(output, [stdin]), name, secret);
        assertNoLeak('cliFailureMessage', cliFailureMessage(output, output, 1, [stdin]), name, secret);
      }),
      12001,
      400,
    );
  });

  it('a secret of a known shape nobody told redact() about, on one line, inside random CLI output', () => {
    const unknown = anyShape.chain(({ name, secret }) =>
      fc.record({
        name: fc.constant(name),
        secret: fc.constant(secret),
        head: filler,
        tail: filler,
        b: before,
        a: after,
      }),
    );
    check(
      fc.property(unknown, ({ name, secret, head, tail, b, a }) => {
        const output = `${head}${b}${secret}${a}${tail}`;
        assertNoLeak('redact', redact(output), name, secret);
        assertNoLeak('cliFailureMessage', cliFailureMessage('', output, 1), name, secret);
      }),
      12002,
      600,
    );
  });
});
