// "Set Up Claude Token…" in a real VS Code: a fake `claude` in $HOME/.local/bin (where findClaude looks),
// the named terminal, the end of the command seen through shell integration, the captured token offered
// and saved with --expires-in 365d by the real CLI, and the token kept out of the log.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { node24Path, runOpenclaw, stdoutJson } from '../fixtures/openclaw';
import { activateApi, type Api, cmd, until, within } from './helpers';
import { must, providerOf } from '../fixtures/must';

const SECRET = 'sk-ant-oat01-FAKE-setup-'.padEnd(108, 'z');
const DAY = 86_400_000;
/** Assertion messages must never carry the token. */
const masked = (text: string) => text.split(SECRET).join('<SECRET>');

/** The extension's "OpenClaw Auth" log file, written by the extension host under the server's logs folder. */
function logFiles(): string[] {
  const found: string[] = [];
  const roots = fs
    .readdirSync(os.tmpdir())
    .filter((d) => d.startsWith('openclaw-auth-host-'))
    .map((d) => path.join(os.tmpdir(), d, 'user-data', 'logs'));
  for (const root of roots.filter((r) => fs.existsSync(r))) {
    for (const f of fs.readdirSync(root, { recursive: true, encoding: 'utf8' }))
      if (f.endsWith('OpenClaw Auth.log')) found.push(path.join(root, f));
  }
  return found;
}

