import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  loginArgv,
  openclawPackageRoot,
  readSignInChoices,
  signInChoicesFor,
  signInProviders,
  signInRoute,
} from '../../src/openclaw/signin';
import { UnsafeIdError } from '../../src/openclaw/ids';
import { openclawEntry } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

const tmp = (tag: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `oca-signin-${tag}-`));

/** A package folder shaped like the npm one: package.json named openclaw, dist/extensions/<plugin>/openclaw.plugin.json. */
function fakePackage(manifests: Record<string, unknown>, name = 'openclaw'): string {
  const root = path.join(tmp('pkg'), 'node_modules', name);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name, version: '2026.9.6' }));
  fs.writeFileSync(path.join(root, 'openclaw.mjs'), '');
  for (const [plugin, manifest] of Object.entries(manifests)) {
    fs.mkdirSync(path.join(root, 'dist', 'extensions', plugin), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'dist', 'extensions', plugin, 'openclaw.plugin.json'),
      typeof manifest === 'string' ? manifest : JSON.stringify(manifest),
    );
  }
  return root;
}

describe('sign-in choices from the installed CLI', () => {
  it('the manifests of the installed 2026.9.6 CLI give exactly the documented provider:method pairs (gateway doc, "Signing in")', function () {
    const entry = openclawEntry('current');
    if (!fs.existsSync(entry)) this.skip();
    // Found the way the extension finds it: from the CLI's script (npm's bin link or the .mjs itself) to the package.
    const found = signInChoicesFor({ path: entry, script: entry });
    assert.ok(found, 'the openclaw package is found from the CLI script');
    const pkg = JSON.parse(fs.readFileSync(path.join(found.packageRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.equal(pkg.version, '2026.9.6');
    assert.deepEqual(found.skipped, []);
    const pairs = (provider: string) => found.choices.filter((c) => c.provider === provider).map((c) => c.method);
    assert.deepEqual(pairs('anthropic'), ['cli', 'setup-token', 'api-key']);
    assert.deepEqual(pairs('openai'), ['oauth', 'device-code', 'api-key']);
    assert.deepEqual(pairs('github-copilot'), ['device', 'device-enterprise']);
    assert.deepEqual(pairs('openrouter'), ['api-key', 'oauth']);
    assert.deepEqual(pairs('xai'), ['api-key', 'oauth', 'device-code']);
    assert.deepEqual(pairs('minimax-portal'), ['oauth', 'oauth-cn']);
    assert.deepEqual(pairs('minimax'), ['api-global', 'api-cn']);
    assert.deepEqual(pairs('microsoft-foundry'), ['entra-id', 'api-key']);
    for (const p of [
      'alibaba',
      'clawrouter',
      'fal',
      'google',
      'huggingface',
      'litellm',
      'nvidia',
      'ollama-cloud',
      'opencode-go',
      'runway',
      'together',
    ]) {
      assert.deepEqual(pairs(p), ['api-key'], p);
    }
    // The local ones OpenClaw signs in without a credential of its own.
    for (const [p, m] of [
      ['ollama', 'local'],
      ['lmstudio', 'custom'],
      ['vllm', 'custom'],
      ['sglang', 'custom'],
      ['apple-fm', 'local'],
      ['copilot-proxy', 'local'],
    ]) {
      assert.deepEqual(pairs(must(p, 'p')), [m], p);
    }
    assert.equal(found.choices.length, 36);
    // Routes: a plain key is pasted (secret on stdin); setup-token runs claude; the rest is `models auth login`.
    const route = (p: string, m: string) => found.choices.find((c) => c.provider === p && c.method === m)?.route;
    assert.equal(route('openai', 'api-key'), 'api-key');
    assert.equal(route('anthropic', 'setup-token'), 'setup-token');
    assert.equal(route('anthropic', 'cli'), 'login');
    assert.equal(route('openai', 'oauth'), 'login');
    assert.equal(
      route('microsoft-foundry', 'api-key'),
      'login',
      'an Azure key needs its endpoint: the CLI asks for it',
    );
    const openai = must(
      found.choices.find((c) => c.provider === 'openai' && c.method === 'device-code'),
      'the openai device-code choice',
    );
    assert.deepEqual([openai.label, openai.deviceCode, openai.groupLabel], ['ChatGPT Device Pairing', true, 'OpenAI']);
    assert.equal(found.choices.find((c) => c.provider === 'github-copilot' && c.method === 'device')?.deviceCode, true);
    assert.equal(found.choices.find((c) => c.provider === 'openai' && c.method === 'oauth')?.deviceCode, false);
  });

  it('finds the package from a bin link and refuses to leave node_modules', () => {
    const root = fakePackage({});
    const bin = path.join(path.dirname(path.dirname(root)), 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(path.join(root, 'openclaw.mjs'), path.join(bin, 'openclaw'));
    assert.equal(openclawPackageRoot({ path: path.join(bin, 'openclaw') }), fs.realpathSync(root));
    assert.equal(
      openclawPackageRoot({ path: '/nonexistent/openclaw', script: path.join(root, 'openclaw.mjs') }),
      fs.realpathSync(root),
    );
    // A launcher script that execs the CLI by absolute path (the test host's wrapper, a hand-written one).
    const wrapper = path.join(bin, 'openclaw-wrapper');
    fs.writeFileSync(wrapper, `#!/usr/bin/env bash\nexec /usr/bin/node "${path.join(root, 'openclaw.mjs')}" "$@"\n`, {
      mode: 0o755,
    });
    assert.equal(openclawPackageRoot({ path: wrapper }), fs.realpathSync(root));
    fs.writeFileSync(wrapper, `exec /usr/bin/node "${path.join(root, 'openclaw.mjs')}" "$@"\n`);
    assert.equal(openclawPackageRoot({ path: wrapper }), undefined, 'only a #! script is read as a launcher');
    // A package of another name holding a script named openclaw is not the CLI.
    const other = fakePackage({}, 'not-openclaw');
    assert.equal(openclawPackageRoot({ path: path.join(other, 'openclaw.mjs') }), undefined);
    assert.equal(signInChoicesFor({ path: path.join(other, 'openclaw.mjs') }), undefined);
  });

  it('reads manifests leniently: odd files are skipped and named, entries outside the id grammar dropped, pairs kept once', () => {
    const root = fakePackage({
      a: {
        providerAuthChoices: [
          { provider: 'Acme', method: 'api-key', choiceLabel: 'Acme key', optionKey: 'acmeApiKey', groupLabel: 'Acme' },
          { provider: 'acme', method: 'api-key', choiceLabel: 'duplicate' },
          { provider: 'acme', method: 'oauth' },
          { provider: '../etc', method: 'oauth' },
          { provider: 'acme', method: 'x; rm -rf ~' },
          { provider: 'acme' },
          'not an object',
        ],
      },
      b: '{ not json',
      c: { providerAuthChoices: 'nope' },
      d: { id: 'no-auth' },
    });
    const read = readSignInChoices(root);
    assert.deepEqual(
      read.choices.map((c) => [c.provider, c.method, c.label, c.route]),
      [
        ['acme', 'api-key', 'Acme key', 'api-key'],
        ['acme', 'oauth', 'acme oauth', 'login'],
      ],
    );
    assert.deepEqual(read.skipped.map((f) => path.basename(path.dirname(f))).sort(), ['b', 'c']);
    assert.deepEqual(
      signInProviders(read.choices).map((p) => [p.provider, p.groupLabel, p.methods.length]),
      [['acme', 'Acme', 2]],
    );
    assert.deepEqual(readSignInChoices(path.join(root, 'nowhere')).choices, []);
  });

  it("signInRoute: without a manifest an api-key method is pasted and setup-token is Anthropic's", () => {
    assert.equal(signInRoute('openai', 'api-key'), 'api-key');
    assert.equal(signInRoute('acme', 'api-key', {}), 'login');
    assert.equal(signInRoute('anthropic', 'setup-token'), 'setup-token');
    assert.equal(signInRoute('other', 'setup-token'), 'login');
  });

  it('loginArgv: an argument array, --device-code instead of --method, ids checked before anything runs', () => {
    assert.deepEqual(loginArgv({ provider: 'openai', method: 'oauth', agent: 'main' }), [
      'models',
      'auth',
      'login',
      '--provider',
      'openai',
      '--method',
      'oauth',
      '--agent',
      'main',
    ]);
    assert.deepEqual(loginArgv({ provider: 'openai', agent: 'work', deviceCode: true }), [
      'models',
      'auth',
      'login',
      '--provider',
      'openai',
      '--device-code',
      '--agent',
      'work',
    ]);
    assert.deepEqual(loginArgv({ provider: 'openai', method: 'device-code', deviceCode: true }), [
      'models',
      'auth',
      'login',
      '--provider',
      'openai',
      '--device-code',
    ]);
    assert.deepEqual(loginArgv({ provider: 'anthropic' }), ['models', 'auth', 'login', '--provider', 'anthropic']);
    // OpenClaw itself refuses --device-code with another --method.
    assert.throws(() => loginArgv({ provider: 'openai', method: 'oauth', deviceCode: true }), /cannot be combined/);
    assert.throws(() => loginArgv({ provider: 'open ai', method: 'oauth' }), UnsafeIdError);
    assert.throws(() => loginArgv({ provider: 'openai', method: 'oauth', agent: '$(touch x)' }), UnsafeIdError);
    assert.throws(() => loginArgv({ provider: 'openai', method: '--force' }), /unsafe method/);
  });
});
