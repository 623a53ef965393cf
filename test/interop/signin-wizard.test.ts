// Sign In through a real gateway (2026.9.6 on loopback): the login choices come from models.authStatus'
// providerCapabilities, and runGatewayLogin drives models.authLogin + wizard.next exactly as the extension does, with a
// scripted person in place of VS Code. OpenAI's and OpenRouter's OAuth reach, offline, a note with the provider's
// authorize URL and then a sensitive text step for the pasted redirect URL; the person cancels there, and neither
// models.authStatus nor `models auth list --json` may show a profile afterwards.

import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GatewayConnection } from '../../src/openclaw/gateway/connection';
import { createGatewayConnection } from '../../src/openclaw/gateway/index';
import { discoverLocalGateway } from '../../src/openclaw/gateway/config';
import { loginOptionsOf } from '../../src/openclaw/gateway/loginChoices';
import { runGatewayLogin, type StepAction, type StepReply, type WizardUi } from '../../src/openclaw/gateway/wizard';
import { configureGateway, freePort, startGateway, waitForState, type RunningGateway } from '../fixtures/gateway';
import { cliEnv, mustRun, stdoutJson } from '../fixtures/openclaw';
import { must } from '../fixtures/must';

/** A person who opens what they are shown and cancels at the first thing that asks for a secret. */
class ScriptedPerson implements WizardUi {
  readonly seen: StepAction[] = [];
  private readonly started = Date.now();
  step(action: StepAction): Promise<StepReply> {
    this.seen.push(action);
    const url = 'url' in action && action.url ? ` ${new URL(action.url).origin}` : '';
    console.log(`[interop wizard] +${Date.now() - this.started} ms ${action.kind}${url}`);
    switch (action.kind) {
      case 'open-url':
      case 'note':
        return Promise.resolve({ ack: true });
      case 'text':
        // The first thing to paste: stop there (an empty answer would only get the step back with an error).
        return Promise.resolve({ cancel: true });
      case 'progress':
      case 'device-code':
        return new Promise(() => undefined);
      default:
        return Promise.resolve({ cancel: true });
    }
  }
}

describe('interop: Sign In through the gateway wizard (real openclaw gateway run)', function () {
  this.timeout(120_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-wizard-'));
  const home = path.join(root, 'home');
  const env = cliEnv(home);
  let gateway: RunningGateway | undefined;
  let connection: GatewayConnection;
  const request = (method: string, params: unknown, opts?: { timeoutMs?: number | null }) =>
    connection.request(method, params, opts?.timeoutMs ? { timeoutMs: opts.timeoutMs } : {});

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 10 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    const port = await freePort();
    const token = await configureGateway(home, port);
    gateway = await startGateway(home, port, token);
    connection = createGatewayConnection(discoverLocalGateway({ env, homedir: home }), { clientVersion: 'test' });
    connection.start();
    await waitForState(connection, ['connected'], 60_000);
  });

  after(async () => {
    await connection?.dispose();
    await gateway?.stop();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(root, { recursive: true, force: true });
  });

  let options: ReturnType<typeof loginOptionsOf> = [];

  it("the login choices are the gateway's providerCapabilities: OpenAI and OpenRouter OAuth among them", async () => {
    options = loginOptionsOf(await connection.authStatus('main'));
    const pairs = options.map((o) => `${o.provider} ${o.kind}`);
    assert.ok(pairs.includes('openai oauth'), pairs.join(', '));
    assert.ok(pairs.includes('openrouter oauth'), pairs.join(', '));
    for (const o of options) assert.match(o.id, /^[^/\s]+\/[^/\s]+$/);
  });

  for (const provider of ['openai', 'openrouter']) {
    it(`${provider} OAuth: the authorize URL (https), then the paste step (masked); cancelled there, no profile left`, async () => {
      const option = options.find((o) => o.provider === provider && o.kind === 'oauth');
      assert.ok(option, `no ${provider} oauth option`);
      const person = new ScriptedPerson();
      const outcome = await runGatewayLogin(
        request,
        { sessionId: crypto.randomUUID(), authChoice: option.id, agentId: 'main' },
        person,
      );
      const kinds = person.seen.map((s) =>
        s.kind === 'text' ? `text${s.sensitive ? ':sensitive' : ''}${s.masked ? ':masked' : ''}` : s.kind,
      );
      console.log(`[interop wizard] ${provider}: ${kinds.join(' → ')} → ${outcome.status}`);
      const url = person.seen.find((s) => s.kind === 'open-url' || (s.kind === 'text' && s.url));
      assert.ok(url, `no step with an external URL: ${kinds.join(', ')}`);
      assert.match((url as { url: string }).url, /^https:\/\//);
      const last = must(person.seen.at(-1), 'person.seen.at(-1)');
      assert.equal(last.kind, 'text');
      const text = last;
      // OpenAI's step is sensitive; OpenRouter's redirect-URL step (2026.9.6) is not, but it names the page: masked too.
      if (provider === 'openai') assert.equal(text.sensitive, true);
      assert.equal(text.masked, true);
      assert.equal(outcome.status, 'cancelled');
      // The session is gone: stepping it again is refused.
      await assert.rejects(request('wizard.next', { sessionId: 'nope' }));
      const status = await connection.authStatus('main');
      const profiles = status.providers.flatMap((p) => p.profiles.map((x) => x.profileId));
      assert.deepEqual(profiles, [], `gateway shows ${profiles.join(', ')}`);
    });
  }

  it('`models auth list --json` (the CLI, from the stores) shows no profile either', async () => {
    const listed = stdoutJson(await mustRun('current', home, ['models', 'auth', 'list', '--json'], undefined, env)) as {
      profiles?: unknown[];
    };
    assert.deepEqual(listed.profiles ?? [], []);
  });
});
