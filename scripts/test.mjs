#!/usr/bin/env node
// `npm test [-- unit|interop|integration|e2e|lint]`: lints, prepares, builds, runs the suites in order and prints
// one line `N passed, M failed` and each suite's time. Each suite alone installs what it needs (unit, interop:
// Node 24 and both CLIs; integration, e2e: + code-server). Built-ins only, because it may run before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SECRET_RE, mask } from './scan-secrets.mjs';
import { ensureNodeModules } from './setup-test-host.mjs';
import { hostEnv as testHostEnv, paths } from './lib/paths.cjs';

const ROOT = paths.root;
const SUITES = ['unit', 'interop', 'integration', 'e2e'];
// The host each suite needs: 0 = Node 24 and both CLIs, 1 = those and code-server (only what that suite runs).
// unit needs the CLIs too: some unit tests read the CLI's package (provider manifests, profile ids) and must not skip.
const HOST_OF = { unit: 0, interop: 0, integration: 1, e2e: 1 };
const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);
// Spec output plus each test file's time at the end.
const REPORTER = ['--reporter', 'scripts/lib/spec-with-file-times.cjs'];
// Every suite gets the same host paths, so no test falls back to a guessed location.
const hostEnv = testHostEnv();

const SUITE_COMMANDS = {
  // Some unit tests start a process (the terminal runner, the SQLite reader child, Node 24): mocha's 2 s default is
  // a glance on a quiet machine and a coin toss on a busy 2-core one.
  unit: {
    dir: 'out/test/unit',
    env: hostEnv,
    cmd: () => [bin('mocha'), [...REPORTER, '--timeout', '15000', 'out/test/unit/**/*.test.js']],
  },
  // Two mocha processes ("lanes") at once, each with its share of the files. One CLI call keeps about one core
  // busy at most (its SQLite child processes start one after another), so one file at a time left a third of the two
  // cores idle (measured 64 % busy on average through interop); two lanes fill it. The files are dealt longest
  // first by their time in a recent run (LAST_SECONDS), so the lanes end close together.
  interop: {
    dir: 'out/test/interop',
    env: hostEnv,
    lanes: 2,
    cmd: (files) => [bin('mocha'), [...REPORTER, '--timeout', '120000', ...files]],
  },
  integration: {
    dir: 'out/test/integration',
    env: hostEnv,
    lanes: 2,
    // Each lane is its own code-server and extension host, with its share of the files.
    cmd: (files) => [
      process.execPath,
      ['scripts/run-integration.mjs'],
      files ? { OPENCLAW_AUTH_TEST_FILES: files.map((f) => path.basename(f)).join(',') } : {},
    ],
  },
  e2e: {
    dir: 'out/test/e2e',
    env: hostEnv,
    cmd: () => [bin('mocha'), [...REPORTER, '--timeout', '300000', 'out/test/e2e/**/*.test.js']],
  },
};

// One line per step and suite, printed together at the end: where a run's time went.
const times = [];

