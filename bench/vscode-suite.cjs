// Runs inside code-server's extension host (extensionTestsPath), one fresh window per run.
// BENCH_MODE=activation: activation time, first snapshot, memory growth.  BENCH_MODE=change: 20 CLI writes,
// each timed from the CLI process ending, and from its commit, to the snapshot (what the tree and status bar render) showing it.
// Results are appended as one JSON line to $BENCH_OUT.
const vscode = require('vscode');
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { performance } = require('node:perf_hooks');

const ID = 'clawkit.openclaw-auth';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const profileIds = (snap) =>
  new Set(snap.agents.flatMap((a) => a.providers.flatMap((p) => p.profiles.map((r) => r.id))));

async function activated() {
  const ext = vscode.extensions.getExtension(ID);
  if (!ext) throw new Error(`${ID} is not installed in this window`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  await vscode.commands.executeCommand('workbench.view.extension.openclaw');
  const deadline = Date.now() + 30_000;
  while (!(globalThis.__openclawAuthBench && globalThis.__openclawAuthBench.firstSnapshotMs) && Date.now() < deadline)
    await sleep(20);
  return { api, bench: globalThis.__openclawAuthBench };
}

function cliWrite(id, agent) {
  const env = JSON.parse(process.env.BENCH_CLI_ENV);
  const token = `sk-ant-oat01-FAKE-bench-${id.split(':')[1]}-`.padEnd(100, 'x');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.env.BENCH_NODE24,
      [
        process.env.BENCH_CLI,
        'models',
        'auth',
        'paste-token',
        '--provider',
        'anthropic',
        '--agent',
        agent,
        '--profile-id',
        id,
      ],
      { env, cwd: env.HOME, stdio: ['pipe', 'ignore', 'ignore'] },
    );
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve({ id, ended: performance.now(), ms: performance.now() - started })
        : reject(new Error(`paste-token --agent ${agent} exited ${code}`)),
    );
    child.stdin.end(`${token}\n`);
  });
}

/**
 * A separate Node watches the databases every 10 ms for the new profile ids, so each write also has a commit time:
 * change to screen is timed from the CLI process ending (the measure) and from the commit itself.
 * Times are wall-clock ms (timeOrigin + now) in both processes.
 */
const POLLER = `
const { DatabaseSync } = require('node:sqlite');
const dbs = JSON.parse(process.argv[1]).map((f) => { try { return new DatabaseSync(f, { readOnly: true, timeout: 5000 }); } catch { return undefined; } }).filter(Boolean);
const reads = dbs.flatMap((db) => ["SELECT value_json AS j FROM config_machine_state WHERE state_key = 'authProfiles.store'", "SELECT store_json AS j FROM auth_profile_store WHERE store_key = 'primary'"].map((q) => { try { return db.prepare(q); } catch { return undefined; } }).filter(Boolean));
let wanted = [];
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { wanted.push(...d.split('\\n').filter(Boolean)); });
setInterval(() => {
  if (!wanted.length) return;
  let text = '';
  for (const r of reads) { try { for (const row of r.all()) text += row.j; } catch {} }
  const at = performance.timeOrigin + performance.now();
  wanted = wanted.filter((id) => { if (!text.includes(JSON.stringify(id))) return true; process.stdout.write(JSON.stringify({ id, at }) + '\\n'); return false; });
}, 10);
`;

