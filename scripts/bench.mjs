#!/usr/bin/env node
// `npm run bench`: snapshot time per read path vs. the CLI path, change-to-screen, activation, first snapshot,
// bundle size and memory in real VS Code (code-server). Prints a table, writes bench-results.json, exits 1 when a
// budget fails. Flags: --fresh (rebuild the CLI-made homes), --skip-vscode, --skip-cli. See BENCHMARKS.md.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { hostEnv, installedVersion, paths } from './lib/paths.cjs';
import { bundleSizes } from './lib/bundle-size.cjs';
import { startCodeServer, runSuiteInBrowser, launchBrowser } from './vscode-host.mjs';

const { values: opts } = parseArgs({
  options: { fresh: { type: 'boolean' }, 'skip-vscode': { type: 'boolean' }, 'skip-cli': { type: 'boolean' } },
});
const root = paths.root;
const work = paths.benchDir;
const started = Date.now();
const say = (m) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}`);
fs.mkdirSync(work, { recursive: true });

function run(cmd, args, { input, env } = {}) {
  return new Promise((resolve, reject) => {
    // stderr is kept for the error only: the CLI prints gateway notices on every call.
    const child = spawn(cmd, args, { cwd: root, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(' ')} exited ${code}\n${err}`)),
    );
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const r = (x) => Math.round(x * 100) / 100;
  return { median: r(at(0.5)), p95: r(at(0.95)), min: r(s[0]), n: s.length };
}

