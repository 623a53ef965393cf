// Runs inside code-server's extension host (extensionTestsPath), one fresh window per run.
// BENCH_MODE=activation: activation time, first snapshot, memory growth.  BENCH_MODE=change: 20 CLI writes,
// each timed from the CLI process ending to the snapshot (what the tree and status bar render) showing it.
// Results are appended as one JSON line to $BENCH_OUT.
const vscode = require('vscode');
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const ID = 'clawkit.openclaw-auth';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const profileIds = (snap) => new Set(snap.agents.flatMap((a) => a.providers.flatMap((p) => p.profiles.map((r) => r.id))));

async function activated() {
  const ext = vscode.extensions.getExtension(ID);
  if (!ext) throw new Error(`${ID} is not installed in this window`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  await vscode.commands.executeCommand('workbench.view.extension.openclaw');
  const deadline = Date.now() + 30_000;
  while (!(globalThis.__openclawAuthBench && globalThis.__openclawAuthBench.firstSnapshotMs) && Date.now() < deadline) await sleep(20);
  return { api, bench: globalThis.__openclawAuthBench };
}

function cliWrite(i) {
  const env = JSON.parse(process.env.BENCH_CLI_ENV);
  const id = `anthropic:change-${i}`;
  const token = `sk-ant-oat01-FAKE-bench-change-${i}-`.padEnd(100, 'x');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.BENCH_NODE24, [process.env.BENCH_CLI, 'models', 'auth', 'paste-token', '--provider', 'anthropic', '--agent', 'main', '--profile-id', id],
      { env, cwd: env.HOME, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ id, ended: performance.now(), ms: performance.now() - started }) : reject(new Error(`paste-token exited ${code}`))));
    child.stdin.end(`${token}\n`);
  });
}

async function changeToScreen(api) {
  const seenAt = new Map();
  const sub = api.onDidChangeSnapshot((snap) => {
    const now = performance.now();
    for (const id of profileIds(snap)) if (!seenAt.has(id)) seenAt.set(id, now);
  });
  const initial = api.getSnapshot();
  if (initial) for (const id of profileIds(initial)) seenAt.set(id, 0);
  const samples = [];
  const writeMs = [];
  for (let i = 0; i < Number(process.env.BENCH_WRITES || 20); i++) {
    const { id, ended, ms } = await cliWrite(i);
    writeMs.push(ms);
    const deadline = performance.now() + 10_000;
    while (!seenAt.has(id) && performance.now() < deadline) await sleep(5);
    // Shown before the CLI process even exited (the watcher saw the database commit) counts as 0.
    samples.push(seenAt.has(id) ? Math.max(0, seenAt.get(id) - ended) : Infinity);
  }
  sub.dispose();
  return { samples, writeMs, readPath: api.getSnapshot() && api.getSnapshot().readPath };
}

exports.run = async function run() {
  try {
    await measure();
  } catch (e) {
    fs.appendFileSync(process.env.BENCH_OUT, JSON.stringify({ mode: process.env.BENCH_MODE, error: String(e && e.message) }) + '\n');
    throw e;
  }
};

async function measure() {
  const { api, bench } = await activated();
  const out = { mode: process.env.BENCH_MODE, activationMs: bench.activationMs, loadMs: bench.loadMs, activateCallMs: bench.activateCallMs, firstSnapshotMs: bench.firstSnapshotMs };
  if (process.env.BENCH_MODE === 'change') {
    Object.assign(out, await changeToScreen(api));
  } else {
    // Memory after activation with the big home: a few refreshes, then let timers and the reader settle.
    for (let i = 0; i < 2; i++) await api.refresh();
    await sleep(500);
    bench.gc();
    const m = process.memoryUsage();
    // BENCH_HEAP_SNAPSHOT=<dir>: keep a heap snapshot of this moment, to see what the growth is made of.
    if (process.env.BENCH_HEAP_SNAPSHOT) require('node:v8').writeHeapSnapshot(require('node:path').join(process.env.BENCH_HEAP_SNAPSHOT, `${process.env.BENCH_BASELINE === '1' ? 'baseline' : 'extension'}-${process.pid}.heapsnapshot`));
    const snap = api.getSnapshot();
    Object.assign(out, {
      heapGrowthMB: (m.heapUsed + m.external - bench.mem0.heapUsed - bench.mem0.external) / 1048576,
      rssGrowthMB: (m.rss - bench.mem0.rss) / 1048576,
      readPath: snap && snap.readPath, agents: snap && snap.agents.length, readMs: snap && snap.readMs,
    });
  }
  fs.appendFileSync(process.env.BENCH_OUT, JSON.stringify(out) + '\n');
}
