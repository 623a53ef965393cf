// The extension's contract inside a real VS Code: the API and every command called with an arguments
// object, against homes made by the real OpenClaw CLI, checked against that CLI's own JSON.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cliEnv, mustRun, node24Path, runOpenclaw, stdoutJson } from '../fixtures/openclaw';
import { baseHome } from '../fixtures/homes';
import type { Snapshot } from '../../src/openclaw/types';
import { activateApi, type Api, until, within } from './helpers';
import { must, providerOf } from '../fixtures/must';

const TOKEN = (tag: string) => `sk-ant-oat01-FAKE-int-${tag}-`.padEnd(100, 'q');
const KEY = 'sk-or-v1-FAKE-integration-0123456789abcdef';

/** Points the extension at a state dir (user setting), like a person would, and waits for a snapshot of it. */
async function useStateDir(a: Api, stateDir: string): Promise<Snapshot> {
  const config = vscode.workspace.getConfiguration('openclawAuth');
  await config.update('stateDir', stateDir, vscode.ConfigurationTarget.Global);
  await config.update('nodePath', node24Path(), vscode.ConfigurationTarget.Global);
  return until(`a snapshot of ${stateDir}`, async () => {
    const s = await a.refresh();
    return s.stateDir === stateDir && s;
  });
}

function authList(home: string, agent?: string) {
  return runOpenclaw('current', home, ['models', 'auth', 'list', '--json', ...(agent ? ['--agent', agent] : [])]).then(
    (r) => stdoutJson(r) as { profiles: { id: string; type: string; expiresAt?: string }[] },
  );
}

function profileIds(s: Snapshot, agent = 'main'): string[] {
  return (s.agents.find((a) => a.id === agent)?.providers ?? [])
    .flatMap((p) => p.profiles.filter((x) => !x.declaredOnly).map((x) => x.id))
    .sort();
}