function step(label, cmd, args) {
  console.log(`\n== ${label}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  times.push(`${label.split(' (')[0]}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    console.error(`test: ${label} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(1);
  }
}

function compiledTests(dir) {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js'));
}

// Mocha's spec reporter ends with "N passing" and, when something failed, "M failing".
function counts(output) {
  // eslint-disable-next-line no-control-regex -- ESC (\x1b) is what starts the colour codes this strips
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const last = (re) => {
    const all = [...plain.matchAll(re)];
    return all.length ? Number(all[all.length - 1][1]) : undefined;
  };
  return { passed: last(/^\s*(\d+) passing\b/gm), failed: last(/^\s*(\d+) failing\b/gm) };
}

// Seconds each file took on the 2-core machine (stop 15's "time per file" lines: interop one file at a time in a
// clean-clone run, integration in two lanes); a file not listed counts as 60 s. Only the split between the lanes depends on these.
const LAST_SECONDS = {
  interop: {
    'snapshot-vs-cli.test.js': 545,
    'commands-vs-cli.test.js': 434,
    'gateway-differential.test.js': 126,
    'concurrency.test.js': 123,
    'gateway.test.js': 108,
    'gateway-probe.test.js': 103,
    'gateway-remote.test.js': 82,
    'stores.test.js': 76,
    'gateway-pins.test.js': 75,
    'properties-vs-cli.test.js': 55,
    'why-activate.test.js': 50,
    'gateway-remote-tls.test.js': 47,
    'signin-wizard.test.js': 46,
    'secrets-audit.test.js': 35,
    'missing-providers.test.js': 30,
    'plugin-upgrade.test.js': 15,
    'pins-legacy.test.js': 29,
    'discover-vs-cli.test.js': 1,
  },
  // Measured in two lanes (stop 15); each file runs in its own lane's extension host.
  integration: {
    'commands.test.js': 410,
    'api.test.js': 353,
    'remoteGateway.test.js': 92,
    'gateway.test.js': 72,
    'setupToken.test.js': 28,
    'unreadable.test.js': 26,
    'tree.test.js': 13,
    'hostile.test.js': 8,
    'pins.test.js': 2,
    'feedback.test.js': 1,
    'signin.test.js': 1,
    'smoke.test.js': 1,
    'statusbar.test.js': 1,
  },
};

/** Files dealt to `n` lanes, longest first, each to the lane with the least time so far. */
function lanesOf(files, n, seconds) {
  const lanes = Array.from({ length: n }, () => ({ files: [], seconds: 0 }));
  const secondsOf = (f) => seconds[path.basename(f)] ?? 60;
  for (const f of [...files].sort((a, b) => secondsOf(b) - secondsOf(a))) {
    const lane = lanes.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    lane.files.push(f);
    lane.seconds += secondsOf(f);
  }
  return lanes.filter((l) => l.files.length > 0).map((l) => l.files.sort());
}

/** One process of a suite; its output goes to the terminal as it comes (`live`) or is kept for later. */
function runProcess(command, args, env, live) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['inherit', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      if (live) process.stdout.write(chunk);
      output += chunk;
    });
    child.on('error', (err) => resolve({ code: 1, output: `${output}\n${err.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** A suite's processes: one, or one per lane. The first lane prints as it runs, the others when they end. */
async function runSuite(name) {
  const { cmd, env = {}, lanes = 1, dir } = SUITE_COMMANDS[name];
  if (lanes === 1) {
    const [command, args, laneEnv = {}] = cmd();
    return [await runProcess(command, args, { ...env, ...laneEnv }, true)];
  }
  const split = lanesOf(
    compiledTests(dir).map((f) => path.join(dir, f)),
    lanes,
    LAST_SECONDS[name] ?? {},
  );
  console.log(split.map((files, i) => `lane ${i + 1}: ${files.map((f) => path.basename(f)).join(', ')}`).join('\n'));
  const results = await Promise.all(
    split.map((files, i) => {
      const [command, args, laneEnv = {}] = cmd(files);
      return runProcess(command, args, { ...env, ...laneEnv }, i === 0);
    }),
  );
  // A lane that ended without mocha's summary (its process died) is a failure even when the other lanes passed.
  for (const r of results) {
    const c = counts(r.output);
    if (c.passed === undefined && c.failed === undefined && r.code === 0) r.code = 1;
  }
  results.forEach((r, i) => {
    if (i > 0) console.log(`\n== ${name}, lane ${i + 1} of ${split.length}\n${r.output}`);
  });
  return results;
}

/**
 * A command in a child process whose output goes to a log file; `join()` waits for it, prints the log and stops the
 * run if it failed. Its time is the wall time from start to join. `background` runs `setup-test-host.mjs <args>`.
 */
function besides(label, cmd, args) {
  fs.mkdirSync(paths.logs, { recursive: true });
  const logPath = path.join(paths.logs, `${label.replace(/[^a-z0-9]+/gi, '-')}.log`);
  const fd = fs.openSync(logPath, 'w');
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  console.log(`\n== ${label}: started in the background (log ${logPath})`);
  const exited = new Promise((resolve) => {
    child.on('error', (err) => resolve(err.message));
    child.on('close', (code, signal) => resolve(code === 0 ? 0 : (signal ?? `exit ${code}`)));
  });
  return {
    async join() {
      const result = await exited;
      console.log(`\n== ${label} (${paths.cache})`);
      process.stdout.write(fs.readFileSync(logPath, 'utf8'));
      times.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s (in the background)`);
      if (result !== 0) {
        console.error(`test: ${label} failed (${result})`);
        process.exit(1);
      }
    },
    async cancel() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const background = (label, args) => besides(label, process.execPath, ['scripts/setup-test-host.mjs', ...args]);

async function main() {
  const started = Date.now();
  const requested = process.argv[2];
  if (requested && !SUITES.includes(requested) && requested !== 'lint') {
    console.error(`usage: node scripts/test.mjs [${SUITES.join('|')}|lint]`);
    process.exit(2);
  }
  const suites = requested ? [requested] : SUITES;

  // What takes long on a fresh machine is mostly network and disk (Debian packages, Node 24, both CLIs,
  // code-server), so it runs beside the CPU work instead of before it: the CLIs install while npm ci, lint and
  // tsc run; code-server installs while unit and interop run (they do not need it) and is waited for only
  // before the first suite that opens VS Code. Each background set-up writes its own log, printed when joined.
  const needsCodeServer = suites.some((s) => HOST_OF[s] === 1);
  const clis = background('setup test host (CLIs)', ['--no-code-server']);
  ensureNodeModules();
  // Lint and format in a full run (and alone with `lint`); one suite alone skips them, so `npm run test:unit` stays
  // quick. ESLint's type-checked rules take a core for about a minute: in a full run it lints beside format, build,
  // tsc and the unit suite (which use the other core) and is joined before interop, so a lint error still fails
  // the run before the long suites start.
  let lint;
  if (!requested || requested === 'lint') {
    if (requested === 'lint') step('lint (eslint)', bin('eslint'), ['.']);
    else lint = besides('lint (eslint)', bin('eslint'), ['.']);
    step('format (prettier --check)', bin('prettier'), ['--check', '.']);
    if (requested === 'lint') {
      await clis.cancel();
      return;
    }
  }
  step('build', 'npm', ['run', 'build']);
  // A fresh out/ so tests whose sources were deleted cannot run from stale JS.
  fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
  step('compile (tsc)', bin('tsc'), ['-p', '.']);
  await clis.join();
  // code-server installs beside the first suite after unit (interop, 20 minutes: plenty of time to hide it in). Not
  // beside unit: its few timing-sensitive tests are short and better on a quiet machine. Not before the CLIs' set-up
  // has ended either: that installed the Debian packages, and two apt-get at once fight over dpkg's lock.
  let codeServer;

  let passed = 0;
  let failed = 0;
  for (const name of suites) {
    const dir = SUITE_COMMANDS[name].dir;
    if (compiledTests(dir).length === 0) {
      console.log(`\n== ${name}: no compiled tests in ${dir}, skipped`);
      continue;
    }
    if (name !== 'unit' && lint) {
      await lint.join();
      lint = undefined;
    }
    if (name !== 'unit' && needsCodeServer) codeServer ??= background('setup code-server', ['--code-server-only']);
    if (HOST_OF[name] === 1) await codeServer?.join();
    console.log(`\n== ${name}`);
    const suiteStart = Date.now();
    const processes = await runSuite(name);
    const output = processes.map((p) => p.output).join('\n');
    const code = processes.find((p) => p.code !== 0)?.code ?? 0;
    const c = processes
      .map((p) => counts(p.output))
      .reduce(
        (a, b) => ({
          passed: a.passed === undefined && b.passed === undefined ? undefined : (a.passed ?? 0) + (b.passed ?? 0),
          failed: a.failed === undefined && b.failed === undefined ? undefined : (a.failed ?? 0) + (b.failed ?? 0),
        }),
        { passed: undefined, failed: undefined },
      );
    // Test output is something people paste into issues: no fake secret may appear in it in clear.
    const leaks = [...output.matchAll(SECRET_RE)].map((m) => mask(m[0]));
    if (leaks.length) {
      console.log(`test: ${name} printed ${leaks.length} secret(s) in clear: ${[...new Set(leaks)].join(', ')}`);
      failed += 1;
    }
    passed += c.passed ?? 0;
    failed += c.failed ?? 0;
    if (code !== 0 && !c.failed) {
      console.log(`test: ${name} exited ${code} without reporting failing tests; counted as 1 failure`);
      failed += 1;
    }
    // A suite whose host died (seen: code-server's extension host closing mid-run) can end with exit 0 and no
    // mocha summary at all. No "N passing" line, or none passing, is a failure, never a green run.
    if (code === 0 && !c.failed && !c.passed) {
      console.log(`test: ${name} exited 0 but reported no passing tests (did its host stop?); counted as 1 failure`);
      failed += 1;
    }
    const line = `${name}: exit ${code} in ${((Date.now() - suiteStart) / 1000).toFixed(1)} s (${c.passed ?? 0} passing, ${c.failed ?? 0} failing)`;
    times.push(line);
    console.log(`== ${line}`);
  }
  await lint?.join();
  console.log(`\n${times.map((l) => `  ${l}`).join('\n')}`);
  console.log(`${passed} passed, ${failed} failed`);
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(`test: ${e?.stack ?? e}`);
  process.exit(1);
});
