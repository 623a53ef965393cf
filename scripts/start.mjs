#!/usr/bin/env node
// `npm start [-- --port 8080 --host 127.0.0.1]`: a browser VS Code with the extension under development and
// a sample OpenClaw home made by the real CLI, for trying the extension by hand. Ctrl-C stops it.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  aptPackages,
  CODE_SERVER_APT,
  cliEnv,
  ensureNodeModulesInBackground,
  paths,
  setupTestHost,
} from './setup-test-host.mjs';
import { startCodeServer } from './vscode-host.mjs';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'skip-build': { type: 'boolean', default: false },
  },
});
// v3: with a default model, a fallback without a credential and a gateway section (a home made by an earlier version
// is left alone).
const SAMPLE_HOME = paths.sampleHome;
const GATEWAY_PORT = 18899;

// Obviously fake secrets, long enough for the CLI's validation (anthropic tokens need >= 80 chars).
const FAKE_TOKEN = (tag) => `sk-ant-oat01-FAKE-${tag}-`.padEnd(96, 'x');
const SAMPLE_STEPS = [
  {
    args: ['models', 'auth', 'paste-api-key', '--provider', 'openrouter'],
    stdin: `sk-or-v1-FAKE-sample-${'0'.repeat(40)}`,
  },
  {
    args: [
      'models',
      'auth',
      'paste-token',
      '--provider',
      'anthropic',
      '--profile-id',
      'anthropic:soon',
      '--expires-in',
      '3h',
    ],
    stdin: FAKE_TOKEN('soon'),
  },
  {
    args: ['models', 'auth', 'paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:max'],
    stdin: FAKE_TOKEN('max'),
  },
  { args: ['models', 'auth', 'order', 'set', '--provider', 'anthropic', 'anthropic:max', 'anthropic:soon'] },
];

// The default model's provider has a credential (anthropic); its fallback's provider (together, a bundled plugin)
// has none, so `Check` fails for a reason the tree shows. Not an `openai/` model: in 2026.9.6 one makes every CLI
// call try to install the external `codex` plugin (npm, then ClawHub) and wait for it — 35-48 s per call measured
// here instead of ~14 (dist/missing-configured-plugin-install-*.mjs, collectConfiguredPluginIds).
// Written as a person writes openclaw.json, before the CLI runs. A local gateway on loopback with a random token, as `openclaw onboard` would set one up.
const SAMPLE_CONFIG = {
  agents: {
    defaults: {
      model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: ['together/moonshotai/Kimi-K2.6'] },
      models: { 'anthropic/claude-sonnet-4-5': {}, 'together/moonshotai/Kimi-K2.6': {} },
    },
  },
  gateway: {
    mode: 'local',
    port: GATEWAY_PORT,
    bind: 'loopback',
    auth: { mode: 'token', token: crypto.randomBytes(18).toString('base64url') },
  },
};

