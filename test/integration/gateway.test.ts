// The live gateway inside a real VS Code: a real `openclaw gateway run` (loopback, token) for a home made by the
// real CLI; the extension, pointed at that home by its stateDir setting, connects by itself, fetches
// models.authStatus after the snapshot, offers Test Connection, reads session pins through the gateway (then from
// the store once it stops), and says "not running" once the gateway stops.
// The token has the FAKE-SECRET shape, so run-integration's secret scan fails the run if any log or setting holds it.

import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { configureGateway, freePort, startGateway, type RunningGateway } from '../fixtures/gateway';
import { fakeApiKey } from '../fixtures/homes';
import { mustRun, node24Path } from '../fixtures/openclaw';
import { activateApi, type Api, until } from './helpers';
import { must } from '../fixtures/must';

describe('live gateway: the extension connects to a real local gateway', function () {
  this.timeout(240_000);
  const root = fs.mkdtempSync(path.join(process.env.OPENCLAW_AUTH_TEST_FIXTURES || os.tmpdir(), 'oca-gw-'));
  const home = path.join(root, 'home');
  const stateDir = path.join(home, '.openclaw');
  let gateway: RunningGateway | undefined;
  let a: Api;
  const saved: Record<string, unknown> = {};
  const PINNED = 'agent:main:integration-pin';

  before(async function () {
    this.timeout(Number(process.env.OPENCLAW_TEST_BUILD_TIMEOUT_MS) || 8 * 60_000);
    fs.mkdirSync(home, { recursive: true });
    // First, while no CLI has touched the home: then it is written directly, without a CLI call.
    const port = await freePort();
    const token = await configureGateway(home, port, `gw-FAKE-SECRET-${crypto.randomBytes(12).toString('hex')}`);
    await mustRun(
      'current',
      home,
      ['models', 'auth', 'paste-api-key', '--provider', 'openrouter'],
      `${fakeApiKey('gateway-int', 'sk-or-v1')}\n`,
    );
    gateway = await startGateway(home, port, token);
    a = await activateApi();
    const config = vscode.workspace.getConfiguration('openclawAuth');
    for (const key of ['nodePath', 'stateDir']) saved[key] = config.inspect(key)?.globalValue;
    await config.update('nodePath', node24Path(), vscode.ConfigurationTarget.Global);
    await config.update('stateDir', stateDir, vscode.ConfigurationTarget.Global);
    await until(`a snapshot of ${stateDir}`, async () => (await a.refresh()).stateDir === stateDir);
  });

  after(async () => {
    await gateway?.stop();
    // Later suites point the extension where they need it; leave the settings as this one found them.
    const config = vscode.workspace.getConfiguration('openclawAuth');
    for (const [key, value] of Object.entries(saved))
      await config.update(key, value, vscode.ConfigurationTarget.Global);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('connects by itself (no set-up) and fetches models.authStatus for the agent after the snapshot', async () => {
    assert.ok(gateway);
    const started = Date.now();
    const connected = await until(
      'gateway: connected',
      () => {
        const s = a.getGatewayState();
        return s.kind === 'connected' && s.agents.main ? s : undefined;
      },
      90_000,
    );
    console.log(
      `[integration gateway] listening after ${(gateway.startMs / 1000).toFixed(1)} s; the extension connected and fetched in ${Date.now() - started} ms`,
    );
    assert.equal(connected.url, gateway.url);
    assert.match(connected.serverVersion ?? '', /^2026\.9\.6/);
    const openrouter = must(connected.agents.main, 'connected.agents.main').providers.find(
      (p) => p.provider === 'openrouter',
    );
    assert.deepEqual(
      openrouter?.profiles.map((p) => [p.profileId, p.type, p.status]),
      [['openrouter:manual', 'api_key', 'static']],
    );
    assert.ok(connected.usage, 'usage.status was fetched');
    assert.equal(JSON.stringify(connected).includes(gateway.token), false, 'the API never exposes the token');
  });

  it('registers Test Connection, shown on provider and profile rows only while connected', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('openclawAuth.testConnection'));
    const pkg = must(
      vscode.extensions.getExtension('clawkit.openclaw-auth'),
      "vscode.extensions.getExtension('clawkit.openclaw-auth')",
    ).packageJSON as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const menu = must(pkg.contributes.menus['view/item/context'], "pkg.contributes.menus['view/item/context']").find(
      (m) => m.command === 'openclawAuth.testConnection',
    );
    assert.match(menu?.when ?? '', /openclawAuth\.gatewayConnected/);
    assert.match(menu?.when ?? '', /\(profile\|provider\)/);
  });

  it('Set Order and Clear Order go through the gateway while connected, and authStatus shows them without a restart', async () => {
    const stored = () =>
      a.getGatewayState().agents.main?.providers.find((p) => p.provider === 'openrouter')?.profileOrderStored === true;
    const set = await vscode.commands.executeCommand<{ output: string }>('openclawAuth.setOrder', {
      provider: 'openrouter',
      profileIds: ['openrouter:manual'],
    });
    assert.match(set.output, /models\.authOrderSet through the gateway/, 'not the CLI');
    // The extension re-fetches after its own write: the view it exposes has the new stored order.
    await until('authStatus shows the stored order', () => (stored() ? true : undefined), 30_000);
    const cleared = await vscode.commands.executeCommand<{ output: string }>('openclawAuth.clearOrder', {
      provider: 'openrouter',
    });
    assert.match(cleared.output, /through the gateway/);
    await until('authStatus shows no stored order', () => (stored() ? undefined : true), 30_000);
  });

  it('session pins come from the gateway while it is connected (sessions.list + chat.metadata), dangling flag included', async () => {
    // Pinned by OpenClaw's own CLI through the gateway, to a profile that does not exist (sessions.patch does not check).
    await mustRun('current', home, [
      'gateway',
      'call',
      'sessions.patch',
      '--json',
      '--params',
      JSON.stringify({ key: PINNED, model: 'openrouter/anthropic/claude-opus-4.5@openrouter:gone' }),
    ]);
    await a.refresh();
    const s = await until(
      'the pin, read through the gateway',
      () => {
        const snapshot = a.getSnapshot();
        const pin = snapshot?.agents.find((x) => x.id === 'main')?.pins?.find((p) => p.sessionKey === PINNED);
        return snapshot?.pinsFrom === 'gateway' && pin ? { snapshot, pin } : undefined;
      },
      30_000,
    );
    assert.deepEqual([s.pin.profileId, s.pin.source, s.pin.status], ['openrouter:gone', 'user', 'dangling']);
  });

  it('when the gateway stops: "not running", a normal state (the local read goes on)', async () => {
    await must(gateway, 'gateway').stop();
    await until('gateway: not running', () => (a.getGatewayState().kind === 'not-running' ? true : undefined), 30_000);
    const s = await a.refresh();
    assert.equal(s.stateDir, stateDir);
    assert.ok(s.agents[0]?.providers.some((p) => p.id === 'openrouter'));
    // Pins go back to the agent's store (read-only) and show the same dangling pin.
    assert.equal(s.pinsFrom, 'store');
    const pin = s.agents.find((x) => x.id === 'main')?.pins?.find((p) => p.sessionKey === PINNED);
    assert.deepEqual([pin?.profileId, pin?.status], ['openrouter:gone', 'dangling']);
  });
});
