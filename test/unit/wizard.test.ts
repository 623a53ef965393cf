// The gateway sign-in wizard's step mapping (gateway/wizard.ts) and the choices Sign In… offers with a gateway
// (gateway/loginChoices.ts). Step shapes as the 2026.9.6 gateway sends them (dist/session-*.mjs).
import * as assert from 'node:assert/strict';
import { loginOptionsOf, withGatewayChoices } from '../../src/openclaw/gateway/loginChoices';
import {
  runGatewayLogin,
  safeExternalUrl,
  SETUP_BUSY_CODE,
  stepAction,
  wizardStepSchema,
  type RequestFn,
  type WizardStep,
  type WizardUi,
} from '../../src/openclaw/gateway/wizard';
import type { SignInChoice } from '../../src/openclaw/signin';

const NOW = 1_795_600_000_000;
const step = (s: Partial<WizardStep> & { type: string }): WizardStep => wizardStepSchema().parse({ id: 'st-1', ...s });

describe('gateway sign-in wizard: steps', () => {
  it('only http(s) URLs without credentials may be opened', () => {
    assert.equal(
      safeExternalUrl('https://auth.openai.com/oauth/authorize?x=1'),
      'https://auth.openai.com/oauth/authorize?x=1',
    );
    assert.equal(safeExternalUrl(' http://127.0.0.1:1455/cb '), 'http://127.0.0.1:1455/cb');
    for (const bad of [
      'command:workbench.action.terminal.new',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'vscode://ms-vscode.remote/x',
      'data:text/html,<b>x</b>',
      'https://user:pass@evil.example/',
      'not a url',
      '',
      undefined,
      `https://x.example/${'a'.repeat(9000)}`,
    ])
      assert.equal(safeExternalUrl(bad), undefined, String(bad).slice(0, 40));
  });

  it('a note with an https URL opens it; one with a command URI is a plain note', () => {
    assert.deepEqual(
      stepAction(step({ type: 'note', message: 'Open', externalUrl: 'https://openrouter.ai/auth?a=b' }), NOW),
      {
        kind: 'open-url',
        stepId: 'st-1',
        url: 'https://openrouter.ai/auth?a=b',
        message: 'Open',
      },
    );
    assert.deepEqual(stepAction(step({ type: 'note', title: 'T', message: 'm', externalUrl: 'command:evil' }), NOW), {
      kind: 'note',
      stepId: 'st-1',
      title: 'T',
      message: 'm',
    });
  });

  it('text: sensitive → masked, never prefilled; a redirect-URL paste (with externalUrl) is masked too', () => {
    const secret = stepAction(step({ type: 'text', message: 'Paste', sensitive: true, initialValue: 'sk-FAKE' }), NOW);
    assert.deepEqual(secret, { kind: 'text', stepId: 'st-1', message: 'Paste', sensitive: true, masked: true });
    const redirect = stepAction(
      step({
        type: 'text',
        message: 'Paste the redirect URL',
        externalUrl: 'https://openrouter.ai/auth',
        placeholder: 'http://localhost:3000/?code=',
      }),
      NOW,
    );
    assert.deepEqual(
      [redirect.kind, (redirect as { masked: boolean }).masked, (redirect as { sensitive: boolean }).sensitive],
      ['text', true, false],
    );
    const plainText = stepAction(step({ type: 'text', message: 'Name', initialValue: 'work' }), NOW);
    assert.deepEqual(plainText, {
      kind: 'text',
      stepId: 'st-1',
      message: 'Name',
      sensitive: false,
      masked: false,
      initial: 'work',
    });
  });

  it("a device code is a gateway progress step: code, expiry from now, the provider's page", () => {
    const action = stepAction(
      step({
        type: 'progress',
        executor: 'gateway',
        message: 'fallback text',
        externalUrl: 'https://github.com/login/device',
        deviceCode: { code: 'ABCD-1234', expiresInMinutes: 15, message: 'Enter the code' },
      }),
      NOW,
    );
    assert.deepEqual(action, {
      kind: 'device-code',
      stepId: 'st-1',
      code: 'ABCD-1234',
      expiresAt: NOW + 15 * 60_000,
      url: 'https://github.com/login/device',
      message: 'Enter the code',
    });
    assert.deepEqual(stepAction(step({ type: 'progress', message: 'Starting OpenRouter OAuth...' }), NOW), {
      kind: 'progress',
      stepId: 'st-1',
      message: 'Starting OpenRouter OAuth...',
    });
  });

  it('select / multiselect / confirm keep the option values; a client action is unsupported', () => {
    const select = stepAction(
      step({
        type: 'select',
        message: 'Pick',
        options: [
          { value: { id: 1 }, label: 'One', hint: 'h' },
          { value: 'two', label: 'Two' },
        ],
        initialValue: 'two',
      }),
      NOW,
    );
    assert.deepEqual(select, {
      kind: 'select',
      stepId: 'st-1',
      message: 'Pick',
      multi: false,
      initial: 'two',
      options: [
        { label: 'One', hint: 'h', value: { id: 1 } },
        { label: 'Two', value: 'two' },
      ],
    });
    assert.equal((stepAction(step({ type: 'multiselect', options: [] }), NOW) as { multi: boolean }).multi, true);
    assert.deepEqual(stepAction(step({ type: 'confirm', message: 'Sure?', initialValue: true }), NOW), {
      kind: 'confirm',
      stepId: 'st-1',
      message: 'Sure?',
      initial: true,
    });
    assert.equal(stepAction(step({ type: 'action', executor: 'client' }), NOW).kind, 'unsupported');
    assert.equal(stepAction(step({ type: 'action', executor: 'gateway' }), NOW).kind, 'progress');
    assert.equal(stepAction(step({ type: 'hologram' }), NOW).kind, 'unsupported');
  });
});