// ---- 1. build: the production bundle is what ships, and what the VS Code runs load ----
say('building the production bundle');
spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
// At activation: the stub, main.mjs and the chunks it imports statically. On demand: the command implementations
// (first command), the gateway client (first connection) and JSON5 (a hand-edited openclaw.json).
const sizes = bundleSizes(path.join(root, 'dist'));
const bundleBytes = sizes.activation.reduce((sum, [, bytes]) => sum + bytes, 0);
const onDemandBytes = sizes.onDemand;
const readerBundle = path.join(work, 'reader.cjs');
await esbuild.build({
  entryPoints: [path.join(root, 'bench/reader-entry.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: readerBundle,
  external: ['node:sqlite'],
  logLevel: 'warning',
});
let vsixBytes;
if (fs.existsSync(path.join(root, 'scripts/package.mjs'))) {
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: root, stdio: 'inherit' });
  const vsix = fs
    .readdirSync(root)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(root, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (r.status === 0 && vsix) vsixBytes = fs.statSync(vsix).size;
}

// ---- 2. homes, made by the real CLI; cached because 50 `agents add` calls take minutes ----
const cliVersion = (gen) => installedVersion(paths.ocPackage(gen));
const recipe = crypto
  .createHash('sha256')
  .update(fs.readFileSync(path.join(root, 'bench/make-homes.mjs')))
  .digest('hex')
  .slice(0, 10);
const homesDir = path.join(paths.benchHomes, `${cliVersion('current')}-${cliVersion('legacy')}-${recipe}`);
// BENCH_MANIFEST: use homes made elsewhere (e.g. a previous make-homes run) as they are.
const manifestPath = process.env.BENCH_MANIFEST || path.join(homesDir, 'manifest.json');
let homesSeconds; // set when this run built the homes
const weekOld =
  fs.existsSync(manifestPath) &&
  Date.now() - JSON.parse(fs.readFileSync(manifestPath, 'utf8')).builtAt > 7 * 86_400_000;
if (!process.env.BENCH_MANIFEST && (opts.fresh || weekOld || !fs.existsSync(manifestPath))) {
  fs.rmSync(homesDir, { recursive: true, force: true });
  say('building homes with the real CLI (1x3, 10x50, 50x200, legacy 10x50) — several minutes, cached afterwards');
  const t = Date.now();
  await run(paths.node24, ['--no-warnings', 'bench/make-homes.mjs', homesDir, manifestPath], {
    env: { ...process.env, ...hostEnv() },
  });
  homesSeconds = Math.round((Date.now() - t) / 1000);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const home = (name) => manifest.homes.find((h) => h.name === name);
say(
  `homes: ${manifest.homes.map((h) => `${h.name} (CLI lists ${h.checks.map((c) => `${c.cliCount} for ${c.agent}`).join(', ')})`).join('; ')}`,
);

// ---- 3. snapshot per read path ----
say('snapshot: in-process node:sqlite on Node 24');
const inproc = JSON.parse(
  await run(paths.node24, ['--no-warnings', 'bench/snapshot.cjs', 'in-process', manifestPath, readerBundle]),
);
say(
  `snapshot: child reader from Node ${process.versions.node} (warm: kept alive; cold: a new child per read) and legacy JSON`,
);
const child = JSON.parse(
  await run(process.execPath, [
    'bench/snapshot.cjs',
    'child',
    manifestPath,
    readerBundle,
    paths.node24,
    path.join(root, 'dist/sqlite-reader.js'),
  ]),
);
const snapshotRows = [...inproc.rows, ...child.rows];

// ---- 4. the CLI path: what a CLI-only tool runs per agent (auth list + order get), serially ----
const cliRows = [];
let cliPathSeconds = 0; // wall time of the CLI-path processes, for the account of where the bench's time goes
if (!opts['skip-cli']) {
  const cli = paths.entryCurrent;
  // Each CLI start costs seconds of CPU and the same per agent, so few samples suffice (and keep the bench under 10 min).
  const plan = [
    ['current-1x3', 1, Infinity],
    ['current-10x50', 1, 1],
    ['current-50x200', 1, 1],
  ];
  for (const [name, runs, sampleAgents] of plan) {
    const h = home(name);
    const agents = h.agents.slice(0, sampleAgents);
    say(`CLI path on ${name}: ${runs} run(s) over ${agents.length} of ${h.agents.length} agent(s)`);
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      for (const agent of agents) {
        await run(paths.node24, [cli, 'models', 'auth', 'list', '--json', '--agent', agent], { env: h.env });
        await run(
          paths.node24,
          [cli, 'models', 'auth', 'order', 'get', '--provider', 'anthropic', '--json', '--agent', agent],
          { env: h.env },
        );
      }
      // Sampled agents are scaled to the whole home (each agent costs the same two CLI starts).
      cliPathSeconds += (performance.now() - t) / 1000;
      samples.push(((performance.now() - t) * h.agents.length) / agents.length);
    }
    cliRows.push({
      home: name,
      ...stats(samples),
      runs,
      agentsMeasured: agents.length,
      extrapolated: agents.length < h.agents.length,
    });
  }
}

// ---- 4b. the live gateway (bench/gateway.mjs): authStatus refresh beside the local read, memory, change visible ----
const gatewayResult = process.env.BENCH_SKIP_GATEWAY
  ? undefined
  : JSON.parse(
      (await run(process.execPath, ['--expose-gc', 'bench/gateway.mjs', manifestPath])).trim().split('\n').pop(),
    );
if (gatewayResult)
  say(
    `gateway 10x50: authStatus refresh ${gatewayResult.authStatusRefresh.median} / ${gatewayResult.authStatusRefresh.p95} ms (local read ${gatewayResult.localRead.median} / ${gatewayResult.localRead.p95}); connection ${gatewayResult.connectionMemoryMB} MB`,
  );
// ---- 5. real VS Code: activation and memory (50x200 home), change to screen (10x50 home) ----
const vscodeResult = {};
const budgets = [];
if (!opts['skip-vscode']) {
  const ext = path.join(work, 'extension');
  fs.rmSync(ext, { recursive: true, force: true });
  fs.mkdirSync(ext, { recursive: true });
  for (const f of ['dist', 'media', 'l10n', 'package.nls.json', 'package.nls.th.json', 'LICENSE']) {
    if (fs.existsSync(path.join(root, f))) fs.cpSync(path.join(root, f), path.join(ext, f), { recursive: true });
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(ext, 'package.json'), JSON.stringify({ ...pkg, main: './activation-shim.cjs' }));
  fs.copyFileSync(path.join(root, 'bench/activation-shim.cjs'), path.join(ext, 'activation-shim.cjs'));

  const inVsCode = async (mode, homeName, windows) => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `openclaw-auth-bench-${mode}-`));
    const h = home(homeName);
    const copy = path.join(scratch, 'home');
    fs.cpSync(h.home, copy, { recursive: true });
    const env = Object.fromEntries(
      Object.entries(h.env).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll(h.home, copy) : v]),
    );
    // The copied config names agent dirs under the original home: rewrite them to the copy.
    const cfg = path.join(copy, '.openclaw', 'openclaw.json');
    fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replaceAll(h.home, copy));
    const results = path.join(scratch, 'results.jsonl');
    const server = await startCodeServer({
      home: copy,
      env: {
        ...env,
        PATH: `${paths.binDir}:${env.PATH}`,
        BENCH_MODE: mode === 'baseline' ? 'activation' : mode,
        BENCH_BASELINE: mode === 'baseline' ? '1' : '0',
        ...Object.fromEntries(
          ['BENCH_CPU_PROFILE', 'BENCH_HEAP_SNAPSHOT'].filter((k) => process.env[k]).map((k) => [k, process.env[k]]),
        ),
        BENCH_OUT: results,
        BENCH_NODE24: paths.node24,
        BENCH_CLI: paths.entryCurrent,
        BENCH_CLI_ENV: JSON.stringify(env),
      },
      settings: { 'openclawAuth.nodePath': paths.node24, 'openclawAuth.notifications': false },
    });
    const sink = { write: (s) => (process.env.BENCH_VERBOSE ? process.stdout.write(s) : true) };
    // One Chromium for all windows of this mode; each window is a new browser context, so a new workbench and extension host.
    const browser = await launchBrowser();
    try {
      for (let i = 0; i < windows; i++) {
        const code = await runSuiteInBrowser({
          server,
          browser,
          out: sink,
          extensionDevelopmentPath: ext,
          extensionTestsPath: path.join(root, 'bench/vscode-suite.cjs'),
          timeoutMs: mode === 'change' ? 900_000 : 240_000,
        });
        if (code !== 0)
          throw new Error(
            `${mode} window ${i + 1} failed (exit ${code}): ${fs.existsSync(results) ? fs.readFileSync(results, 'utf8').trim().split('\n').pop() : 'no result'}; rerun with BENCH_VERBOSE=1`,
          );
      }
    } finally {
      await browser.close().catch(() => undefined);
      await server.stop();
    }
    const lines = fs
      .readFileSync(results, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    fs.rmSync(scratch, { recursive: true, force: true });
    return lines;
  };
  try {
    const windows = Number(process.env.BENCH_WINDOWS || 10);
    say(`VS Code: activation, first snapshot and memory in ${windows} fresh windows (50x200 home)`);
    const act = await inVsCode('activation', process.env.BENCH_ACTIVATION_HOME || 'current-50x200', windows);
    // The same window steps without loading the extension: what the host itself grows by in that time. They run beside
    // the change-to-screen window, which spends its minutes waiting for CLI writes; memory is read after a forced GC,
    // so the load does not change it, and change to screen is then measured on a busier machine, not a quieter one.
    const baselineWindows = Number(process.env.BENCH_BASELINE_WINDOWS || 3);
    // The writes are `paste-token` by the real CLI: 11-19 s each on this machine, in any home that already has profiles
    // (two at a time: ~23 s per pair).
    const changeHome = process.env.BENCH_CHANGE_HOME || 'current-10x50';
    say(
      `VS Code: change to screen, ${process.env.BENCH_WRITES || 20} CLI writes (${changeHome} home); beside it, host memory without the extension in ${baselineWindows} fresh windows (baseline)`,
    );
    const changeStarted = Date.now();
    const [base, [change]] = await Promise.all([
      baselineWindows
        ? inVsCode('baseline', process.env.BENCH_ACTIVATION_HOME || 'current-50x200', baselineWindows)
        : [],
      inVsCode('change', changeHome, 1),
    ]);
    const changeWindowSeconds = (Date.now() - changeStarted) / 1000;
    Object.assign(vscodeResult, {
      activation: stats(act.map((a) => a.activationMs)),
      activationLoad: stats(act.map((a) => a.loadMs)),
      activationCall: stats(act.map((a) => a.activateCallMs)),
      firstSnapshot: stats(act.map((a) => a.firstSnapshotMs)),
      heapGrowthMB: stats(act.map((a) => a.heapGrowthMB)),
      rssGrowthMB: stats(act.map((a) => a.rssGrowthMB)),
      baselineHeapGrowthMB: base.length ? stats(base.map((a) => a.heapGrowthMB)) : undefined,
      baselineRssGrowthMB: base.length ? stats(base.map((a) => a.rssGrowthMB)) : undefined,
      readPathInVsCode: act[0].readPath,
      changeToScreen: stats(change.samples),
      changeFromCommit: stats(change.fromCommit),
      changeHome,
      changeStreams: change.streams,
      changeWriteSeconds: change.writeMs.reduce((a, b) => a + b, 0) / 1000,
      changeWindowSeconds,
      changeWrite: stats(change.writeMs),
      changeReadPath: change.readPath,
      changeSamples: change.samples.map((x) => Math.round(x)),
      changeFromCommitSamples: change.fromCommit.map((x) => Math.round(x)),
    });
  } catch (e) {
    // Keep the other figures: the failure is reported as a failed budget.
    vscodeResult.error = e.message;
    say(`VS Code part failed: ${e.message}`);
    budgets.push({ name: 'VS Code part ran', value: 0, limit: 1, unit: '', pass: false, cmp: '>=' });
  }
}

