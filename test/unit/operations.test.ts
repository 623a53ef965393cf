import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  InvalidInputError, cliFailureMessage, normalizeProvider, normalizeToken, parseExpiresIn, pasteApiKeyArgv, pasteTokenArgv,
  shellQuote, validateProfileId, type OperationContext,
} from '../../src/openclaw/operations';

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
    for (const bad of ['', 'abc', '1h30', '-5d', '0', '1y', '1h 30m', '9'.repeat(20)]) assert.equal(parseExpiresIn(bad), undefined, bad);
  });

  it('strips all whitespace from an Anthropic setup-token and checks prefix and length', () => {
    const wrapped = `  ${TOKEN.slice(0, 40)}\n${TOKEN.slice(40)}\r\n`;
    assert.equal(normalizeToken('anthropic', wrapped), TOKEN);
    assert.throws(() => normalizeToken('anthropic', 'sk-ant-api03-FAKE-0123456789abcdef0123456789'), (e: Error) => e instanceof InvalidInputError && /sk-ant-oat01-/.test(e.message) && /API key/.test(e.message));
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
    for (const bad of ['', 'a b', 'x;rm -rf', '$(id)', '-p']) assert.throws(() => normalizeProvider(bad), InvalidInputError, bad);
    assert.equal(validateProfileId('openai:owner+work@example.com'), 'openai:owner+work@example.com');
    for (const bad of ['', '-x', 'a b', 'a\nb', 'x'.repeat(201)]) assert.throws(() => validateProfileId(bad), InvalidInputError, JSON.stringify(bad));
  });
});

describe('operations: argv for the CLI', () => {
  it('paste-token: secret on stdin only, --agent only when several agents', () => {
    const one = pasteTokenArgv(ctx(['main']), { provider: 'anthropic', profileId: 'anthropic:work', token: TOKEN, expiresIn: '30d' });
    assert.deepEqual(one.argv, ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:work', '--expires-in', '30d']);
    assert.equal(one.stdin, `${TOKEN}\n`);
    assert.ok(!one.argv.join(' ').includes('FAKE-unit'));
    const two = pasteTokenArgv(ctx(['main', 'work']), { provider: 'anthropic', token: TOKEN });
    assert.deepEqual(two.argv, ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:manual', '--agent', 'main']);
    const named = pasteTokenArgv(ctx(['main', 'work']), { provider: 'anthropic', token: TOKEN, agent: 'work' });
    assert.deepEqual(named.argv.slice(-2), ['--agent', 'work']);
    assert.throws(() => pasteTokenArgv(ctx(['main', 'work']), { provider: 'anthropic', token: TOKEN, agent: 'nope' }), /not configured/);
  });

  it('paste-api-key: key on stdin, named profile root flag first', () => {
    const c = { ...ctx(['main']), profile: 'work' };
    const call = pasteApiKeyArgv(c, { provider: 'openrouter', key: ' sk-or-FAKE-1234567890 ' });
    assert.deepEqual(call.argv, ['--profile', 'work', 'models', 'auth', 'paste-api-key', '--provider', 'openrouter', '--profile-id', 'openrouter:manual']);
    assert.equal(call.stdin, 'sk-or-FAKE-1234567890\n');
  });
});

describe('operations: terminal quoting', () => {
  it('a quoted id reaches the program literally whatever it holds', () => {
    const nasty = [`a'b`, 'x$(touch /tmp/pwned-oca)', 'y; echo hacked', 'z\nnewline', '`id`', '"dq"', 'back\\slash', '*glob*'];
    for (const value of nasty) {
      const out = execFileSync('bash', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' });
      assert.equal(out, value);
    }
    assert.equal(shellQuote('anthropic:default'), 'anthropic:default');
  });
});

describe('operations: the CLI\'s reason for a failure', () => {
  it('keeps the error line, drops the noise, redacts secrets', () => {
    const stderr = 'Installed Gateway service state and config paths could not be verified. Inspect …\nError: Auth profile "anthropic:nope" not found in /h/.openclaw/agents/main/agent. Run openclaw models auth list --provider anthropic to see saved profiles.\n';
    const msg = cliFailureMessage('', stderr, 1);
    assert.match(msg, /^Auth profile "anthropic:nope" not found/);
    assert.ok(!msg.includes('Installed Gateway'));
    const leaked = cliFailureMessage('', `Error: bad token sk-ant-oat01-${'S'.repeat(90)}`, 1);
    assert.ok(!leaked.includes('S'.repeat(20)), leaked);
    assert.equal(cliFailureMessage('', '', 7), 'openclaw exited with code 7');
  });
});
