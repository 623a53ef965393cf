// Sign In… in a real VS Code without a gateway: the provider list comes from the found CLI's own manifests, and the
// terminal path starts `openclaw models auth login` with an argument array through the runner (no shell text).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateApi, cmd, never, until } from './helpers';
import { must } from '../fixtures/must';

describe('Sign In (no gateway)', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('openclawAuth');
  // An empty state folder of its own: the login started below must not touch another test's home.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-signin-'));
  let saved: unknown;

  before(async () => {
    const api = await activateApi();
    saved = config().inspect('stateDir')?.globalValue;
    await config().update('stateDir', path.join(home, '.openclaw'), vscode.ConfigurationTarget.Global);
    const snapshot = await api.refresh();
    assert.ok(snapshot.cli, 'the openclaw CLI is found on PATH');
  });

  after(async () => {
    await config().update('stateDir', saved, vscode.ConfigurationTarget.Global);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('Sign In with { provider: openai, method: oauth, agent: main } opens a terminal running exactly models auth login --provider openai --method oauth --agent main', async () => {
    const before = vscode.window.terminals.length;
    const result = (await cmd('openclawAuth.signIn', { provider: 'openai', method: 'oauth', agent: 'main' })) as {
      terminal: string;
      args: string[];
    };
    const terminal = await until(
      'the sign-in terminal',
      () => vscode.window.terminals.length > before && vscode.window.terminals.find((t) => t.name === result.terminal),
    );
    const options = terminal.creationOptions as vscode.TerminalOptions;
    // The runner under the extension host's Node starts OpenClaw with the argument array.
    assert.equal(options.shellPath, process.execPath);
    const args = options.shellArgs as string[];
    assert.match(must(args[0], 'args[0]'), /terminal-runner\.js$/);
    assert.deepEqual(args.slice(-9), [
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
    terminal.dispose();
  });

  it("ids outside OpenClaw's grammar start nothing", async () => {
    const before = vscode.window.terminals.length;
    await assert.rejects(
      cmd('openclawAuth.signIn', { provider: 'openai; touch x', method: 'oauth', agent: 'main' }),
      /characters OpenClaw does not use/,
    );
    await assert.rejects(
      cmd('openclawAuth.signIn', { provider: 'openai', method: '--force', agent: 'main' }),
      /characters OpenClaw does not use/,
    );
    await never('a terminal opened for a refused id', () => vscode.window.terminals.length !== before, 300);
  });

  it("Sign In from the palette offers the providers of the installed CLI's manifests", async () => {
    const w = vscode.window as { createQuickPick: typeof vscode.window.createQuickPick };
    const original = w.createQuickPick;
    const picks: vscode.QuickPick<vscode.QuickPickItem>[] = [];
    w.createQuickPick = <T extends vscode.QuickPickItem>() => {
      const q = original<T>();
      picks.push(q);
      return q;
    };
    try {
      const running = cmd('openclawAuth.signIn');
      const pick = await until('the provider step', () => picks.find((q) => q.items.length > 0));
      const labels = pick.items.map((i) => i.label);
      for (const p of ['anthropic', 'openai', 'github-copilot', 'openrouter', 'xai', 'google'])
        assert.ok(labels.includes(p), `${p} in ${labels.join(', ')}`);
      assert.equal(
        pick.items.find((i) => i.label === 'openai')?.detail,
        'ChatGPT Login · ChatGPT Device Pairing · OpenAI API Key',
      );
      pick.hide();
      assert.equal(await running, undefined, 'Escape ends the flow quietly');
    } finally {
      w.createQuickPick = original;
    }
  });
});
