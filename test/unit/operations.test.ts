import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  InvalidInputError,
  normalizeApiKey,
  normalizeProvider,
  normalizeToken,
  parseExpiresIn,
  validateProfileId,
} from '../../src/openclaw/input';
import {
  pasteApiKeyArgv,
  pasteTokenArgv,
  pasteApiKey,
  pasteToken,
  type OperationContext,
} from '../../src/openclaw/operations';
import { cliFailureMessage } from '../../src/openclaw/cli';
import { maskSecret } from '../../src/openclaw/mask';

const TOKEN = 'sk-ant-oat01-FAKE-unit-'.padEnd(96, 'x');

function ctx(agents: string[], defaultAgent = 'main'): OperationContext {
  return { cli: { path: '/bin/false', version: '2026.9.6', nodeCandidates: [] }, env: {}, agents, defaultAgent };
}

describe('operations: input checks like OpenClaw', () => {
  it('parses --expires-in like parseDurationMs with default unit d', () => {
    assert.equal(parseExpiresIn('365d'), 365 * 86_400_000);
    assert.equal(parseExpiresIn('365'), 365 * 86_400_000, 'a bare number means days');
    assert.equal(parseExpiresIn('12h'), 12 * 3_600_000);
    assert.equal(parseExpiresIn('1h30m'), 90 * 60_000);
    assert.equal(parseExpiresIn('500ms'), 500);
    assert.equal(parseExpiresIn(' 2H '), 2 * 3_600_000, 'trimmed and lower-cased');
    for (const bad of ['', 'abc', '1h30', '-5d', '0', '1y', '1h 30m', '9'.repeat(20)])
      assert.equal(parseExpiresIn(bad), undefined, bad);
  });

  it('strips all whitespace from an Anthropic setup-token and checks prefix and length', () => {
    const wrapped = `  ${TOKEN.slice(0, 40)}\n${TOKEN.slice(40)}\r\n`;
    assert.equal(normalizeToken('anthropic', wrapped), TOKEN);
    assert.throws(
      () => normalizeToken('anthropic', 'sk-ant-api03-FAKE-0123456789abcdef0123456789'),
      (e: Error) => e instanceof InvalidInputError && /sk-ant-oat01-/.test(e.message) && /API key/.test(e.message),
    );
    assert.throws(() => normalizeToken('anthropic', 'sk-ant-oat01-short'), /too short/);
    assert.throws(() => normalizeToken('anthropic', '   '), /empty/);
    assert.equal(normalizeToken('openrouter', '  tok-123  '), 'tok-123');
    assert.throws(() => normalizeToken('openai', 'sk-proj-FAKE0123456789abcdefgh'), /API key/);
  });

  it('never puts a secret in an error message', () => {
    const secret = 'sk-ant-api03-SECRETSECRET-0123456789abcdef0123456789';
    try {
      normalizeToken('anthropic', secret);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(!(e as Error).message.includes('SECRETSECRET'));
    }
  });

  it('validates provider and profile ids', () => {
    assert.equal(normalizeProvider(' Anthropic '), 'anthropic');
    for (const bad of ['', 'a b', 'x;rm -rf', '$(id)', '-p'])
      assert.throws(() => normalizeProvider(bad), InvalidInputError, bad);
    assert.equal(validateProfileId('openai:owner+work@example.com'), 'openai:owner+work@example.com');
    for (const bad of ['', '-x', 'a b', 'a\nb', 'x'.repeat(201)])
      assert.throws(() => validateProfileId(bad), InvalidInputError, JSON.stringify(bad));
  });
});

describe('operations: argv for the CLI', () => {
  it('paste-token: secret on stdin only, --agent only when several agents', () => {
    const one = pasteTokenArgv(ctx(['main']), {
      provider: 'anthropic',
      profileId: 'anthropic:work',
      token: TOKEN,
      expiresIn: '30d',
    });
    assert.deepEqual(one.argv, [
      'models',
      'auth',
      'paste-token',
      '--provider',
      'anthropic',
      '--profile-id',
      'anthropic:work',
      '--expires-in',
      '30d',
    ]);
    assert.equal(one.stdin, `${TOKEN}\n`);
    assert.ok(!one.argv.join(' ').includes('FAKE-unit'));
    const two = pasteTokenArgv(ctx(['main', 'work']), { provider: 'anthropic', token: TOKEN });
    assert.deepEqual(two.argv, [
      'models',
      'auth',
      'paste-token',
      '--provider',
      'anthropic',
      '--profile-id',
      'anthropic:manual',
      '--agent',
      'main',
    ]);
    const named = pasteTokenArgv(ctx(['main', 'work']), { provider: 'anthropic', token: TOKEN, agent: 'work' });
    assert.deepEqual(named.argv.slice(-2), ['--agent', 'work']);
    assert.throws(
      () => pasteTokenArgv(ctx(['main', 'work']), { provider: 'anthropic', token: TOKEN, agent: 'nope' }),
      /not configured/,
    );
  });

  it('paste-api-key: key on stdin, named profile root flag first', () => {
    const c = { ...ctx(['main']), profile: 'work' };
    const call = pasteApiKeyArgv(c, { provider: 'openrouter', key: ' sk-or-FAKE-1234567890 ' });
    assert.deepEqual(call.argv, [
      '--profile',
      'work',
      'models',
      'auth',
      'paste-api-key',
      '--provider',
      'openrouter',
      '--profile-id',
      'openrouter:manual',
    ]);
    assert.equal(call.stdin, 'sk-or-FAKE-1234567890\n');
  });
});

