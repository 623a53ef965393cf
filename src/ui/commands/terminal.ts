import path = require('node:path');
import vscode = require('vscode');
import { t } from '../l10n';
import { invocation } from '../../openclaw/cli';
import { withProfile } from '../../openclaw/commands';
import { requireValidId, UnsafeIdError, type IdKind } from '../../openclaw/ids';
import { maskSecret } from '../../openclaw/mask';
import { extractSetupToken } from '../../openclaw/setupToken';
import { plain } from '../../openclaw/untrusted';
import { showInfo } from '../messages';
import { Cancelled, type CommandContext, requireCli } from './context';

/** Only the OpenClaw location overrides: a terminal already has the user's environment. */
function terminalEnv(ctx: CommandContext): Record<string, string> {
  const env = ctx.cliEnv();
  const out: Record<string, string> = {};
  for (const key of ['OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_HOME']) {
    const value = env[key];
    if (value && value !== process.env[key]) out[key] = value;
  }
  return out;
}

/**
 * A terminal that runs `program args…` with no shell in between: VS Code starts Node with the bundled
 * runner as the terminal's process, and the runner spawns the program with the argument array
 * (dist/terminal-runner.js). No quoting exists to get wrong in bash, zsh, fish, PowerShell, cmd or Git Bash.
 */
export function programTerminal(
  ctx: CommandContext,
  name: string,
  program: string,
  args: readonly string[],
  options: { transient?: boolean; env?: Record<string, string> } = {},
): vscode.Terminal {
  const runner = ctx.extension.asAbsolutePath(path.join('dist', 'terminal-runner.js'));
  const terminal = vscode.window.createTerminal({
    name,
    // The extension host's own executable: Node in code-server and Remote-SSH, Electron (as Node) on the desktop.
    shellPath: process.execPath,
    shellArgs: [runner, program, ...args],
    env: {
      ...(options.env ?? {}),
      ELECTRON_RUN_AS_NODE: '1',
      OPENCLAW_AUTH_RUNNER_DONE: t('Process exited with code {0}. Press Enter to close this terminal.'),
      OPENCLAW_AUTH_RUNNER_FAILED: t('Could not start {0}: {1}. Press Enter to close this terminal.'),
    },
    ...(options.transient ? { isTransient: true } : {}),
  });
  terminal.show();
  return terminal;
}

/** Refuses ids outside OpenClaw's grammar before they reach a process, with a message that names no part of them. */
export function checkIds(ids: readonly [IdKind, string | undefined][]): void {
  try {
    for (const [kind, value] of ids) if (value !== undefined) requireValidId(kind, value);
  } catch (e) {
    if (!(e instanceof UnsafeIdError)) throw e;
    const which = e.kind === 'agent' ? t('agent') : e.kind === 'provider' ? t('provider') : t('profile');
    throw new Error(
      t(
        'This {0} id holds characters OpenClaw does not use in ids, so it was not passed to OpenClaw. Check the store with "openclaw models auth list" and remove the entry with "openclaw models auth logout".',
        which,
      ),
    );
  }
}

/** Runs `openclaw <args>` in a named terminal the person can watch and answer. */
export function runOpenclawInTerminal(ctx: CommandContext, name: string, args: string[]): vscode.Terminal {
  const cli = requireCli(ctx);
  const profile = ctx.profile();
  const { command, argv } = invocation(cli, args, profile);
  const terminal = programTerminal(ctx, name, command, argv, { env: terminalEnv(ctx) });
  ctx.log.info(`terminal "${name}": openclaw ${withProfile(profile, args).join(' ')}`);
  return terminal;
}

function waitForShellIntegration(
  terminal: vscode.Terminal,
  timeoutMs: number,
): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(undefined);
    }, timeoutMs);
    const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal === terminal) {
        clearTimeout(timer);
        sub.dispose();
        resolve(e.shellIntegration);
      }
    });
  });
}

