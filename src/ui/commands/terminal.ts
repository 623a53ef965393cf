import fs = require('node:fs');
import path = require('node:path');
import vscode = require('vscode');
import { maskSecret } from '../../openclaw/mask';
import { powershellQuote, shellQuote } from '../../openclaw/operations';
import { Cancelled, type CommandContext, requireCli } from './context';

const isWindows = process.platform === 'win32';

/** A command line for a terminal, every part quoted: ids typed by people can hold quotes, `$()`, `;` or newlines. */
export function terminalCommand(executable: string, args: string[]): string {
  if (isWindows) return ['&', powershellQuote(executable), ...args.map(powershellQuote)].join(' ');
  return [executable, ...args].map(shellQuote).join(' ');
}

/** Only the OpenClaw location overrides: a terminal already has the user's environment. */
function terminalEnv(ctx: CommandContext): Record<string, string> {
  const env = ctx.cliEnv();
  const out: Record<string, string> = {};
  for (const key of ['OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_HOME']) {
    if (env[key] && env[key] !== process.env[key]) out[key] = env[key]!;
  }
  return out;
}

/** Runs `openclaw <args>` in a named terminal the person can watch and answer. */
export function runOpenclawInTerminal(ctx: CommandContext, name: string, args: string[]): vscode.Terminal {
  const cli = requireCli(ctx);
  const profile = ctx.profile();
  const full = profile ? ['--profile', profile, ...args] : args;
  const terminal = vscode.window.createTerminal({ name, env: terminalEnv(ctx) });
  terminal.show();
  terminal.sendText(terminalCommand(cli.path, full), true);
  ctx.log.info(`terminal "${name}": openclaw ${full.join(' ')}`);
  return terminal;
}

/** `claude` on PATH or in the places its installers use. */
export function findClaude(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = isWindows ? ['claude.cmd', 'claude.exe', 'claude'] : ['claude'];
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const home = env.HOME ?? env.USERPROFILE ?? '';
  if (home) dirs.push(path.join(home, '.local', 'bin'), path.join(home, '.claude', 'local'), path.join(home, '.npm-global', 'bin'));
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const TOKEN_PREFIX = 'sk-ant-oat01-';

/** Finds a setup-token in terminal output; the terminal may wrap it, so line breaks inside are skipped. */
export function extractSetupToken(output: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g, '');
  const start = text.lastIndexOf(TOKEN_PREFIX);
  if (start < 0) return undefined;
  let token = '';
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (/[A-Za-z0-9_-]/.test(ch)) token += ch;
    else if (ch === '\r' || ch === '\n') continue;
    else break;
  }
  return token.length >= 80 ? token : undefined;
}

function waitForShellIntegration(terminal: vscode.Terminal, timeoutMs: number): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const timer = setTimeout(() => { sub.dispose(); resolve(undefined); }, timeoutMs);
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
 * Opens a terminal running `claude setup-token`. With shell integration the end of the command is seen;
 * without it, the person presses "Paste token now". With `captureSetupToken` on, the printed token is
 * read from the command's output stream (never logged) and offered for saving.
 */
export async function startSetupToken(ctx: CommandContext, claudePath: string): Promise<SetupTokenRun> {
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Claude setup-token') });
  terminal.show();
  const integration = await waitForShellIntegration(terminal, 4000);
  const commandLine = terminalCommand(claudePath, ['setup-token']);
  if (!integration) {
    terminal.sendText(commandLine, true);
    const now = vscode.l10n.t('Paste token now');
    const finished = Promise.resolve(
      vscode.window.showInformationMessage(vscode.l10n.t('Finish `claude setup-token` in the terminal, copy the token it prints, then press "Paste token now".'), now),
    ).then((choice) => {
      // Dismissing the message is Escape, not an error to show.
      if (choice !== now) throw new Cancelled();
      return { exitCode: undefined };
    });
    return { terminal, finished };
  }
  const execution = integration.executeCommand(commandLine);
  const capture = ctx.captureSetupToken();
  let output = '';
  const reading = capture
    ? (async () => {
        for await (const chunk of execution.read()) {
          output += chunk;
          if (output.length > 1_000_000) output = output.slice(-200_000);
        }
      })()
    : Promise.resolve();
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
      const captured = capture ? extractSetupToken(output) : undefined;
      output = '';
      resolve(captured ? { exitCode: e.exitCode, captured } : { exitCode: e.exitCode });
    });
    ctx.extension.subscriptions.push(sub, closed);
  });
  return { terminal, finished };
}

export function describeCaptured(token: string): string {
  return maskSecret(token);
}