describe("operations: the CLI's reason for a failure", () => {
  it('keeps the error line, drops the noise, redacts secrets', () => {
    const stderr =
      'Installed Gateway service state and config paths could not be verified. Inspect …\nError: Auth profile "anthropic:nope" not found in /h/.openclaw/agents/main/agent. Run openclaw models auth list --provider anthropic to see saved profiles.\n';
    const msg = cliFailureMessage('', stderr, 1);
    assert.match(msg, /^Auth profile "anthropic:nope" not found/);
    assert.ok(!msg.includes('Installed Gateway'));
    const leaked = cliFailureMessage('', `Error: bad token sk-ant-oat01-${'S'.repeat(90)}`, 1);
    assert.ok(!leaked.includes('S'.repeat(20)), leaked);
    assert.equal(cliFailureMessage('', '', 7), 'openclaw exited with code 7');
  });
});

describe('operations: pasted secrets OpenClaw would store broken', () => {
  // OpenClaw's normalizeSecretInput drops control characters and everything above U+00FF without a word,
  // and keeps a soft hyphen: each case below would be saved as a different secret than the one pasted.
  const KEY = 'sk-or-v1-FAKE-0123456789abcdef0123456789abcdef';

  /** The error, checked to hold no 6-character piece of the pasted value. */
  function refusal(run: () => unknown, value: string): InvalidInputError {
    try {
      run();
    } catch (e) {
      assert.ok(e instanceof InvalidInputError, 'an InvalidInputError');
      for (let i = 0; i + 6 <= value.length; i++)
        assert.ok(!e.message.includes(value.slice(i, i + 6)), `the message echoes the value at ${i}`);
      return e;
    }
    assert.fail('accepted');
  }

  it('names the kind of character and its position, for tokens and API keys', () => {
    const cases: [string, RegExp][] = [
      ['\u200b', /zero-width space \(U\+200B\)/],
      ['\u200c', /zero-width non-joiner \(U\+200C\)/],
      ['\u200d', /zero-width joiner \(U\+200D\)/],
      ['\u2060', /word joiner \(U\+2060\)/],
      ['\ufeff', /U\+FEFF/],
      ['\u00ad', /soft hyphen \(U\+00AD\)/],
      ['\u0007', /control character/],
      ['\u0000', /control character/],
      ['\u007f', /control character/],
      ['\u0085', /control character/],
      ['\uff21', /full-width character/],
      ['\u{1F511}', /outside Latin-1/],
    ];
    for (const [ch, kind] of cases) {
      const token = `${TOKEN.slice(0, 40)}${ch}${TOKEN.slice(40)}`;
      const t = refusal(() => normalizeToken('anthropic', token), token);
      assert.match(t.message, kind);
      assert.match(t.message, /at position 41\b/);
      assert.equal(t.field, 'token');
      const key = `${KEY.slice(0, 10)}${ch}${KEY.slice(10)}`;
      const k = refusal(() => normalizeApiKey(key), key);
      assert.match(k.message, kind);
      assert.match(k.message, /^The API key contains .* at position 11\b/);
      assert.equal(k.field, 'key');
      const other = `  tok-FAKE-abcdef${ch}`; // a trailing one counts too, and the position leaves out leading spaces
      assert.match(refusal(() => normalizeToken('openrouter', other), other).message, /at position 16\b/);
    }
  });

  it('a full-width letter is not named (its code point would tell the letter)', () => {
    const token = `${TOKEN.slice(0, 20)}\uff33${TOKEN.slice(20)}`;
    const e = refusal(() => normalizeToken('anthropic', token), token);
    assert.doesNotMatch(e.message, /U\+FF|Ｓ|\bS\b/);
  });

  it('refuses more than 8 KiB without reading it back', () => {
    const big = `tok-FAKE-${'x1y2z3'.repeat(1400)}`;
    assert.match(refusal(() => normalizeToken('openrouter', big), big).message, /too large \(9 KiB, at most 8 KiB\)/);
    assert.match(refusal(() => normalizeApiKey(big), big).message, /^The API key is too large/);
    const exactly = 'k'.repeat(8 * 1024);
    assert.equal(normalizeApiKey(` ${exactly}\n`), exactly);
  });

  it('keeps the line-break repair: a wrapped setup-token (LF, CRLF, indentation, tabs) is still joined', () => {
    const wrapped = `  ${TOKEN.slice(0, 40)}\r\n\t${TOKEN.slice(40, 70)}\n  ${TOKEN.slice(70)}\u2028`;
    assert.ok(normalizeToken('anthropic', wrapped) === TOKEN);
    assert.ok(normalizeToken('anthropic', `\u00a0${TOKEN}\u00a0`) === TOKEN);
    assert.throws(() => normalizeApiKey(`${KEY.slice(0, 5)} ${KEY.slice(5)}`), /spaces or line breaks/);
    // Latin-1 letters are stored as they are: not refused.
    assert.equal(normalizeToken('openrouter', 'tok-café-FAKE'), 'tok-café-FAKE');
  });

  it('outside the repair, a tab or a non-breaking space inside is named with its position', () => {
    const tabbed = `${KEY.slice(0, 5)}\t${KEY.slice(5)}`;
    assert.match(refusal(() => normalizeApiKey(tabbed), tabbed).message, /a tab at position 6\b/);
    assert.match(
      refusal(() => normalizeToken('openrouter', 'tok-FAKE\u00a0abcdef'), 'tok-FAKE\u00a0abcdef').message,
      /non-breaking space at position 9\b/,
    );
  });

  it('the argv builders refuse before anything runs', () => {
    const token = `${TOKEN}\u200b`;
    refusal(() => pasteTokenArgv(ctx(['main']), { provider: 'anthropic', token }), token);
    const key = `\ufeff${KEY}`;
    refusal(() => pasteApiKeyArgv(ctx(['main']), { provider: 'openrouter', key }), key);
  });
});

