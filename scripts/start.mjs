#!/usr/bin/env node
// `npm start [-- --port 8080 --host 127.0.0.1]`: a browser VS Code with the extension under development and
// a sample OpenClaw home made by the real CLI, for trying the extension by hand. Ctrl-C stops it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliEnv, ensureNodeModules, paths, setupTestHost } from './setup-test-host.mjs';
import { startCodeServer } from './vscode-host.mjs';

const { values: opts } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, 'skip-build': { type: 'boolean', default: false } },
});
const SAMPLE_HOME = path.join(paths.cache, 'sample-home');

// Obviously fake secrets, long enough for the CLI's validation (anthropic tokens need >= 80 chars).
const FAKE_TOKEN = (tag) => `sk-ant-oat01-FAKE-${tag}-`.padEnd(96, 'x');
const SAMPLE_STEPS = [
  { args: ['models', 'auth', 'paste-api-key', '--provider', 'openrouter'], stdin: `sk-or-v1-FAKE-sample-${'0'.repeat(40)}` },
  { args: ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:soon', '--expires-in', '3h'], stdin: FAKE_TOKEN('soon') },
  { args: ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:max'], stdin: FAKE_TOKEN('max') },
  { args: ['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:max', 'anthropic:soon'] },
];

// Built in a temporary folder and renamed at the end, so a half-made home is never mistaken for a finished one.
function makeSampleHome() {
  if (fs.existsSync(SAMPLE_HOME)) return;
  const tmp = `${SAMPLE_HOME}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const started = Date.now();
  console.log(`start: making the sample OpenClaw home with the real CLI (${SAMPLE_STEPS.length} commands, about 10 s each) ...`);
  for (const [i, { args, stdin }] of SAMPLE_STEPS.entries()) {
    const stepStart = Date.now();
    const r = spawnSync(paths.cliCurrent, args, { env: cliEnv(tmp), input: stdin ?? '', encoding: 'utf8', timeout: 60_000 });
    console.log(`start:   ${i + 1}/${SAMPLE_STEPS.length} openclaw ${args.slice(0, 4).join(' ')} (${((Date.now() - stepStart) / 1000).toFixed(1)} s)`);
    if (r.status !== 0) {
      throw new Error(`openclaw ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
    }
  }
  fs.renameSync(tmp, SAMPLE_HOME);
  console.log(`start: sample OpenClaw home created in ${SAMPLE_HOME} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function build() {
  const r = spawnSync('npm', ['run', 'build'], { cwd: paths.root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

async function main() {
  ensureNodeModules();
  setupTestHost({ legacy: false });
  if (!opts['skip-build']) build();
  makeSampleHome();
  if (opts.host !== '127.0.0.1' && opts.host !== 'localhost') {
    console.warn(`start: warning: code-server runs without authentication; anyone who can reach ${opts.host} can use it`);
  }
  // Outside the clone: a folder inside it makes VS Code offer the repository found in a parent folder.
  const workspace = path.join(os.tmpdir(), 'openclaw-auth-sample-workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const server = await startCodeServer({
    home: SAMPLE_HOME,
    workspace,
    userDataDir: path.join(paths.cache, 'sample-user-data'),
    extensionsDir: path.join(paths.cache, 'sample-extensions'),
    host: opts.host,
    ...(opts.port ? { port: Number(opts.port) } : {}),
    env: { PATH: `${paths.binDir}:${process.env.PATH}`, OPENCLAW_NO_AUTO_UPDATE: '1', OPENCLAW_OFFLINE: '1', OPENCLAW_DISABLE_BONJOUR: '1' },
  });
  let stopping = false;
  const stop = () => { stopping = true; server.stop().finally(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`\nOpenClaw Auth is running in code-server (pid ${server.pid}), HOME=${SAMPLE_HOME}`);
  console.log(`Open: ${server.url({ extensionDevelopmentPath: paths.root })}`);
  console.log('Press Ctrl-C to stop. Delete .vscode-test/sample-home to recreate the sample profiles.');
  const code = await server.exited;
  if (stopping) return;
  console.error(`start: code-server exited (${code}); log ${server.logFile}`);
  process.exit(1);
}

main().catch((e) => {
  console.error(`start: ${e.message}`);
  process.exit(1);
});