export interface SetupTokenRun {
  terminal: vscode.Terminal;
  /** Resolves when `claude setup-token` ended (exit code when shell integration told it), or when the person says so. */
  finished: Promise<{ exitCode: number | undefined; captured?: string }>;
}

/**
 * Reading the token back needs the command's output, which only shell integration gives. The argument is
 * constant and VS Code quotes the executable for the shell it started; a path with characters outside this
 * set is not handed to a shell at all (the runner terminal is used, without capture).
 */
const PLAIN_PATH = /^[A-Za-z0-9_\-./\\: ~+@]+$/;

function pasteWhenDone(): Promise<{ exitCode: number | undefined }> {
  const now = t('Paste token now');
  return Promise.resolve(
    showInfo(
      t('Finish "claude setup-token" in the terminal, copy the token it prints, then press "Paste token now".'),
      now,
    ),
  ).then((choice) => {
    // Dismissing the message is Escape, not an error to show.
    if (choice !== now) throw new Cancelled();
    return { exitCode: undefined };
  });
}

/**
 * Opens a transient terminal (its scrollback is never restored in a later window) running `claude setup-token`.
 * Without capture, the program runs under the runner and the person presses "Paste token now". With
 * `captureSetupToken` on and shell integration active, the printed token is read from the command's
 * output stream (never logged) and offered for saving.
 */
export async function startSetupToken(ctx: CommandContext, claudePath: string): Promise<SetupTokenRun> {
  const name = t('Claude setup-token');
  const capture = ctx.captureSetupToken() && PLAIN_PATH.test(claudePath);
  if (!capture) {
    const terminal = programTerminal(ctx, name, claudePath, ['setup-token'], { transient: true });
    return { terminal, finished: pasteWhenDone() };
  }
  const terminal = vscode.window.createTerminal({ name, isTransient: true });
  terminal.show();
  const integration = await waitForShellIntegration(terminal, 4000);
  if (!integration) {
    terminal.dispose();
    const fallback = programTerminal(ctx, name, claudePath, ['setup-token'], { transient: true });
    return { terminal: fallback, finished: pasteWhenDone() };
  }
  const execution = integration.executeCommand(claudePath, ['setup-token']);
  let output = '';
  const reading = (async () => {
    for await (const chunk of execution.read()) {
      output += chunk;
      if (output.length > 1_000_000) output = output.slice(-200_000);
    }
  })();
  const finished = new Promise<{ exitCode: number | undefined; captured?: string }>((resolve, reject) => {
    // Closing the terminal before the command ends is the person giving up: stop quietly, don't hang.
    const closed = vscode.window.onDidCloseTerminal((t) => {
      if (t !== terminal) return;
      sub.dispose();
      closed.dispose();
      output = '';
      reject(new Cancelled());
    });
    const sub = vscode.window.onDidEndTerminalShellExecution(async (e) => {
      if (e.execution !== execution) return;
      sub.dispose();
      closed.dispose();
      // Reading ends with the execution; bound it anyway (a shell that exits itself can leave it open).
      await Promise.race([reading, new Promise((r) => setTimeout(r, 1000))]);
      const captured = extractSetupToken(output);
      output = '';
      resolve(captured ? { exitCode: e.exitCode, captured } : { exitCode: e.exitCode });
    });
    ctx.extension.subscriptions.push(sub, closed);
  });
  return { terminal, finished };
}

/** After the token is stored: the terminal still shows it, so offer to close it. */
export function offerToClose(terminal: vscode.Terminal): void {
  if (terminal.exitStatus !== undefined && !vscode.window.terminals.includes(terminal)) return;
  const close = t('Close Terminal');
  void showInfo(
    t('The token is stored in OpenClaw. The "Claude setup-token" terminal still shows it: close the terminal?'),
    close,
  ).then((choice) => {
    if (choice === close) terminal.dispose();
  });
}

export function describeCaptured(token: string): string {
  return plain(maskSecret(token));
}