// ---- 6. budgets, table, JSON ----
const row = (p, h) => snapshotRows.find((r) => r.path === p && r.home === h);
const cliFor = (h) => cliRows.find((r) => r.home === h);
for (const r of snapshotRows) {
  const c = cliFor(r.home === 'legacy-10x50' ? 'current-10x50' : r.home);
  if (c) r.speedupVsCli = Math.round(c.median / r.warm.median);
}
const budget = (name, value, limit, unit, cmp = '<=') =>
  budgets.push({
    name,
    value,
    limit,
    unit,
    pass: value !== undefined && Number.isFinite(value) && (cmp === '<=' ? value <= limit : value >= limit),
    cmp,
  });
budget('snapshot 10x50 warm, child reader (median)', row('child', 'current-10x50')?.warm.median, 20, 'ms');
budget('snapshot 10x50 warm, in-process (median)', row('in-process', 'current-10x50')?.warm.median, 20, 'ms');
budget('snapshot 10x50 cold, new child (median)', row('child', 'current-10x50')?.cold.median, 150, 'ms');
if (cliFor('current-10x50'))
  budget('snapshot 10x50 warm vs CLI path (child)', row('child', 'current-10x50')?.speedupVsCli, 300, '×', '>=');
if (vscodeResult.activation) {
  budget('change to screen, from the CLI exiting (p95)', vscodeResult.changeToScreen.p95, 500, 'ms');
  budget('change to screen, from the commit (p95)', vscodeResult.changeFromCommit.p95, 500, 'ms');
  budget('activation (median of 10 windows)', vscodeResult.activation.median, 50, 'ms');
  // The extension's share: growth with it minus the host's own growth in the same steps without it.
  const own = vscodeResult.heapGrowthMB.median - (vscodeResult.baselineHeapGrowthMB?.median ?? 0);
  vscodeResult.extensionHeapGrowthMB = Math.round(own * 10) / 10;
  budget(
    `memory growth, 50x200 (median, heap+external${vscodeResult.baselineHeapGrowthMB ? ', minus host baseline' : ''})`,
    own,
    15,
    'MB',
  );
}
budget('bundle loaded at activation', Math.round(bundleBytes / 1024), 250, 'KB');
if (gatewayResult)
  budget(
    'gateway: authStatus after a gateway write (p95)',
    gatewayResult.gatewayWrite.visibleAfterResolve.p95,
    500,
    'ms',
  );
