// A small library around code-server 4.100.3 (VS Code 1.100.3) and Debian's Chromium:
// start an isolated server, run a mocha suite inside its extension host, or hand a browser to e2e tests.
// See docs/testing-in-real-vscode.md for why this host and not @vscode/test-electron.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { paths } from './lib/paths.cjs';

const require = createRequire(import.meta.url);
const HOST = '127.0.0.1';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
};
// The developer's own credentials and VS Code session must not leak into a scenario's extension host.
const INHERITED_ENV_DROPPED = /^(ANTHROPIC_|OPENAI_|OPENROUTER_|CLAUDE_|OPENCLAW_|VSCODE_|ELECTRON_)/;

// Process groups of servers still running; if this process dies unexpectedly, they must not outlive it.
const liveServers = new Set();
process.on('exit', () => {
  for (const pid of liveServers) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitForHealth(host, port, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `code-server exited early (${child.exitCode ?? child.signalCode}). Log ${logFile}:\n${tail(logFile)}`,
      );
    }
    try {
      const res = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `code-server did not answer /healthz within ${timeoutMs / 1000} s. Log ${logFile}:\n${tail(logFile)}`,
  );
}

/**
 * Starts code-server with an isolated HOME. The extension host inherits this environment, so scenario
 * variables (HOME, PATH with fake or real CLIs, OPENCLAW_*) go in `env` here.
 */
export async function startCodeServer({
  home,
  env = {},
  userDataDir,
  extensionsDir,
  workspace,
  settings = {},
  port,
  host = HOST,
  healthTimeoutMs = 60_000,
} = {}) {
  if (!fs.existsSync(paths.codeServerBin)) {
    throw new Error(`code-server is not installed at ${paths.codeServerBin}: run \`node scripts/setup-test-host.mjs\``);
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-auth-host-'));
  home ??= path.join(scratch, 'home');
  userDataDir ??= path.join(scratch, 'user-data');
  extensionsDir ??= path.join(scratch, 'extensions');
  workspace ??= path.join(scratch, 'workspace');
  for (const dir of [home, userDataDir, extensionsDir, workspace, path.join(userDataDir, 'User')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2),
  );
  // VS Code resolves the extension host's environment from a login shell, and Debian's /etc/profile
  // resets PATH: put the scenario's PATH in the home's profile, as a person's own PATH would be.
  const profile = path.join(home, '.profile');
  if (env.PATH && !fs.existsSync(profile)) {
    fs.writeFileSync(profile, `export PATH='${env.PATH.replace(/'/g, `'\\''`)}'\n`);
  }

  port ??= await freePort();
  // A wildcard bind is still reached through the loopback address.
  const probeHost = host === '0.0.0.0' || host === '::' ? HOST : host;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INHERITED_ENV_DROPPED.test(k)));
  const logFile = path.join(scratch, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    workspace,
  ];
  // Own process group, so stop() ends the server's helpers (extension host, pty host) with it.
  const child = spawn(paths.codeServerBin, args, {
    env: { ...inherited, SHELL: '/bin/bash', ...env, HOME: home },
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  liveServers.add(child.pid);
  child.once('exit', () => liveServers.delete(child.pid));

  let stopped;
  /** Ends the server's process group; its scratch folder (logs, default dirs) is removed unless `keep`. */
  const stop = ({ keep = false } = {}) => {
    stopped ??= new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {
          /* already gone */
        }
      };
      const force = setTimeout(() => kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      kill('SIGTERM');
    }).then(() => {
      if (!keep) fs.rmSync(scratch, { recursive: true, force: true });
    });
    return stopped;
  };
  try {
    await waitForHealth(probeHost, port, child, logFile, healthTimeoutMs);
  } catch (e) {
    await stop({ keep: true });
    throw e;
  }

  const base = `http://${probeHost}:${port}`;
  const remote = (p) => `vscode-remote://${probeHost}:${port}${path.resolve(p)}`;
  return {
    port,
    pid: child.pid,
    exited,
    home,
    userDataDir,
    extensionsDir,
    workspace,
    logFile,
    base,
    /** Workbench URL; `payload` are VS Code's development arguments, paths are made vscode-remote URIs. */
    url({ folder = workspace, extensionDevelopmentPath, extensionTestsPath } = {}) {
      const payload = [];
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      const query = `folder=${encodeURIComponent(path.resolve(folder))}`;
      return `${base}/?${query}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
    },
    stop,
  };
}

export async function launchBrowser({ headless = true } = {}) {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless });
}

// The workbench's own chatter and the offline gallery lookup (harmless, see the doc); OPENCLAW_AUTH_HOST_LOG=all shows them.
const HOST_NOISE =
  /ENOTFOUND open-vsx\.org|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin extensions cache|^\[Service Worker\]|^ChatSessionStore:|^Creation of workbench contribution '[^']+' took/;

// Mocha logs printf-style (`console.log('  %d passing (%s)', n, t)`); the workbench forwards the raw arguments.
function formatLogLine(type, args) {
  const text = util.format(...(Array.isArray(args) ? args : [args]));
  if (process.env.OPENCLAW_AUTH_HOST_LOG !== 'all' && HOST_NOISE.test(text)) return undefined;
  return type === 'info' || type === 'log' ? text : `[${type}] ${text}`;
}

/**
 * Opens the workbench with extensionTestsPath and resolves with the suite's exit code (0 when run() resolved).
 * Rejects when the suite does not report within timeoutMs. The browser is always closed.
 */
/** `browser`: a running Chromium to open the window in (a new context, closed afterwards), instead of launching one. */
export async function runSuiteInBrowser({
  server,
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  timeoutMs = 120_000,
  out = process.stdout,
  browser: shared,
}) {
  const browser = shared ?? (await launchBrowser());
  const context = shared ? await shared.newContext() : undefined;
  let timer;
  try {
    const page = await (context ?? browser).newPage();
    let reportExit;
    const exit = new Promise((resolve) => {
      reportExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = formatLogLine(type, args);
      if (line !== undefined) out.write(`${line}\n`);
    });
    page.on('pageerror', (err) => out.write(`[workbench error] ${err.message}\n`));
    // The deadline covers loading the workbench too, so it starts before goto.
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the suite did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const finished = (async () => {
      await page.goto(
        server.url({ folder: workspace ?? server.workspace, extensionDevelopmentPath, extensionTestsPath }),
      );
      return exit;
    })();
    finished.catch(() => {});
    return await Promise.race([finished, deadline]);
  } finally {
    clearTimeout(timer);
    await (context ?? browser).close().catch(() => {});
  }
}
