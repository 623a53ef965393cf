import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import JSON5 from 'json5';
import { ConfigError, parseConfigText, readConfig } from '../../src/openclaw/config';
import type { Location } from '../../src/openclaw/model';
import { normaliseCredentialEntry, parseAuthState, parseCredentialStore } from '../../src/openclaw/schemas';
import { must } from '../fixtures/must';

function tempLoc(text?: string): Location {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-config-'));
  const stateDir = path.join(home, '.openclaw');
  fs.mkdirSync(stateDir);
  const configPath = path.join(stateDir, 'openclaw.json');
  if (text !== undefined) fs.writeFileSync(configPath, text);
  return { home, stateDir, configPath, stateDirExists: true, configExists: text !== undefined };
}

describe('config', () => {
  it('missing file ⇒ exists:false and the implicit main agent', () => {
    const loc = tempLoc();
    const cfg = readConfig(loc);
    assert.equal(cfg.exists, false);
    assert.deepEqual(cfg.agents, [
      { id: 'main', agentDir: path.join(loc.stateDir, 'agents', 'main', 'agent'), isDefault: true },
    ]);
  });

  it('reads JSON5 with comments, auth, env.vars and the entries roster; unknown keys kept', () => {
    const loc = tempLoc(`{
      // comment
      auth: { profiles: { 'anthropic:manual': { provider: 'Anthropic', mode: 'token' } }, order: { anthropic: ['anthropic:manual'] } },
      env: { vars: { ANTHROPIC_API_KEY: 'sk-ant-api03-FAKE' } },
      meta: { lastTouchedVersion: '2026.9.6' },
      agents: { ownership: 'explicit', defaults: { systemAgent: { agentId: 'Work' } },
        entries: { main: { workspace: '/w' }, Work: { name: 'work', agentDir: '~/agents/work' } } },
    }`);
    const cfg = readConfig(loc);
    assert.equal(cfg.exists, true);
    assert.deepEqual(cfg.auth.profiles, { 'anthropic:manual': { provider: 'anthropic', mode: 'token' } });
    assert.deepEqual(cfg.auth.order, { anthropic: ['anthropic:manual'] });
    assert.deepEqual(cfg.envVars, { ANTHROPIC_API_KEY: 'sk-ant-api03-FAKE' });
    assert.deepEqual((cfg.raw.meta as Record<string, unknown>).lastTouchedVersion, '2026.9.6');
    assert.deepEqual(cfg.agents, [
      { id: 'main', agentDir: path.join(loc.stateDir, 'agents', 'main', 'agent'), isDefault: false },
      { id: 'work', name: 'work', agentDir: path.join(loc.home, 'agents', 'work'), isDefault: true },
    ]);
  });

  it('legacy agents.list: the single default:true entry is the default', () => {
    const cfg = readConfig(
      tempLoc(JSON.stringify({ agents: { list: [{ id: 'main' }, { id: 'ops', default: true }] } })),
    );
    assert.deepEqual(
      cfg.agents.map((a) => [a.id, a.isDefault]),
      [
        ['main', false],
        ['ops', true],
      ],
    );
  });

  it('default:true is ignored under explicit ownership; with several agents main is the default', () => {
    const cfg = readConfig(
      tempLoc(
        JSON.stringify({ agents: { ownership: 'explicit', list: [{ id: 'main' }, { id: 'ops', default: true }] } }),
      ),
    );
    assert.deepEqual(
      cfg.agents.map((a) => [a.id, a.isDefault]),
      [
        ['main', true],
        ['ops', false],
      ],
    );
  });

  it('a sole agent is the default; entries beat list', () => {
    const cfg = readConfig(tempLoc(JSON.stringify({ agents: { entries: { solo: {} }, list: [{ id: 'x' }] } })));
    assert.deepEqual(
      cfg.agents.map((a) => [a.id, a.isDefault]),
      [['solo', true]],
    );
  });

  it('plain JSON (read with JSON.parse) and the same config as JSON5 (comments, unquoted keys) give the same result', () => {
    // Seed fixed so a failure reproduces: `OpenClaw writes JSON` is the fast path, hand-edited JSON5 the fallback.
    const loc = tempLoc();
    const id = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/);
    const config = fc.record(
      {
        auth: fc.record(
          {
            profiles: fc.dictionary(
              fc.tuple(id, id).map(([p, n]) => `${p}:${n}`),
              fc.record(
                { provider: id, mode: fc.constantFrom('token', 'api_key', 'oauth') },
                { requiredKeys: ['provider'] },
              ),
            ),
            order: fc.dictionary(id, fc.array(id, { maxLength: 3 })),
          },
          { requiredKeys: [] },
        ),
        agents: fc.record(
          { list: fc.array(fc.record({ id, default: fc.boolean() }, { requiredKeys: ['id'] }), { maxLength: 4 }) },
          { requiredKeys: [] },
        ),
        env: fc.record(
          {
            vars: fc.dictionary(
              id.map((s) => s.toUpperCase()),
              fc.string(),
            ),
          },
          { requiredKeys: [] },
        ),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(config, (cfg) => {
        const json = JSON.stringify(cfg, null, 2);
        const json5 = `// written by hand\n${JSON5.stringify(cfg, null, 2)}\n`;
        assert.throws(() => JSON.parse(json5)); // so the JSON5 path is the one taken
        assert.deepEqual(parseConfigText(json5, loc), parseConfigText(json, loc));
      }),
      { seed: 5001, numRuns: 150 },
    );
  });

  it('malformed JSON5 ⇒ ConfigError naming file, line and column, never the content', () => {
    const loc = tempLoc('{\n  "auth": {\n    "x": sk-ant-oat01-FAKE-SECRET\n}');
    assert.throws(
      () => readConfig(loc),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /openclaw\.json/);
        assert.match(err.message, /line 3, column 10/);
        assert.doesNotMatch(err.message, /FAKE|SECRET|sk-ant/);
        return true;
      },
    );
  });
});