async function changeToScreen(api) {
  const wall = () => performance.timeOrigin + performance.now();
  const seenAt = new Map();
  const sub = api.onDidChangeSnapshot((snap) => {
    const now = wall();
    for (const id of profileIds(snap)) if (!seenAt.has(id)) seenAt.set(id, now);
  });
  const initial = api.getSnapshot();
  if (initial) for (const id of profileIds(initial)) seenAt.set(id, 0);
  const home = JSON.parse(process.env.BENCH_CLI_ENV).HOME;
  const dbFiles = [
    `${home}/.openclaw/state/openclaw.sqlite`,
    `${home}/.openclaw/agents/main/agent/openclaw-agent.sqlite`,
    `${home}/.openclaw/agents/a01/agent/openclaw-agent.sqlite`,
  ];
  const poller = spawn(process.env.BENCH_NODE24, ['--no-warnings', '-e', POLLER, JSON.stringify(dbFiles)], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const committedAt = new Map();
  let pollBuf = '';
  poller.stdout.setEncoding('utf8');
  poller.stdout.on('data', (d) => {
    pollBuf += d;
    for (let nl; (nl = pollBuf.indexOf('\n')) >= 0; pollBuf = pollBuf.slice(nl + 1)) {
      const { id, at } = JSON.parse(pollBuf.slice(0, nl));
      committedAt.set(id, at);
    }
  });
  const samples = [];
  const fromCommit = [];
  const writeMs = [];
  const writes = Number(process.env.BENCH_WRITES || 20);
  // Two CLI writes at a time, to different agents' stores (main's shared store, a01's own database): one OpenClaw
  // CLI call takes 11-19 s here, and two at once finish in ~23 s. Each write is still timed on its own.
  const streams = ['main', 'a01'].slice(0, Number(process.env.BENCH_WRITE_STREAMS || 2));
  const stream = async (agent, k) => {
    for (let i = k; i < writes; i += streams.length) {
      const id = `anthropic:change-${agent}-${i}`;
      poller.stdin.write(`${id}\n`);
      let r;
      try {
        r = await cliWrite(id, agent);
      } catch {
        r = await cliWrite(id, agent); // one retry: two OpenClaw processes can meet on a database lock
      }
      writeMs.push(r.ms);
      const deadline = performance.now() + 10_000;
      while ((!seenAt.has(id) || !committedAt.has(id)) && performance.now() < deadline) await sleep(5);
      const ended = performance.timeOrigin + r.ended;
      // Shown before the CLI process even exited (the watcher saw the database commit) counts as 0.
      samples.push(seenAt.has(id) ? Math.max(0, seenAt.get(id) - ended) : Infinity);
      fromCommit.push(
        seenAt.has(id) && committedAt.has(id) ? Math.max(0, seenAt.get(id) - committedAt.get(id)) : Infinity,
      );
    }
  };
  try {
    await Promise.all(streams.map(stream));
  } finally {
    sub.dispose();
    poller.kill();
  }
  return {
    samples,
    fromCommit,
    writeMs,
    streams: streams.length,
    readPath: api.getSnapshot() && api.getSnapshot().readPath,
  };
}

exports.run = async function run() {
  try {
    await measure();
  } catch (e) {
    fs.appendFileSync(
      process.env.BENCH_OUT,
      JSON.stringify({ mode: process.env.BENCH_MODE, error: String(e && e.message) }) + '\n',
    );
    throw e;
  }
};

async function measure() {
  const { api, bench } = await activated();
  const out = {
    mode: process.env.BENCH_MODE,
    activationMs: bench.activationMs,
    loadMs: bench.loadMs,
    activateCallMs: bench.activateCallMs,
    firstSnapshotMs: bench.firstSnapshotMs,
  };
  if (process.env.BENCH_MODE === 'change') {
    Object.assign(out, await changeToScreen(api));
  } else {
    // Memory after activation with the big home: a few refreshes, then let timers and the reader settle.
    for (let i = 0; i < 2; i++) await api.refresh();
    await sleep(500);
    bench.gc();
    const m = process.memoryUsage();
    // BENCH_HEAP_SNAPSHOT=<dir>: keep a heap snapshot of this moment, to see what the growth is made of.
    if (process.env.BENCH_HEAP_SNAPSHOT)
      require('node:v8').writeHeapSnapshot(
        require('node:path').join(
          process.env.BENCH_HEAP_SNAPSHOT,
          `${process.env.BENCH_BASELINE === '1' ? 'baseline' : 'extension'}-${process.pid}.heapsnapshot`,
        ),
      );
    const snap = api.getSnapshot();
    Object.assign(out, {
      heapGrowthMB: (m.heapUsed + m.external - bench.mem0.heapUsed - bench.mem0.external) / 1048576,
      rssGrowthMB: (m.rss - bench.mem0.rss) / 1048576,
      readPath: snap && snap.readPath,
      agents: snap && snap.agents.length,
      readMs: snap && snap.readMs,
    });
  }
  fs.appendFileSync(process.env.BENCH_OUT, JSON.stringify(out) + '\n');
}