describe('gateway sign-in wizard: choices', () => {
  const manifest: SignInChoice[] = [
    {
      provider: 'openai',
      method: 'oauth',
      label: 'ChatGPT Login',
      route: 'login',
      deviceCode: false,
      groupLabel: 'OpenAI',
    },
    { provider: 'openai', method: 'device-code', label: 'Device code', route: 'login', deviceCode: true },
    { provider: 'openai', method: 'api-key', label: 'API key', route: 'api-key', deviceCode: false },
    { provider: 'anthropic', method: 'cli', label: 'Claude CLI', route: 'login', deviceCode: false },
    { provider: 'anthropic', method: 'setup-token', label: 'Setup token', route: 'setup-token', deviceCode: false },
  ];
  const status = {
    providers: [],
    providerCapabilities: [
      {
        provider: 'OpenAI',
        loginOptions: [
          { id: 'openai/openai', kind: 'oauth' },
          { id: 'openai/openai-device-code', kind: 'device-code' },
          { id: 'openai/openai-api-key', kind: 'secret' },
          { id: 'bad id with spaces', kind: 'oauth' },
        ],
      },
      { provider: 'extra', loginOptions: [{ id: 'extra-plugin/extra%20login', kind: 'oauth', label: 'Extra' }] },
      { provider: 'broken' },
      'junk',
    ],
  };

  it('loginOptions are read leniently; ids outside the gateway grammar are dropped', () => {
    assert.deepEqual(
      loginOptionsOf(status).map((o) => `${o.provider} ${o.id} ${o.kind}`),
      [
        'openai openai/openai oauth',
        'openai openai/openai-device-code device-code',
        'openai openai/openai-api-key secret',
        'extra extra-plugin/extra%20login oauth',
      ],
    );
    assert.deepEqual(loginOptionsOf(undefined), []);
    assert.deepEqual(loginOptionsOf({ providerCapabilities: 'x' }), []);
  });

  it("the gateway's browser and device-code logins replace the terminal ones; keys, setup-tokens and the Claude CLI route stay", () => {
    const merged = withGatewayChoices(manifest, loginOptionsOf(status));
    assert.deepEqual(
      merged.map(
        (c) => `${c.provider} ${c.method} ${c.route} ${c.label}${c.route === 'gateway' ? ` ${c.authChoice}` : ''}`,
      ),
      [
        'openai openai gateway ChatGPT Login openai/openai',
        'openai openai-device-code gateway Device code openai/openai-device-code',
        'openai api-key api-key API key',
        'anthropic cli login Claude CLI',
        'anthropic setup-token setup-token Setup token',
        'extra extra-login gateway Extra extra-plugin/extra%20login',
      ],
    );
    assert.equal(merged[0]?.groupLabel, 'OpenAI');
    // No gateway options: the manifest's choices as they were.
    assert.deepEqual(withGatewayChoices(manifest, []), manifest);
  });
});

describe('gateway sign-in wizard: a busy setup slot', () => {
  const busy = Object.assign(new Error('OpenClaw setup is already in progress; try again when it finishes.'), {
    code: SETUP_BUSY_CODE,
  });
  const person: WizardUi = { step: () => Promise.resolve({ cancel: true }) };

  it('models.authLogin refused as busy is tried again, with growing waits, until the slot is free', async () => {
    const calls: string[] = [];
    const waits: number[] = [];
    let refusals = 2;
    const request: RequestFn = (method) => {
      calls.push(method);
      if (method === 'models.authLogin' && refusals-- > 0) return Promise.reject(busy);
      return Promise.resolve({ done: true, status: 'done' });
    };
    const outcome = await runGatewayLogin(
      request,
      { sessionId: 's', authChoice: 'openai/openai' },
      person,
      () => NOW,
      (ms) => (waits.push(ms), Promise.resolve()),
    );
    assert.deepEqual(outcome, { status: 'done' });
    assert.deepEqual(calls, ['models.authLogin', 'models.authLogin', 'models.authLogin']);
    assert.deepEqual(waits, [250, 500]);
  });

  it('still busy after ~16 s: the busy error is thrown (the UI explains it); other errors are not retried', async () => {
    const waits: number[] = [];
    const wait = (ms: number) => (waits.push(ms), Promise.resolve());
    await assert.rejects(
      runGatewayLogin(
        () => Promise.reject(busy),
        { sessionId: 's', authChoice: 'a/b' },
        person,
        () => NOW,
        wait,
      ),
      (e: unknown) => (e as { code?: string }).code === SETUP_BUSY_CODE,
    );
    assert.ok(waits.reduce((a, b) => a + b, 0) >= 15_000, String(waits));
    waits.length = 0;
    const other = Object.assign(new Error('nope'), { code: 'INVALID_REQUEST' });
    await assert.rejects(
      runGatewayLogin(
        () => Promise.reject(other),
        { sessionId: 's', authChoice: 'a/b' },
        person,
        () => NOW,
        wait,
      ),
      /nope/,
    );
    assert.deepEqual(waits, []);
  });
});