describe('schemas: credential normalisation', () => {
  it('mode is an alias of type; apiKey ⇒ key; provider lowercased', () => {
    const r = normaliseCredentialEntry({ mode: 'apiKey', provider: 'OpenAI', apiKey: 'sk-FAKE' });
    assert.deepEqual(r.credential, { type: 'api_key', provider: 'openai', key: 'sk-FAKE' });
  });

  it('non-string key/token ⇒ ref, never a literal', () => {
    assert.deepEqual(
      normaliseCredentialEntry({ type: 'api_key', provider: 'a', key: { source: 'env', provider: 'default', id: 'K' } })
        .credential,
      { type: 'api_key', provider: 'a', hasKeyRef: true, secretRef: { source: 'env', provider: 'default', id: 'K' } },
    );
    assert.deepEqual(
      normaliseCredentialEntry({ type: 'token', provider: 'a', token: { source: 'env', id: 'T' } }).credential,
      { type: 'token', provider: 'a', hasTokenRef: true, secretRef: { source: 'env', id: 'T' } },
    );
    // Not a SecretRef's shape (no id): still a ref, with no pointer to show.
    assert.deepEqual(normaliseCredentialEntry({ type: 'api_key', provider: 'a', key: { source: 'env' } }).credential, {
      type: 'api_key',
      provider: 'a',
      hasKeyRef: true,
    });
  });

  it('expires: positive finite kept to the ms; otherwise 0 with the raw value kept', () => {
    assert.equal(
      normaliseCredentialEntry({ type: 'token', provider: 'a', token: 't', expires: 1795601915576 }).credential
        ?.expires,
      1795601915576,
    );
    for (const bad of ['2026-12-01', -5, 0]) {
      const c = normaliseCredentialEntry({
        type: 'oauth',
        provider: 'a',
        access: 'x',
        refresh: 'y',
        expires: bad,
      }).credential;
      assert.equal(c?.expires, 0);
      assert.equal(c?.expiresRaw, bad);
    }
    assert.equal(
      'expires' in (normaliseCredentialEntry({ type: 'token', provider: 'a', token: 't' }).credential ?? {}),
      false,
    );
  });

  it('unknown types are dropped and reported; missing provider dropped', () => {
    const parsed = parseCredentialStore(
      {
        version: 1,
        profiles: {
          'a:aws': { type: 'aws-sdk', provider: 'a' },
          'a:x': { type: 'token', token: 't' },
          'a:ok': { type: 'token', provider: 'a', token: 't' },
        },
      },
      'json',
      '/s.json',
      'main',
    );
    assert.ok(parsed);
    assert.deepEqual(Object.keys(parsed.profiles), ['a:ok']);
    assert.equal(parsed.profiles['a:ok']?.store, 'json');
    const [warning, ...more] = parsed.warnings;
    assert.ok(warning);
    assert.deepEqual(more, []);
    assert.equal(warning.code, 'UNKNOWN_CREDENTIAL_TYPE');
    assert.equal(warning.profileId, 'a:aws');
    assert.match(warning.message, /aws-sdk/);
  });

  it('state: provider keys lowercased, blanks and non-arrays dropped, inline state of old files read', () => {
    assert.deepEqual(
      parseAuthState({
        order: { Anthropic: ['a:1', ' ', 'a:1', 'a:2'], bad: 'x' },
        lastGood: { Anthropic: 'a:1' },
        usageStats: { 'a:1': { cooldownUntil: 5, cooldownReason: 'rate_limit', junk: 1 } },
      }),
      {
        order: { anthropic: ['a:1', 'a:2'] },
        lastGood: { anthropic: 'a:1' },
        usageStats: { 'a:1': { cooldownUntil: 5, cooldownReason: 'rate_limit' } },
      },
    );
    assert.deepEqual(
      must(parseCredentialStore({ profiles: {}, order: { a: ['a:1'] } }, 'json', '/x'), 'a parsed store').inlineState
        .order,
      {
        a: ['a:1'],
      },
    );
  });
});
