// Issue 12 §4 "Truth": with SQLite stores on disk but no way to read them (the extension host's Node has no
// node:sqlite, and neither a Node that has it nor the OpenClaw CLI can be found), the extension must say it could not
// read auth — never "OpenClaw: 3 missing" about profiles that are fine. The host process is shared with the extension,
// so the test hides Node 24 and the CLI by giving discovery an empty PATH and an empty HOME, and clears the
// cliPath/nodePath settings; production discovery is untouched.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SettingsChange, StatusBarMode } from '../../src/ui/settings';
import { StatusBar } from '../../src/ui/statusBar';
import { ProfilesTreeDataProvider } from '../../src/ui/tree';
import type { TreeNode } from '../../src/ui/treeNodes';
import { mustRun } from '../fixtures/openclaw';
import { activateApi, type Api, until } from './helpers';

const TOKEN = 'sk-ant-oat01-FAKE-unreadable-'.padEnd(100, 'u');
const KEY = 'sk-or-v1-FAKE-unreadable-0123456789abcdef';
const SETTINGS = ['cliPath', 'nodePath', 'stateDir'] as const;
// Everything discovery (src/openclaw/discover.ts) reads to find a Node or the CLI outside PATH and HOME.
const DISCOVERY_ENV = [
  'PATH',
  'HOME',
  'NVM_DIR',
  'VOLTA_HOME',
  'PNPM_HOME',
  'FNM_DIR',
  'ASDF_DATA_DIR',
  'BUN_INSTALL',
  'NPM_CONFIG_PREFIX',
  'npm_config_prefix',
  'XDG_DATA_HOME',
];

class AutoMode {
  readonly emitter = new vscode.EventEmitter<SettingsChange>();
  readonly onDidChange = this.emitter.event;
  readonly statusBar: StatusBarMode = 'auto';
}

describe('unreadable stores (no node:sqlite, no CLI)', function () {
  this.timeout(180_000);
  const config = () => vscode.workspace.getConfiguration('openclawAuth');
  const savedSettings: Record<string, unknown> = {};
  const savedEnv: Record<string, string | undefined> = {};
  let scratch: string;
  let api: Api;

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-unread-'));
    const home = path.join(scratch, 'home');
    fs.mkdirSync(home);
    // A real 2026.9.6 home: two profiles in the shared SQLite store, both declared in openclaw.json.
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
        'anthropic:work',
        '--expires-in',
        '30d',
      ],
      `${TOKEN}\n`,
    );
    await mustRun('current', home, ['models', 'auth', 'paste-api-key', '--provider', 'openrouter'], `${KEY}\n`);
    api = await activateApi();
    for (const k of SETTINGS) savedSettings[k] = config().inspect(k)?.globalValue;
    for (const k of DISCOVERY_ENV) savedEnv[k] = process.env[k];
    // Before any setting changes: each change rebuilds the extension's runtime from this environment.
    const empty = path.join(scratch, 'empty-home');
    fs.mkdirSync(empty);
    for (const k of DISCOVERY_ENV) delete process.env[k];
    process.env.PATH = '/usr/bin:/bin'; // the system Node here is 20: no node:sqlite, and no openclaw
    process.env.HOME = empty;
    await config().update('cliPath', undefined, vscode.ConfigurationTarget.Global);
    await config().update('nodePath', undefined, vscode.ConfigurationTarget.Global);
    await config().update('stateDir', path.join(home, '.openclaw'), vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (const k of SETTINGS)
      await config().update(k, savedSettings[k] || undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('unreadable: the status bar says auth could not be read, and no profile row is missing', async () => {
    const stateDir = path.join(scratch, 'home', '.openclaw');
    const s = await until(`an unreadable snapshot of ${stateDir}`, async () => {
      const next = await api.refresh();
      return next.stateDir === stateDir && next.readPath === 'none' && next;
    });
    assert.equal(s.stateDir, stateDir);
    assert.equal(s.cli, undefined, 'discovery found no CLI');
    const rows = s.agents.flatMap((a) => a.providers.flatMap((p) => p.profiles));
    assert.deepEqual(rows.map((p) => [p.id, p.health]).sort(), [
      ['anthropic:work', 'unknown'],
      ['openrouter:manual', 'unknown'],
    ]);
    assert.equal(s.readPath, 'none', `nothing could read the stores (readPath ${s.readPath})`);
    const codes = s.warnings.map((w) => w.code);
    assert.ok(codes.includes('STORES_UNREADABLE_NO_READER'), codes.join());
    assert.ok(!codes.includes('PROFILE_DECLARED_NOT_STORED'), codes.join());

    const source = {
      get current() {
        return api.getSnapshot();
      },
      onDidChange: api.onDidChangeSnapshot,
    };
    const bar = new StatusBar(source, new AutoMode());
    const tree = new ProfilesTreeDataProvider(source);
    try {
      assert.equal(bar.visible, true, 'auto mode speaks up when auth could not be read');
      assert.equal(bar.item.text, '$(warning) OpenClaw: auth not read');
      assert.equal(bar.item.accessibilityInformation?.label, 'OpenClaw Auth: auth not read');
      const tip = (bar.item.tooltip as vscode.MarkdownString).value;
      assert.ok(tip.includes('`openclawAuth.nodePath`') && tip.includes('`openclawAuth.cliPath`'), tip);
      assert.doesNotMatch(bar.item.text, /missing/);

      const walk = (node?: TreeNode): TreeNode[] => tree.getChildren(node).flatMap((n) => [n, ...walk(n)]);
      const nodes = walk();
      const warning = nodes.find((n) => n.kind === 'warning' && n.warning.code === 'STORES_UNREADABLE_NO_READER');
      assert.ok(warning, 'a warning row says why');
      assert.equal((tree.getTreeItem(warning).command as vscode.Command).command, 'workbench.action.openSettings');
      const profileItems = nodes.filter((n) => n.kind === 'profile').map((n) => tree.getTreeItem(n));
      assert.equal(profileItems.length, 2);
      for (const item of profileItems) {
        assert.doesNotMatch(String(item.description), /missing/, String(item.description));
        assert.doesNotMatch(String(item.contextValue), /;missing;/, String(item.contextValue));
        assert.match(String(item.description), /credential not read/);
      }
    } finally {
      bar.dispose();
      tree.dispose();
    }
  });
});
