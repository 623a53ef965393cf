// Every command as a person or a menu calls it, inside a real VS Code: the Paste Token quick input driven
// step by step with the workbench's own quick-input commands, tree-node arguments, terminals, Check.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mustRun, node24Path, runOpenclaw, stdoutJson } from '../fixtures/openclaw';
import { baseHome } from '../fixtures/homes';
import type { Profile } from '../../src/openclaw/types';
import { activateApi, type Api, cmd, pickWithKeyboard, until } from './helpers';
import { must } from '../fixtures/must';

const TOKEN = (tag: string) => `sk-ant-oat01-FAKE-cmd-${tag}-`.padEnd(100, 'q');
const DAY = 86_400_000;

async function authList(home: string, agent?: string) {
  const r = await runOpenclaw('current', home, [
    'models',
    'auth',
    'list',
    '--json',
    ...(agent ? ['--agent', agent] : []),
  ]);
  return (stdoutJson(r) as { profiles: { id: string; type: string; expiresAt?: string }[] }).profiles;
}

/**
 * The quick inputs the extension creates, seen through the same `vscode` API object it uses (one per
 * extension in the host). Only watched: showing, typing-by-value and accepting go through the real widget.
 */
const created: (vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox)[] = [];
let restoreSpies: (() => void) | undefined;
function spyOnQuickInputs(): void {
  const w = vscode.window as {
    createQuickPick: typeof vscode.window.createQuickPick;
    createInputBox: typeof vscode.window.createInputBox;
  };
  const qp = w.createQuickPick;
  const ib = w.createInputBox;
  w.createQuickPick = <T extends vscode.QuickPickItem>() => {
    const q = qp<T>();
    created.push(q);
    return q;
  };
  w.createInputBox = () => {
    const b = ib();
    created.push(b);
    return b;
  };
  restoreSpies = () => {
    w.createQuickPick = qp;
    w.createInputBox = ib;
  };
}
const latest = () => created[created.length - 1];
const activeLabel = (q: unknown) => (q as vscode.QuickPick<vscode.QuickPickItem>).activeItems?.[0]?.label;
const isPick = (q: unknown): q is vscode.QuickPick<vscode.QuickPickItem> =>
  typeof q === 'object' && q !== null && 'items' in q;

async function stepShown(step: number, kind: 'pick' | 'input') {
  return until(`quick input step ${step} (${kind})`, () => {
    const q = latest();
    return q && q.step === step && isPick(q) === (kind === 'pick') && (!isPick(q) || q.items.length > 0)
      ? q
      : undefined;
  });
}
async function selectUntil(q: vscode.QuickPick<vscode.QuickPickItem>, label: string) {
  for (let i = 0; i < 12 && activeLabel(q) !== label; i++) {
    const was = activeLabel(q);
    await cmd('workbench.action.quickOpenSelectNext');
    await until('the next row to get focus', () => activeLabel(q) !== was, 2_000);
  }
  assert.equal(activeLabel(q), label);
}

