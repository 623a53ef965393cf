import * as assert from 'node:assert/strict';
import { maskSecret, redact } from '../../src/openclaw/mask';

describe('maskSecret', () => {
  it('matches the CLI labels', () => {
    assert.equal(maskSecret('sk-ant-api03-FAKEAPIKEY-0123456789abcdef'), 'sk-ant-a...89abcdef');
    assert.equal(maskSecret('sk-or-FAKE'), 'sk...KE');
    assert.equal(maskSecret('  \u0007sk-ant-api03-FAKEAPIKEY-0123456789abcdef\n'), 'sk-ant-a...89abcdef');
    assert.equal(maskSecret('abcdef'), 'a...f');
    assert.equal(maskSecret('abcdefg'), 'ab...fg');
    assert.equal(maskSecret('0123456789abcdef'), '01...ef');
    assert.equal(maskSecret('0123456789abcdefg'), '01234567...9abcdefg');
    assert.equal(maskSecret(''), 'missing');
    assert.equal(maskSecret('  \t '), 'missing');
    assert.equal(maskSecret(undefined), 'missing');
  });

  it('never splits a surrogate pair', () => {
    // 7 units then an emoji across the 8-unit edge.
    const m = maskSecret('abcdefg\u{1F600}xxxxxxxxxxxxxxx');
    assert.equal(m.startsWith('abcdefg...'), true);
    assert.equal(maskSecret('xxxxxxxxxxxxxxxxx\u{1F600}abcdefg').endsWith('...abcdefg'), true);
  });
});

describe('redact', () => {
  it('replaces known secrets and secret-shaped strings', () => {
    const secret = 'my-very-private-value-123';
    const out = redact(`failed for ${secret} and sk-ant-oat01-FAKE-abcdefgh12345678 and sk-proj0123456789abcdefXYZ`, [
      secret,
    ]);
    assert.equal(out.includes(secret), false);
    assert.equal(out.includes('FAKE-abcdefgh12345678'), false);
    assert.equal(out.includes('sk-proj0123456789abcdefXYZ'), false);
    assert.match(out, /my-very-\.\.\.alue-123/);
    assert.match(out, /sk-ant-o\.\.\.12345678/);
    assert.equal(redact('no secrets here, sk-short'), 'no secrets here, sk-short');
  });
});

// Fake secrets of every shape redact() knows, built here so no file holds one whole.
const R = (n: number, seed = 1): string => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) s += chars[(i * 11 + seed * 17 + 5) % chars.length];
  return s;
};
const SHAPES: Record<string, string> = {
  anthropicOauth: `sk-ant-oat01-FAKE${R(91)}`,
  anthropicApi: `sk-ant-api03-FAKE${R(60)}`,
  openrouter: `sk-or-v1-FAKE${R(60)}`,
  openaiProject: `sk-proj-FAKE${R(40)}`,
  shortSk: `sk-FAKE${R(6)}`,
  google: `AIza${R(35)}`,
  githubClassic: `ghp_${R(36)}`,
  githubOauth: `gho_${R(36)}`,
  githubUser: `ghu_${R(36)}`,
  githubServer: `ghs_${R(36)}`,
  githubRefresh: `ghr_${R(36)}`,
  githubFineGrained: `github_pat_11FAKE${R(16)}_${R(59, 2)}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJGQUtFIn0.${R(43, 3)}`,
  xai: `xai-${R(80)}`,
  groq: `gsk_${R(52)}`,
  hexSha: '3f786850e387550fdab836ed7e6dc881de23001b',
  base64: `Zm9v${R(36, 4)}+/Q==`,
};

describe('redact: secret shapes and known secrets split by the output', () => {
  it('masks every known provider shape, like the CLI masks (first 8 and last 8)', () => {
    for (const [name, secret] of Object.entries(SHAPES)) {
      const out = redact(`openclaw: provider said "${secret}" is invalid\n`);
      assert.ok(!out.includes(secret), `${name} left in clear`);
      assert.ok(out.includes(maskSecret(secret)), `${name} not masked as ${maskSecret(secret)}`);
    }
  });

  it('leaves ordinary text alone: words, paths, ids, model names, the token prefix itself', () => {
    const plain = [
      'Expected token starting with sk-ant-oat01-. Run `claude setup-token` to create one.',
      'risk-assessment-for-the-quarterly-review-2026 done',
      'Store: /tmp/openclaw-test-abc123/agents/main/agent/auth-profiles.json (2026-11-25T10:00:00.000Z)',
      '/home/me/.vscode-test/oc-current/node_modules/openclaw/dist/provider-auth-token-FoqRrJeD.mjs',
      'model xai-grok-4-fast-reasoning-latest via openrouter/anthropic/claude-sonnet-4-5-20250929',
      'profile anthropic:work expires 1732550400000, cooldown_until_epoch_milliseconds_after_failure_2',
      'ModelAuthProfileStoreConfigurationV2Loader and snake_case_identifier_with_many_words_1234',
    ];
    for (const line of plain) assert.equal(redact(line), line);
  });

  it('finds a known secret the output split across lines, wrapped or indented, and masks the whole span', () => {
    const secret = `tok-FAKE-${R(40)}`; // no known shape: only the `secrets` list can find it
    const cuts = [
      `${secret.slice(0, 20)}\n${secret.slice(20)}`,
      `${secret.slice(0, 20)}\r\n   ${secret.slice(20, 33)}\r\n${secret.slice(33)}`,
      secret.split('').join('\n'),
    ];
    // Compared without printing: a failure must not show the secret.
    cuts.forEach((cut, i) => {
      const out = redact(`Error: rejected ${cut}\nrun openclaw doctor`, [secret]);
      assert.ok(out === `Error: rejected ${maskSecret(secret)}\nrun openclaw doctor`, `cut ${i} not masked whole`);
    });
    // The secret given with whitespace around or inside (a pasted, wrapped value) is matched by its whitespace-free form.
    assert.ok(
      redact(`x ${secret} y`, [`  ${secret.slice(0, 10)}\n${secret.slice(10)}\n`]) === `x ${maskSecret(secret)} y`,
    );
  });
});