const totalSeconds = Math.round((Date.now() - started) / 1000);
const partial = opts['skip-vscode'] || opts['skip-cli'];
if (!partial)
  budget(`whole bench${homesSeconds ? ', building the homes included' : ' (homes cached)'}`, totalSeconds, 600, 's');

const pad = (s, n) => String(s).padEnd(n);
const lines = [
  '',
  'Snapshot (ms)            home            profiles   warm median / p95     cold median / p95     ×CLI   stores / assemble (warm, median)',
];
for (const r of snapshotRows) {
  lines.push(
    `${pad(r.path, 24)} ${pad(r.home, 15)} ${pad(r.profiles, 10)} ${pad(`${r.warm.median} / ${r.warm.p95}`, 21)} ${pad(r.cold.n ? `${r.cold.median} / ${r.cold.p95}` : '-', 21)} ${pad(r.speedupVsCli ?? '-', 6)} ${r.breakdown.storesMedian} / ${r.breakdown.assembleMedian}`,
  );
}
for (const c of cliRows)
  lines.push(
    `${pad('CLI path', 24)} ${pad(c.home, 15)} ${pad('', 10)} ${pad(`${Math.round(c.median)} / ${Math.round(c.p95)}`, 21)} ${c.extrapolated ? `(${c.agentsMeasured} agents measured, scaled)` : `(${c.runs} run(s))`}`,
  );