describe('API and commands with arguments (real CLI)', function () {
  this.timeout(180_000);
  let home: string;
  let stateDir: string;
  let a: Api;

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-int-'));
    stateDir = path.join(home, '.openclaw');
    await baseHome(home); // openclaw models set anthropic/claude-opus-5, made once and copied
    await mustRun('current', home, ['models', 'auth', 'paste-api-key', '--provider', 'openrouter'], `${KEY}\n`);
    a = await activateApi();
    await useStateDir(a, stateDir);
  });

  it('activates and returns the API with a snapshot of the configured home', async () => {
    const s = await a.refresh();
    assert.equal(s.stateDir, stateDir);
    assert.equal(s.generation, 'sqlite-shared');
    assert.ok(s.cli, 'CLI found on PATH');
    assert.match(s.cli.version, /^2026\.9\.6/);
    assert.deepEqual(profileIds(s), ['openrouter:manual']);
    const p = must(providerOf(s, 'openrouter').profiles[0], "providerOf(s, 'openrouter').profiles[0]");
    assert.equal(p.type, 'api_key');
    assert.equal(p.health, 'static');
    assert.equal(p.masked, 'sk-or-v1...89abcdef');
    assert.equal(a.getSnapshot()?.takenAt, s.takenAt);
  });

  it('pasteToken with arguments stores the token with its expiry, as the CLI reports it', async () => {
    const seen: Snapshot[] = [];
    const sub = a.onDidChangeSnapshot((s) => seen.push(s));
    const before = Date.now();
    await vscode.commands.executeCommand('openclawAuth.pasteToken', {
      provider: 'anthropic',
      profileId: 'anthropic:work',
      token: `  ${TOKEN('a')}\n`,
      expiresIn: '30d',
    });
    sub.dispose();
    const s = must(a.getSnapshot(), 'a.getSnapshot()');
    const p = must(
      providerOf(s, 'anthropic').profiles.find((x) => x.id === 'anthropic:work'),
      'profile anthropic:work',
    );
    assert.equal(p.type, 'token');
    assert.equal(p.health, 'ok');
    assert.ok(
      must(p.expiresAt, 'p.expiresAt') >= before + 30 * 86_400_000 - 5000 &&
        must(p.expiresAt, 'p.expiresAt') <= Date.now() + 30 * 86_400_000,
    );
    assert.ok(seen.length > 0, 'onDidChangeSnapshot fired');
    const cli = await authList(home);
    const truth = must(
      cli.profiles.find((x) => x.id === 'anthropic:work'),
      "cli.profiles.find((x) => x.id === 'anthropic:work')",
    );
    assert.equal(
      Date.parse(must(truth.expiresAt, 'truth.expiresAt')),
      p.expiresAt,
      'expiry equals the CLI to the millisecond',
    );
  });

  it('pasteApiKey with arguments adds an api_key profile', async () => {
    await vscode.commands.executeCommand('openclawAuth.pasteApiKey', {
      provider: 'anthropic',
      profileId: 'anthropic:api',
      key: 'sk-ant-api03-FAKE-int-0123456789abcdef',
    });
    const s = must(a.getSnapshot(), 'a.getSnapshot()');
    assert.deepEqual(profileIds(s), ['anthropic:api', 'anthropic:work', 'openrouter:manual']);
    const cli = await authList(home);
    assert.deepEqual(cli.profiles.map((x) => x.id).sort(), profileIds(s));
  });

  it('setOrder stores an override and clearOrder removes it, matching `order get`', async () => {
    await vscode.commands.executeCommand('openclawAuth.setOrder', {
      provider: 'anthropic',
      profileIds: ['anthropic:api', 'anthropic:work'],
    });
    let p = providerOf(a.getSnapshot(), 'anthropic');
    assert.equal(p.orderSource, 'stored');
    assert.deepEqual(p.order, ['anthropic:api', 'anthropic:work']);
    assert.deepEqual(p.storedOrder, ['anthropic:api', 'anthropic:work']);
    const got = stdoutJson(
      await runOpenclaw('current', home, ['models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json']),
    ) as { order: string[] | null };
    assert.deepEqual(got.order, ['anthropic:api', 'anthropic:work']);

    await vscode.commands.executeCommand('openclawAuth.clearOrder', { provider: 'anthropic' });
    p = providerOf(a.getSnapshot(), 'anthropic');
    assert.notEqual(p.orderSource, 'stored');
    assert.equal(p.storedOrder, undefined);
    const cleared = stdoutJson(
      await runOpenclaw('current', home, ['models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json']),
    ) as { order: string[] | null };
    assert.equal(cleared.order, null);
  });

  it("setOrder rejects with the CLI's reason for an unknown profile and changes nothing", async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('openclawAuth.setOrder', {
          provider: 'anthropic',
          profileIds: ['anthropic:nope'],
        }),
      ),
      (e: Error) => /not found/i.test(e.message) && e.message.includes('anthropic:nope'),
    );
    assert.notEqual(providerOf(a.getSnapshot(), 'anthropic').orderSource, 'stored');
  });

  it('pasteToken rejects a non-setup-token before running anything', async () => {
    const before = await authList(home);
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('openclawAuth.pasteToken', {
          provider: 'anthropic',
          profileId: 'anthropic:bad',
          token: 'sk-ant-api03-FAKE-not-a-setup-token-0123456789',
        }),
      ),
      (e: Error) => /sk-ant-oat01-/.test(e.message) && !e.message.includes('FAKE-not-a-setup'),
    );
    assert.deepEqual(
      (await authList(home)).profiles.map((x) => x.id),
      before.profiles.map((x) => x.id),
    );
  });

  it('removeProfile with arguments logs the profile out', async () => {
    await vscode.commands.executeCommand('openclawAuth.removeProfile', { profileId: 'anthropic:api' });
    assert.deepEqual(profileIds(must(a.getSnapshot(), 'a.getSnapshot()')), ['anthropic:work', 'openrouter:manual']);
    assert.deepEqual((await authList(home)).profiles.map((x) => x.id).sort(), ['anthropic:work', 'openrouter:manual']);
  });

  it('a change made by the CLI in a terminal shows up in the snapshot', async () => {
    const changed = new Promise<Snapshot>((resolve) => {
      const sub = a.onDidChangeSnapshot((s) => {
        if (profileIds(s).includes('anthropic:outside')) {
          sub.dispose();
          resolve(s);
        }
      });
    });
    await mustRun(
      'current',
      home,
      [
        'models',
        'auth',
        'paste-token',
        '--provider',
        'anthropic',
        '--profile-id',
        'anthropic:outside',
        '--expires-in',
        '2h',
      ],
      `${TOKEN('outside')}\n`,
      cliEnv(home),
    );
    const s = await within('a snapshot with the outside change', changed, 5000);
    const p = must(
      providerOf(s, 'anthropic').profiles.find((x) => x.id === 'anthropic:outside'),
      'profile anthropic:outside',
    );
    assert.equal(p.health, 'expiring');
  });

  it('refresh command resolves with a snapshot', async () => {
    const s = await vscode.commands.executeCommand<Snapshot>('openclawAuth.refresh');
    assert.equal(s.stateDir, stateDir);
  });
});