describe('operations: the secret sent is masked in what the CLI prints back', function () {
  this.timeout(20_000);
  // A fake `openclaw` that echoes what it read on stdin, wrapped over lines and indented, like a CLI that
  // quotes the value in an error: exit 1 for paste-api-key, 0 (with the echo on stdout) for paste-token.
  const ECHO = `let s = ''; process.stdin.on('data', (d) => { s += d; }).on('end', () => {
  const v = s.trim(); const out = 'Error: invalid value ' + v.slice(0, 17) + '\\n    ' + v.slice(17, 30) + '\\n' + v.slice(30) + '\\n';
  if (process.argv.includes('paste-api-key')) { process.stderr.write(out); process.exit(1); } else process.stdout.write('Saved. ' + out);
});`;
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-echo-'));
    fs.writeFileSync(path.join(dir, 'echo.js'), ECHO);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const echoCtx = (): OperationContext => ({
    cli: {
      path: process.execPath,
      version: '2026.9.6',
      nodeCandidates: [process.execPath],
      node: process.execPath,
      script: path.join(dir, 'echo.js'),
    },
    env: process.env,
    agents: ['main'],
    defaultAgent: 'main',
  });
  const leaks = (text: string, secret: string) => {
    const rest = text.split(maskSecret(secret)).join('\u0000').replace(/\s+/g, '');
    for (let i = 0; i + 8 <= secret.length; i++) if (rest.includes(secret.slice(i, i + 8))) return i;
    return -1;
  };

  it('pasteApiKey: the failure message masks the key the CLI split over three lines', async () => {
    const key = 'sk-or-v1-FAKE-0123456789abcdef0123456789abcdef';
    let message = '';
    await pasteApiKey(echoCtx(), { provider: 'openrouter', key }).then(
      () => assert.fail('should fail'),
      (e: Error) => {
        message = e.message;
      },
    );
    assert.equal(leaks(message, key), -1, `a piece of the key is readable in: ${message.replace(/[A-Za-z0-9]/g, '*')}`);
    assert.ok(message.includes(maskSecret(key)));
  });

  it('pasteToken: the output kept for the log masks a token of no known shape', async () => {
    const token = 'tok-FAKE-Qw3rTy-uI0pAs-dF9gHj-kL2zXc-vB7nM';
    const result = await pasteToken(echoCtx(), { provider: 'openrouter', token });
    assert.equal(
      leaks(result.output, token),
      -1,
      `a piece of the token is readable in: ${result.output.replace(/[A-Za-z0-9]/g, '*')}`,
    );
    assert.ok(result.output.includes(maskSecret(token)));
  });
});