if (vscodeResult.activation) {
  const v = vscodeResult;
  lines.push(
    '',
    `VS Code (code-server 1.100, reader ${v.readPathInVsCode}): activation ${v.activation.median} ms median (load the stub ${v.activationLoad.median} + activate(), with main.mjs and its chunks, ${v.activationCall.median}), first snapshot ${v.firstSnapshot.median} ms after load start`,
  );
  lines.push(
    `  change to screen over ${v.changeToScreen.n} writes (${v.changeHome} home, ${v.changeStreams} at a time): from the CLI exiting ${v.changeToScreen.median} ms median / ${v.changeToScreen.p95} ms p95; ` +
      `from the commit ${v.changeFromCommit.median} ms median / ${v.changeFromCommit.p95} ms p95`,
  );
  lines.push(
    `  memory growth (heap+external after a forced GC; RSS): with the extension ${v.heapGrowthMB.median.toFixed(1)} MB; RSS ${v.rssGrowthMB.median.toFixed(1)} MB` +
      (v.baselineHeapGrowthMB
        ? `; host alone ${v.baselineHeapGrowthMB.median.toFixed(1)} MB; RSS ${v.baselineRssGrowthMB.median.toFixed(1)} MB; the extension's share ${v.extensionHeapGrowthMB} MB`
        : ''),
  );
}
lines.push(
  `Bundle ${(bundleBytes / 1024).toFixed(1)} KB at activation (+ on demand: ${onDemandBytes.map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KB`).join(', ')}); VSIX ${vsixBytes ? `${(vsixBytes / 1024).toFixed(1)} KB` : 'not measured (no scripts/package.mjs)'}`,
  '',
  'Budgets',
);
for (const b of budgets)
  lines.push(
    `  ${b.pass ? 'PASS' : 'FAIL'}  ${pad(b.name, 50)} ${typeof b.value === 'number' ? Math.round(b.value * 100) / 100 : b.value} ${b.unit} (${b.cmp} ${b.limit})`,
  );
lines.push(`Whole bench: ${totalSeconds} s${homesSeconds ? ` (${homesSeconds} s of it building the homes)` : ''}`);
// Where the time goes: most of it is the OpenClaw CLI's own start-up, paid once per call.
// The change-to-screen writes run two at a time: their wall time is the change window's.
const cliSeconds = (homesSeconds ?? 0) + cliPathSeconds + (vscodeResult.changeWindowSeconds ?? 0);
lines.push(
  `  of which OpenClaw CLI processes: ${Math.round(cliSeconds)} s (building homes ${homesSeconds ?? 0} s, CLI path ${Math.round(cliPathSeconds)} s, ` +
    `${vscodeResult.changeWrite?.n ?? 0} change-to-screen writes: a ${Math.round(vscodeResult.changeWindowSeconds ?? 0)} s window, ${Math.round((vscodeResult.changeWrite?.median ?? 0) / 100) / 10} s per write, ${vscodeResult.changeStreams ?? 0} at a time); the rest ${totalSeconds - Math.round(cliSeconds)} s`,
);
console.log(lines.join('\n'));
fs.writeFileSync(
  path.join(root, 'bench-results.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.versions.node, node24: inproc.node },
      cli: { current: cliVersion('current'), legacy: cliVersion('legacy') },
      homes: manifest.homes.map(({ env: _env, ...h }) => h),
      snapshot: snapshotRows,
      cliPath: cliRows,
      vscode: vscodeResult,
      gateway: gatewayResult ?? null,
      bundleBytes,
      vsixBytes: vsixBytes ?? null,
      budgets,
      totalSeconds,
      homesSeconds: homesSeconds ?? null,
      cliPathSeconds,
    },
    null,
    2,
  ),
);
process.exit(budgets.every((b) => b.pass) ? 0 : 1);
