// Proves the host is a real VS Code extension host before the feature suites rely on it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/ui/commands';
import { handlers } from '../../src/ui/commands/handlers';

const EXTENSION_ID = 'clawkit.openclaw-auth';

function within<T>(ms: number, what: string, promise: Thenable<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

describe('smoke: the extension host', () => {
  it('is VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('starts a real shell in a terminal', async () => {
    const terminal = vscode.window.createTerminal({ name: 'openclaw-auth smoke', shellPath: '/bin/bash' });
    try {
      const pid = await within(20_000, 'the terminal process start', terminal.processId);
      assert.ok(typeof pid === 'number' && pid > 0, `expected a shell pid, got ${String(pid)}`);
    } finally {
      terminal.dispose();
    }
  });

  // Only the code-server runner sets this: it proves the scenario's isolated HOME reached the extension host.
  const scenarioHome = process.env.OPENCLAW_AUTH_TEST_HOME;
  if (scenarioHome) {
    it('runs with the scenario home', () => {
      assert.equal(process.env.HOME, scenarioHome);
    });
  }

  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension) {
    it(`activates ${EXTENSION_ID}`, async () => {
      await within(30_000, 'activation', extension.activate());
      assert.equal(extension.isActive, true);
    });

    // Commands are registered at activation and their implementations (a chunk of their own) load at the first use.
    it('registers every command of package.json, each with an implementation', async () => {
      const manifest = extension.packageJSON as { contributes: { commands: { command: string }[] } };
      const declared = manifest.contributes.commands.map((c) => c.command).sort();
      // Registered with the remote gateways' store (ui/commands/remoteGateway.ts), not through the table.
      const elsewhere = ['openclawAuth.addGateway', 'openclawAuth.removeGateway'];
      assert.deepEqual([...COMMAND_IDS, ...elsewhere].sort(), declared);
      assert.deepEqual(Object.keys(handlers).sort(), [...COMMAND_IDS].sort());
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(
        declared.filter((id) => !registered.has(id)),
        [],
      );
      // The first command loads the implementations' chunk; called with arguments, a failed load would reject.
      const snapshot = await vscode.commands.executeCommand<{ agents?: unknown[] }>('openclawAuth.refresh', {});
      assert.ok(Array.isArray(snapshot?.agents), 'openclawAuth.refresh answered without a snapshot');
    });
  }
});
