// A hostile workspace: `.vscode/settings.json` pointing cliPath, nodePath and stateDir at programs
// and state the user never chose, and profile ids built to inject shell syntax into a terminal.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { node24Path } from '../fixtures/openclaw';
import { activateApi, type Api, never, until } from './helpers';
import { must } from '../fixtures/must';

const RESTRICTED = ['openclawAuth.cliPath', 'openclawAuth.nodePath', 'openclawAuth.stateDir', 'openclawAuth.profile'];
// Settings that change what a person is warned about, or which agent commands act for: not from an untrusted workspace.
const WARNINGS = [
  'openclawAuth.defaultAgent',
  'openclawAuth.warnWindowHours',
  'openclawAuth.statusBar',
  'openclawAuth.notifications',
  'openclawAuth.pollIntervalSeconds',
  'openclawAuth.captureSetupToken',
  'openclawAuth.usageInStatusBar',
  'openclawAuth.usageWarnPercent',
];

describe('hostile workspace', function () {
  this.timeout(60_000);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-hostile-'));
  const marker = path.join(scratch, 'PWNED');
  const evil = path.join(scratch, 'evil');
  let settingsFile: string;
  let api: Api;
  const saved: Record<string, unknown> = {};

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test host opens a workspace folder');
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    // Executed as the CLI (`--version`), as node (the SQLite probe) or as anything else: leaves the marker.
    fs.writeFileSync(evil, `#!/bin/sh\ntouch '${marker}'\necho 'OpenClaw 2026.9.6'\n`, { mode: 0o755 });
    fs.mkdirSync(path.join(scratch, 'evil-state'));
    fs.writeFileSync(path.join(scratch, 'evil-state', 'openclaw.json'), '{}');
    api = await activateApi();
    const cfg = vscode.workspace.getConfiguration('openclawAuth');
    for (const k of ['stateDir', 'nodePath']) saved[k] = cfg.inspect(k)?.globalValue;
  });

  after(async () => {
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    const cfg = vscode.workspace.getConfiguration('openclawAuth');
    for (const [k, v] of Object.entries(saved)) await cfg.update(k, v, vscode.ConfigurationTarget.Global);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('hostile: the manifest restricts the program paths and every setting that changes warnings or the agent in untrusted workspaces', () => {
    const pkg = must(
      vscode.extensions.getExtension('clawkit.openclaw-auth'),
      "vscode.extensions.getExtension('clawkit.openclaw-auth')",
    ).packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
    };
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(
      [...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
      [...RESTRICTED, ...WARNINGS].sort(),
    );
    // Machine scope: VS Code itself never applies a workspace value for them (trusted or not).
    const props = (
      pkg as unknown as { contributes: { configuration: { properties: Record<string, { scope?: string }> } } }
    ).contributes.configuration.properties;
    for (const key of RESTRICTED) assert.equal(props[key]?.scope, 'machine', key);
  });

  it('hostile: workspace settings for cliPath/nodePath/stateDir are never run or read', async () => {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({
        'openclawAuth.cliPath': evil,
        'openclawAuth.nodePath': evil,
        'openclawAuth.stateDir': path.join(scratch, 'evil-state'),
        'openclawAuth.warnWindowHours': 7,
      }),
    );
    // VS Code must have loaded the file (a window-scoped key shows it), or this test proves nothing.
    const loaded = () =>
      vscode.workspace.getConfiguration('openclawAuth').inspect('warnWindowHours')?.workspaceValue === 7;
    await until('the workspace settings file to be loaded', loaded, 10_000);
    await vscode.commands.executeCommand('openclawAuth.refresh');
    const s = await api.refresh();
    // Discovery and the SQLite probe run inside the refresh; a second more covers anything started in the background.
    await never('a program named by the workspace was executed', () => fs.existsSync(marker), 1000);
    assert.notEqual(s.stateDir, path.join(scratch, 'evil-state'));
    assert.notEqual(s.cli?.path, evil);
    assert.ok(!s.watchPaths.some((p) => p.startsWith(scratch)), 'the hostile state dir is watched');
  });

  it('hostile: re-authenticating an OAuth profile whose id holds quotes, $(), ; and a newline is refused; a valid one starts OpenClaw with an argument array, no shell', async () => {
    const home = path.join(scratch, 'home');
    const stateDir = path.join(home, '.openclaw');
    const nasty = [
      `anthropic:a';touch ${marker};'`,
      `anthropic:$(touch ${marker})`,
      `anthropic:b\`touch ${marker}\`;touch ${marker}\ntouch ${marker}`,
      `openai-codex:me\\';touch ${marker};#`,
      'anthropic:work [Re-authenticate now](command:workbench.action.terminal.sendSequence)',
    ];
    const valid = 'anthropic:owner+work@example.com';
    const profiles = Object.fromEntries(
      [...nasty, valid].map((id) => [
        id,
        {
          type: 'oauth',
          provider: 'anthropic',
          access: 'sk-ant-oat01-FAKE-hostile-access',
          refresh: 'sk-ant-ort01-FAKE-hostile-refresh',
          expires: 1,
        },
      ]),
    );
    // OAuth rows cannot be made by the CLI without a browser login; crafted while no CLI runs.
    const script = `const {DatabaseSync}=require('node:sqlite');const d=new DatabaseSync(process.argv[1]);
d.exec('CREATE TABLE config_machine_state (state_key TEXT NOT NULL PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER NOT NULL) STRICT');
const i=d.prepare('INSERT INTO config_machine_state VALUES (?,?,1)');i.run('auth.sharedStore','{"location":"state-db"}');i.run('authProfiles.store',process.argv[2]);d.close();`;
    fs.mkdirSync(path.join(stateDir, 'state'), { recursive: true });
    const r = spawnSync(
      node24Path(),
      ['-e', script, path.join(stateDir, 'state/openclaw.sqlite'), JSON.stringify({ version: 1, profiles })],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    // Hand-edited JSON5 (a comment, unquoted keys, a trailing comma): JSON.parse refuses it, so the bundle loads its
    // JSON5 parser (dist/json5.js, a file of its own) for this read.
    fs.writeFileSync(
      path.join(stateDir, 'openclaw.json'),
      "// edited by hand\n{ meta: { lastTouchedVersion: '2026.9.6' }, }\n",
    );
    fs.rmSync(settingsFile, { force: true });
    const cfg = vscode.workspace.getConfiguration('openclawAuth');
    await cfg.update('nodePath', node24Path(), vscode.ConfigurationTarget.Global);
    await cfg.update('stateDir', stateDir, vscode.ConfigurationTarget.Global);
    const s = await until(`a snapshot of ${stateDir}`, async () => {
      const next = await api.refresh();
      return next.stateDir === stateDir && next;
    });
    assert.deepEqual(
      s.warnings.filter((w) => w.code === 'CONFIG_INVALID'),
      [],
      'the JSON5 openclaw.json is read',
    );
    const ids = (s.agents[0]?.providers ?? []).flatMap((p) => p.profiles.map((x) => x.id));
    for (const id of nasty) assert.ok(ids.includes(id), `profile ${JSON.stringify(id)} is shown`);
    const before = vscode.window.terminals.length;
    for (const id of nasty) {
      await assert.rejects(
        Promise.resolve(
          vscode.commands.executeCommand('openclawAuth.reauthenticate', { agent: 'main', profileId: id }),
        ),
        (e: unknown) =>
          e instanceof Error && /characters OpenClaw does not use/.test(e.message) && !e.message.includes('touch'),
      );
    }
    assert.equal(vscode.window.terminals.length, before, "no terminal for an id outside OpenClaw's grammar");
    await vscode.commands.executeCommand('openclawAuth.reauthenticate', { agent: 'main', profileId: valid });
    assert.equal(vscode.window.terminals.length, before + 1, 'one login terminal for the valid id');
    const terminal = must(vscode.window.terminals[before], 'vscode.window.terminals[before]');
    const options = terminal.creationOptions as vscode.TerminalOptions;
    // The terminal's process is the runner under Node, and OpenClaw gets the argument array: no shell parses an id.
    assert.equal(options.shellPath, process.execPath);
    const args = options.shellArgs as string[];
    assert.match(must(args[0], 'args[0]'), /terminal-runner\.js$/);
    assert.deepEqual(args.slice(-9), [
      'models',
      'auth',
      'login',
      '--provider',
      'anthropic',
      '--profile-id',
      valid,
      '--agent',
      'main',
    ]);
    // The runner starts OpenClaw at once; a shell that parsed the id would have run `touch` within these seconds.
    await never('a profile id injected a shell command', () => fs.existsSync(marker), 3000);
    terminal.dispose();
  });
});