describe('Set Up Claude Token (fake claude, real CLI)', function () {
  this.timeout(90_000);
  const config = () => vscode.workspace.getConfiguration('openclawAuth');
  const localBin = path.join(process.env.HOME ?? os.homedir(), '.local', 'bin');
  const claude = path.join(localBin, 'claude');
  let home: string;
  let a: Api;

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-setup-'));
    fs.mkdirSync(localBin, { recursive: true });
    // Prints the token the way `claude setup-token` does: a line of its own after some chatter.
    fs.writeFileSync(
      claude,
      `#!/bin/bash\n[ "$1" = "setup-token" ] || exit 64\n[ -f "$HOME/.claude-wait" ] && sleep 60\necho "Your OAuth token (valid for 1 year):"\necho\necho "${SECRET}"\necho\necho "Store this token securely."\nexit 0\n`,
      { mode: 0o755 },
    );
    a = await activateApi();
    await config().update('stateDir', path.join(home, '.openclaw'), vscode.ConfigurationTarget.Global);
    await config().update('nodePath', node24Path(), vscode.ConfigurationTarget.Global);
    await config().update('captureSetupToken', true, vscode.ConfigurationTarget.Global);
    await until(
      'snapshot of the setup-token home',
      async () => (await a.refresh()).stateDir === path.join(home, '.openclaw'),
    );
  });
  after(async () => {
    await config().update('captureSetupToken', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(claude, { force: true });
    for (const t of vscode.window.terminals) t.dispose();
  });

  it('runs claude setup-token in its terminal, offers the captured token and saves it for 365 days', async () => {
    await cmd('notifications.clearAll');
    const ended = new Promise<vscode.TerminalShellExecutionEndEvent>((resolve) => {
      const sub = vscode.window.onDidEndTerminalShellExecution((e) => {
        if (e.terminal.name === 'Claude setup-token') {
          sub.dispose();
          resolve(e);
        }
      });
    });
    const started = Date.now();
    const done = cmd('openclawAuth.setupToken');
    const terminal = await until('the "Claude setup-token" terminal', () =>
      vscode.window.terminals.find((t) => t.name === 'Claude setup-token'),
    );
    const end = await within('shell integration reporting the end of claude setup-token', ended, 30_000);
    assert.equal(end.exitCode, 0);
    assert.match(end.execution.commandLine.value, /\/\.local\/bin\/claude'? '?setup-token/);
    assert.equal(end.terminal, terminal);
    // Transient: VS Code never restores this terminal, or its scrollback with the token, in a later window.
    assert.equal((terminal.creationOptions as vscode.TerminalOptions).isTransient, true);
    // The offer "Save the token printed by claude setup-token (sk-ant-o…) …" is a notification; Save is its first button.
    let settled = false;
    void done.finally(() => (settled = true)).catch(() => undefined);
    await until(
      'the token saved through the offer',
      async () => {
        if (!settled) await cmd('notification.acceptPrimaryAction');
        return settled;
      },
      30_000,
    );
    await done;
    const r = await runOpenclaw('current', home, ['models', 'auth', 'list', '--json']);
    assert.ok(!r.stdout.includes(SECRET), 'the CLI lists the token masked');
    const profiles = (stdoutJson(r) as { profiles: { id: string; type: string; expiresAt?: string }[] }).profiles;
    const p = profiles.find((x) => x.id === 'anthropic:manual');
    assert.ok(p, masked(`anthropic:manual stored, got ${JSON.stringify(profiles)}`));
    assert.equal(p.type, 'token');
    const exp = Date.parse(must(p.expiresAt, 'p.expiresAt'));
    assert.ok(
      exp >= started + 365 * DAY - 5000 && exp <= Date.now() + 365 * DAY,
      `expiresAt ${p.expiresAt} ≈ now + 365 d`,
    );
    const snap = await a.refresh();
    const inSnap = must(
      providerOf(snap, 'anthropic').profiles.find((x) => x.id === 'anthropic:manual'),
      'profile anthropic:manual',
    );
    assert.equal(inSnap.expiresAt, exp, 'the snapshot agrees with the CLI');
  });

  it('never writes the token to the log', () => {
    const files = logFiles();
    assert.ok(files.length > 0, 'found the OpenClaw Auth log');
    const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.ok(text.includes('paste-token saved anthropic:manual'), masked('the log records the save'));
    assert.ok(!text.includes(SECRET), 'the log does not contain the token');
    assert.ok(!text.includes(SECRET.slice(20, 60)), 'nor a long piece of it');
  });

  it('closing the terminal before claude ends stops the command quietly', async () => {
    const wait = path.join(process.env.HOME ?? os.homedir(), '.claude-wait');
    fs.writeFileSync(wait, '');
    try {
      for (const t of vscode.window.terminals) t.dispose();
      const done = cmd('openclawAuth.setupToken');
      const started = new Promise<void>((resolve) => {
        const sub = vscode.window.onDidStartTerminalShellExecution((e) => {
          if (e.terminal.name === 'Claude setup-token') {
            sub.dispose();
            resolve();
          }
        });
      });
      // Without shell integration the start is not reported: the terminal itself is what this step needs.
      await within('the start of claude setup-token', started, 30_000).catch(() => undefined);
      const terminal = await until('the terminal', () =>
        vscode.window.terminals.find((t) => t.name === 'Claude setup-token'),
      );
      terminal.dispose();
      assert.equal(await within('the command to end', done, 10_000), undefined);
    } finally {
      fs.rmSync(wait, { force: true });
    }
  });

  it('without capture, claude setup-token runs under the runner with its argument array in a transient terminal', async () => {
    await config().update('captureSetupToken', undefined, vscode.ConfigurationTarget.Global);
    try {
      for (const t of vscode.window.terminals) t.dispose();
      await cmd('notifications.clearAll');
      const done = cmd('openclawAuth.setupToken');
      const terminal = await until('the "Claude setup-token" terminal', () =>
        vscode.window.terminals.find((t) => t.name === 'Claude setup-token'),
      );
      const options = terminal.creationOptions as vscode.TerminalOptions;
      assert.equal(options.isTransient, true);
      assert.equal(options.shellPath, process.execPath);
      const args = options.shellArgs as string[];
      assert.match(must(args[0], 'args[0]'), /terminal-runner\.js$/);
      assert.deepEqual(args.slice(1), [claude, 'setup-token']);
      // Escape on "Paste token now" ends the command quietly; the notification may not be up yet, so clear until it ends.
      let settled = false;
      void done.finally(() => (settled = true)).catch(() => undefined);
      await until(
        'the command to end once its notification is dismissed',
        async () => {
          if (!settled) await cmd('notifications.clearAll');
          return settled;
        },
        10_000,
      );
      assert.equal(await done, undefined);
      terminal.dispose();
    } finally {
      await config().update('captureSetupToken', true, vscode.ConfigurationTarget.Global);
    }
  });

  it('without claude, says how to install it and runs nothing', async () => {
    const away = `${claude}.away`;
    fs.writeFileSync(away, fs.readFileSync(claude));
    fs.rmSync(claude);
    try {
      const terminalsBefore = vscode.window.terminals.length;
      const shown: string[] = [];
      const w = vscode.window as { showErrorMessage: (...args: unknown[]) => Thenable<unknown> };
      const original = w.showErrorMessage;
      // Watch the message and answer as a person dismissing it would (undefined): the real call still shows it.
      w.showErrorMessage = (...args: unknown[]) => {
        shown.push(String(args[0]));
        void original.apply(vscode.window, args);
        return Promise.resolve(undefined);
      };
      try {
        assert.equal(await cmd('openclawAuth.setupToken'), undefined);
      } finally {
        w.showErrorMessage = original;
      }
      assert.equal(shown.length, 1);
      assert.match(must(shown[0], 'shown[0]'), /\(claude\).*not found/);
      assert.match(must(shown[0], 'shown[0]'), /npm install -g @anthropic-ai\/claude-code/);
      assert.equal(vscode.window.terminals.length, terminalsBefore, 'no terminal opened');
    } finally {
      fs.renameSync(away, claude);
    }
  });
});
