// Runs one program with its argument array inside a VS Code terminal, with no shell in between, so no
// id can be read as shell syntax in bash, zsh, fish, PowerShell or cmd. The terminal is the program's TTY
// (stdio is inherited); when the program ends, its exit code is shown and the output stays until Enter.
// Started as `node terminal-runner.js <program> [args…]` (bundled to dist/terminal-runner.js).

import { spawn } from 'node:child_process';

const DONE =
  process.env.OPENCLAW_AUTH_RUNNER_DONE || 'Process exited with code {0}. Press Enter to close this terminal.';
const FAILED =
  process.env.OPENCLAW_AUTH_RUNNER_FAILED || 'Could not start {0}: {1}. Press Enter to close this terminal.';

function waitForEnter(code: number): void {
  process.stdin.resume();
  process.stdin.once('data', () => process.exit(code));
  process.stdin.once('end', () => process.exit(code));
}

function main(): void {
  const [program, ...args] = process.argv.slice(2);
  if (!program) {
    process.stderr.write('usage: terminal-runner <program> [args…]\n');
    process.exit(2);
  }
  const env = { ...process.env };
  // Set only so that VS Code's own executable runs this file as Node; the program must not inherit it.
  for (const key of ['ELECTRON_RUN_AS_NODE', 'OPENCLAW_AUTH_RUNNER_DONE', 'OPENCLAW_AUTH_RUNNER_FAILED'])
    delete env[key];
  // Ctrl+C reaches the whole foreground group: the program decides what to do; the runner stays to report.
  process.on('SIGINT', () => undefined);
  const child = spawn(program, args, { stdio: 'inherit', env, shell: false, windowsHide: false });
  child.on('error', (e: NodeJS.ErrnoException) => {
    process.stdout.write(`\r\n${FAILED.replace('{0}', program).replace('{1}', e.code ?? e.message)}\r\n`);
    waitForEnter(127);
  });
  child.on('exit', (code, signal) => {
    const status = code ?? (signal ? 128 : 1);
    process.stdout.write(`\r\n${DONE.replace('{0}', signal ? `${status} (${signal})` : String(status))}\r\n`);
    waitForEnter(status);
  });
}

main();