describe('commands as a person runs them (real CLI, real workbench)', function () {
  // Each real CLI call takes 2-20 s on a loaded 2-core runner.
  this.timeout(240_000);
  let home: string;
  let a: Api;
  const config = () => vscode.workspace.getConfiguration('openclawAuth');
  const main = () =>
    must(
      must(a.getSnapshot(), 'a.getSnapshot()').agents.find((x) => x.id === 'main'),
      "a.getSnapshot().agents.find((x) => x.id === 'main')",
    );
  const anthropic = () =>
    must(
      main().providers.find((p) => p.id === 'anthropic'),
      "main().providers.find((p) => p.id === 'anthropic')",
    );
  const node = (p: Profile) => ({
    kind: 'profile',
    agentId: 'main',
    provider: p.provider,
    profile: p,
    index: 0,
    count: 2,
  });

  before(async function () {
    this.timeout(400_000);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-cmd-'));
    await baseHome(home); // openclaw models set anthropic/claude-opus-5, made once and copied
    // One after another: two OpenClaw processes starting on one home can fail with "database is locked" (CLI state migration).
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
        '3h',
      ],
      `${TOKEN('work')}\n`,
    );
    await mustRun('current', home, [
      'agents',
      'add',
      'work',
      '--non-interactive',
      '--workspace',
      path.join(home, 'ws-work'),
      '--json',
    ]);
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
        'anthropic:spare',
        '--expires-in',
        '30d',
        '--agent',
        'main',
      ],
      `${TOKEN('spare')}\n`,
    );
    a = await activateApi();
    await config().update('stateDir', path.join(home, '.openclaw'), vscode.ConfigurationTarget.Global);
    await config().update('nodePath', node24Path(), vscode.ConfigurationTarget.Global);
    await until(
      'snapshot of the commands home',
      async () =>
        (await a.refresh()).stateDir === path.join(home, '.openclaw') &&
        must(a.getSnapshot(), 'a.getSnapshot()').agents.length === 2,
    );
    spyOnQuickInputs();
  });
  after(() => restoreSpies?.());

  it('Paste Token quick input: agent → provider → profile (Back works) → expiry → masked token, validated before anything runs', async () => {
    const done = cmd('openclawAuth.pasteToken');
    let settled = false;
    void done.finally(() => (settled = true)).catch(() => undefined);
    const agent = (await stepShown(1, 'pick')) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.equal(agent.totalSteps, 5);
    assert.deepEqual(
      agent.items.map((i) => i.label),
      ['main', 'work'],
    );
    // The first row has the focus; `models auth list` (agent main) below proves main was taken.
    await cmd('workbench.action.acceptSelectedQuickOpenItem');

    let provider = (await stepShown(2, 'pick')) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.deepEqual(
      [must(provider.items[0], 'provider.items[0]').label, must(provider.items[0], 'provider.items[0]').description],
      ['anthropic', 'configured'],
    );
    await cmd('workbench.action.acceptSelectedQuickOpenItem');

    let profile = (await stepShown(3, 'pick')) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.deepEqual(
      profile.items.map((i) => `${i.label} ${i.description}`),
      [
        'anthropic:work replaces the stored credential',
        'anthropic:spare replaces the stored credential',
        // One default: OpenClaw's own for a pasted credential (defaultProfileId).
        'anthropic:manual creates a new profile',
      ],
    );
    await cmd('workbench.action.quickInputBack');
    provider = (await stepShown(2, 'pick')) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.notEqual(provider, profile, 'Back shows the provider step again');
    await cmd('workbench.action.acceptSelectedQuickOpenItem');
    profile = (await stepShown(3, 'pick')) as vscode.QuickPick<vscode.QuickPickItem>;
    await selectUntil(profile, 'anthropic:manual');
    await cmd('workbench.action.acceptSelectedQuickOpenItem');

    const expiry = (await stepShown(4, 'pick')) as vscode.QuickPick<vscode.QuickPickItem>;
    assert.equal(activeLabel(expiry), '365 days');
    await selectUntil(expiry, '90 days');
    await cmd('workbench.action.acceptSelectedQuickOpenItem');

    const box = (await stepShown(5, 'input')) as vscode.InputBox;
    assert.equal(box.password, true, 'the token input is masked');
    assert.equal(box.ignoreFocusOut, true);
    const before = (await authList(home)).map((p) => p.id).sort();
    box.value = 'sk-ant-api03-FAKE-not-a-setup-token-0123456789';
    await cmd('workbench.action.acceptSelectedQuickOpenItem');
    await until('a validation message', () => box.validationMessage);
    const shown = box.validationMessage;
    const message = typeof shown === 'string' ? shown : (shown?.message ?? '');
    assert.match(message, /sk-ant-oat01-/);
    assert.ok(!message.includes('FAKE-not-a-setup'), 'the message does not echo the input');
    // The CLI call takes seconds: a wrongly accepted input would have settled the command by the time it returns.
    assert.deepEqual((await authList(home)).map((p) => p.id).sort(), before, 'nothing ran');
    assert.equal(settled, false, 'an invalid token keeps the input open');

    const started = Date.now();
    box.value = `  ${TOKEN('typed')}\n`;
    await cmd('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    const stored = (await authList(home)).find((p) => p.id === 'anthropic:manual');
    assert.ok(stored, 'the CLI lists anthropic:manual');
    assert.equal(stored.type, 'token');
    const exp = Date.parse(must(stored.expiresAt, 'stored.expiresAt'));
    assert.ok(
      exp >= started + 90 * DAY - 5000 && exp <= Date.now() + 90 * DAY,
      `expiresAt ${stored.expiresAt} ≈ now + 90 d`,
    );
  });

  it('Escape on a step cancels quietly', async () => {
    const done = cmd('openclawAuth.pasteToken');
    await stepShown(1, 'pick');
    await cmd('workbench.action.closeQuickOpen');
    assert.equal(await done, undefined);
  });

  it('showOrder returns the effective order; moveDown/moveUp on a profile node store it through the CLI', async () => {
    const shown = (await cmd('openclawAuth.showOrder', { provider: 'anthropic' })) as {
      order: string[];
      orderSource: string;
    };
    assert.deepEqual(shown.order, anthropic().order);
    assert.ok(shown.order.length >= 2, `two profiles or more in ${shown.order.join(', ')}`);
    const first = must(
      anthropic().profiles.find((p) => p.id === shown.order[0]),
      'anthropic().profiles.find((p) => p.id === shown.order[0])',
    );
    await cmd('openclawAuth.moveDown', node(first));
    const moved = [shown.order[1], shown.order[0], ...shown.order.slice(2)];
    assert.deepEqual(anthropic().order, moved);
    assert.equal(anthropic().orderSource, 'stored');
    const got = stdoutJson(
      await runOpenclaw('current', home, ['models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json']),
    ) as { order: string[] };
    assert.deepEqual(got.order, moved);
    await cmd(
      'openclawAuth.moveUp',
      node(
        must(
          anthropic().profiles.find((p) => p.id === shown.order[0]),
          'anthropic().profiles.find((p) => p.id === shown.order[0])',
        ),
      ),
    );
    assert.deepEqual(anthropic().order, shown.order);
    assert.deepEqual(
      ((await cmd('openclawAuth.showOrder', { provider: 'anthropic' })) as { order: string[] }).order,
      shown.order,
    );
  });

  it('copyProfileId puts the id of a node on the clipboard', async () => {
    await vscode.env.clipboard.writeText('nothing yet');
    assert.equal(
      await cmd(
        'openclawAuth.copyProfileId',
        node(
          must(
            anthropic().profiles.find((p) => p.id === 'anthropic:spare'),
            'profile anthropic:spare',
          ),
        ),
      ),
      'anthropic:spare',
    );
    assert.equal(await vscode.env.clipboard.readText(), 'anthropic:spare');
  });

  it('check returns the exit code of `models status --check` and its meaning', async () => {
    const truth = await runOpenclaw('current', home, ['models', 'status', '--check']);
    const r = (await cmd('openclawAuth.check', {})) as { exitCode: number; message: string };
    assert.equal(r.exitCode, truth.code);
    assert.ok(r.message.startsWith(`Exit ${truth.code}:`), r.message);
  });

  it('selectAgent picked from the quick pick makes commands act for that agent', async () => {
    await pickWithKeyboard('work', () => cmd('openclawAuth.selectAgent'));
    try {
      await cmd('openclawAuth.pasteApiKey', {
        provider: 'openrouter',
        key: 'sk-or-v1-FAKE-cmd-agent-0123456789abcdef',
      });
      // work inherits main's profiles (shared store); its own key lives only in work's store.
      const [work, main] = await Promise.all([authList(home, 'work'), authList(home, 'main')]);
      assert.ok(work.some((p) => p.id === 'openrouter:manual'));
      assert.ok(!main.some((p) => p.id === 'openrouter:manual'));
    } finally {
      await cmd('openclawAuth.selectAgent', { agent: 'main' });
    }
  });

  it('removeProfile (arguments form: the confirmation is a modal dialog) logs the profile out', async () => {
    await cmd('openclawAuth.removeProfile', { profileId: 'anthropic:spare' });
    assert.ok(!anthropic().profiles.some((p) => p.id === 'anthropic:spare'));
    assert.ok(!(await authList(home)).some((p) => p.id === 'anthropic:spare'));
  });

  describe('terminals', () => {
    let bin: string;
    let record: string;
    before(async () => {
      bin = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-fakecli-'));
      record = path.join(bin, 'argv.txt');
      // Answers --version like OpenClaw; every other call writes its state dir and argv, one line each.
      fs.writeFileSync(
        path.join(bin, 'openclaw'),
        `#!/bin/bash\nif [ "$1" = "--version" ]; then echo "OpenClaw 2026.9.6 (fake)"; exit 0; fi\necho "$OPENCLAW_STATE_DIR|$*" >> '${record}'\n`,
        { mode: 0o755 },
      );
      await config().update('cliPath', path.join(bin, 'openclaw'), vscode.ConfigurationTarget.Global);
      await until(
        'the fake CLI in the snapshot',
        async () => (await a.refresh()).cli?.path === path.join(bin, 'openclaw'),
      );
    });
    after(async () => {
      for (const t of vscode.window.terminals) t.dispose();
      await config().update('cliPath', undefined, vscode.ConfigurationTarget.Global);
      await until('the real CLI again', async () => (await a.refresh()).cli?.path !== path.join(bin, 'openclaw'));
    });

    for (const [command, name, argv] of [
      ['openclawAuth.showStatus', 'OpenClaw status', 'models status'],
      ['openclawAuth.runDoctor', 'OpenClaw doctor', 'doctor'],
      ['openclawAuth.runOnboarding', 'OpenClaw onboarding', 'onboard'],
    ] as const) {
      it(`${command} runs \`openclaw ${argv}\` in the terminal "${name}"`, async () => {
        fs.rmSync(record, { force: true });
        await cmd(command);
        assert.ok(
          vscode.window.terminals.some((t) => t.name === name),
          `a terminal named ${name}`,
        );
        const line = await until(
          `the fake CLI called for ${argv}`,
          () => fs.existsSync(record) && fs.readFileSync(record, 'utf8').trim(),
          20_000,
        );
        assert.equal(line, `${path.join(home, '.openclaw')}|${argv}`);
      });
    }
  });
});