const canConnect = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** `openclaw gateway run` for the sample home, on loopback only; stopped with its process group. Returns its stop(). */
async function startGateway() {
  if (await canConnect(GATEWAY_PORT)) {
    console.log(`start: something already listens on 127.0.0.1:${GATEWAY_PORT}; not starting the sample gateway`);
    return () => undefined;
  }
  const env = { ...cliEnv(SAMPLE_HOME), OPENCLAW_SKIP_CHANNELS: '1', TMPDIR: path.join(SAMPLE_HOME, 'tmp') };
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  const log = fs.openSync(path.join(SAMPLE_HOME, 'gateway.log'), 'a');
  const started = Date.now();
  const child = spawn(
    paths.node24,
    [paths.entryCurrent, 'gateway', 'run', '--bind', 'loopback', '--port', String(GATEWAY_PORT)],
    { env, cwd: SAMPLE_HOME, stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  console.log(
    `start: OpenClaw gateway starting on ws://127.0.0.1:${GATEWAY_PORT} (pid ${child.pid}; 20-40 s on 2 cores, log ${path.join(SAMPLE_HOME, 'gateway.log')}) ...`,
  );
  void (async () => {
    while (child.exitCode === null && Date.now() - started < 180_000) {
      if (await canConnect(GATEWAY_PORT)) {
        console.log(
          `start: OpenClaw gateway listening after ${((Date.now() - started) / 1000).toFixed(1)} s (the view title says "gateway: connected" once it has answered)`,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    if (child.exitCode !== null) console.log(`start: the gateway exited (${child.exitCode}); see gateway.log`);
  })();
  return () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
}

/**
 * Node 24 and the CLI where nvm puts them (`~/.nvm/versions/node/v24…/bin`), not on the window's PATH: the
 * extension finds both the way it does on a user's machine, with no setting, and reads SQLite through Node 24.
 */
function nvmLayout(home) {
  const root = path.join(home, '.nvm', 'versions', 'node', 'v24.21.0');
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(root, 'lib', 'node_modules'), { recursive: true });
  const link = (target, at) => {
    if (!fs.existsSync(at)) fs.symlinkSync(target, at);
  };
  link(paths.node24, path.join(root, 'bin', 'node'));
  link(path.dirname(paths.entryCurrent), path.join(root, 'lib', 'node_modules', 'openclaw'));
  link('../lib/node_modules/openclaw/openclaw.mjs', path.join(root, 'bin', 'openclaw'));
}

// Built in a temporary folder and renamed at the end, so a half-made home is never mistaken for a finished one.
async function makeSampleHome() {
  if (fs.existsSync(SAMPLE_HOME)) return;
  const tmp = `${SAMPLE_HOME}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, '.openclaw'), { recursive: true });
  fs.writeFileSync(path.join(tmp, '.openclaw', 'openclaw.json'), `${JSON.stringify(SAMPLE_CONFIG, null, 2)}\n`);
  const started = Date.now();
  console.log(
    `start: making the sample OpenClaw home with the real CLI (${SAMPLE_STEPS.length} commands, 10–40 s each on 2 cores) ...`,
  );
  for (const [i, { args, stdin }] of SAMPLE_STEPS.entries()) {
    const stepStart = Date.now();
    const r = await runCli(args, stdin ?? '', cliEnv(tmp));
    console.log(
      `start:   ${i + 1}/${SAMPLE_STEPS.length} openclaw ${args.slice(0, 4).join(' ')} (${((Date.now() - stepStart) / 1000).toFixed(1)} s)`,
    );
    if (r.status !== 0) {
      throw new Error(`openclaw ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
    }
  }
  fs.renameSync(tmp, SAMPLE_HOME);
  console.log(
    `start: sample OpenClaw home created in ${SAMPLE_HOME} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** One CLI call, without blocking: code-server may be installing beside it. The secret goes on stdin. */
function runCli(args, input, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(paths.cliCurrent, args, { env, stdio: ['pipe', 'ignore', 'pipe'], timeout: 300_000 });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
    child.stdin.end(input);
  });
}

/** code-server in a child process, so its install (network and disk, 70–125 s) overlaps the sample home's CLI calls. */
function installCodeServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(paths.root, 'scripts/setup-test-host.mjs'), '--code-server-only'],
      {
        cwd: paths.root,
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`code-server set-up failed (exit ${code})`)),
    );
  });
}

function build() {
  const r = spawnSync('npm', ['run', 'build'], { cwd: paths.root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

// On a fresh machine everything below is mostly waiting on the network, so three things run at once:
// code-server's install (the longest, 70-125 s), npm ci, and Node 24 + the CLI followed by the sample home.
// The Debian packages come first (apt-get takes one lock) and only those code-server needs: no Chromium here.
async function main() {
  aptPackages(CODE_SERVER_APT);
  const codeServer = installCodeServer();
  const modules = ensureNodeModulesInBackground();
  // Handled below; without this, a failure while other work goes on would be an unhandled rejection.
  codeServer.catch(() => undefined);
  modules.catch(() => undefined);
  await setupTestHost({ legacy: false, codeServer: false, apt: [] });
  // The sample home needs only the CLI; the build needs node_modules.
  const home = makeSampleHome();
  home.catch(() => undefined);
  await modules;
  if (!opts['skip-build']) build();
  await home;
  nvmLayout(SAMPLE_HOME);
  await codeServer;
  if (opts.host !== '127.0.0.1' && opts.host !== 'localhost') {
    console.warn(
      `start: warning: code-server runs without authentication; anyone who can reach ${opts.host} can use it`,
    );
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
    // No OpenClaw and no Node 24 on PATH: they are found in the home's nvm folder, as on a user's machine.
    env: {
      PATH: (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter((d) => path.resolve(d) !== path.resolve(paths.binDir))
        .join(path.delimiter),
      OPENCLAW_NO_AUTO_UPDATE: '1',
      OPENCLAW_OFFLINE: '1',
      OPENCLAW_DISABLE_BONJOUR: '1',
    },
  });
  const stopGateway = await startGateway();
  let stopping = false;
  const stop = () => {
    stopping = true;
    stopGateway();
    server.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`\nOpenClaw Auth is running in code-server (pid ${server.pid}), HOME=${SAMPLE_HOME}`);
  console.log(`Open: ${server.url({ extensionDevelopmentPath: paths.root })}`);
  console.log(
    `Press Ctrl-C to stop (the gateway stops with it). Delete ${SAMPLE_HOME} to recreate the sample profiles.`,
  );
  const code = await server.exited;
  if (stopping) return;
  stopGateway();
  console.error(`start: code-server exited (${code}); log ${server.logFile}`);
  process.exit(1);
}

main().catch((e) => {
  console.error(`start: ${e.message}`);
  process.exit(1);
});
