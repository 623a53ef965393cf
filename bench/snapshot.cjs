// Times Reader.read() on the benchmark homes through one read path. Run by scripts/bench.mjs:
//   node24 bench/snapshot.cjs in-process <manifest> <reader.cjs>        (node:sqlite in this process)
//   node20 bench/snapshot.cjs child <manifest> <reader.cjs> <node24> <dist/sqlite-reader.js>
// Prints one JSON object on stdout: { rows: [{ path, home, warm: {median, p95, n}, cold: {...}, profiles, breakdown }] }.
const { performance } = require('node:perf_hooks');
const fs = require('node:fs');

const [mode, manifestPath, readerBundle, node24, readerScript] = process.argv.slice(2);
const lib = require(readerBundle);
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS || 30);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 10);

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return {
    median: round(at(0.5)),
    p95: round(at(0.95)),
    min: round(s[0]),
    n: s.length,
    ...(process.env.BENCH_ALL_SAMPLES ? { all: samples.map(round) } : {}),
  };
}
const round = (x) => Math.round(x * 100) / 100;

function reader(home, sqlite) {
  return new lib.Reader({ env: home.env, homedir: home.home, warnWindowMs: 86_400_000, ...(sqlite ? { sqlite } : {}) });
}

async function gone(pid) {
  for (let i = 0; pid && i < 400; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function timed(fn) {
  const t = performance.now();
  const snap = await fn();
  return { ms: performance.now() - t, snap };
}

const count = (snap) => snap.agents.reduce((n, a) => n + a.providers.reduce((m, p) => m + p.profiles.length, 0), 0);

/** Where the time goes in a warm read: the SQLite/JSON stores vs. assembling the snapshot. */
async function breakdown(home, sqlite) {
  const loc = lib.locate({ env: home.env, homedir: home.home });
  const config = lib.readConfig(loc);
  const storesMs = [];
  const buildMs = [];
  for (let i = 0; i < 10; i++) {
    let t = performance.now();
    const stores = await lib.readStores(loc, config, sqlite);
    storesMs.push(performance.now() - t);
    t = performance.now();
    lib.buildSnapshot({ loc, config, stores, envCreds: [], warnWindowMs: 86_400_000, now: Date.now() });
    buildMs.push(performance.now() - t);
  }
  return { storesMedian: stats(storesMs).median, assembleMedian: stats(buildMs).median };
}

async function main() {
  const rows = [];
  for (const home of manifest.homes) {
    const pathName = home.generation === 'json' ? 'legacy-json' : mode;
    if (home.generation === 'json' && mode !== 'child') continue; // the JSON path does not depend on SQLite: run it once
    let sqlite;
    const cold = [];
    if (mode === 'in-process') {
      // Cold = the first read in a fresh process: this process was started for it.
      sqlite = lib.createInProcessSource();
      if (!sqlite) throw new Error(`node:sqlite is not available in Node ${process.versions.node}`);
    }
    if (mode === 'child') {
      // Cold = a new reader process per read (what a refresh costs without the kept-alive child).
      for (let i = 0; i < COLD_RUNS; i++) {
        const src = new lib.ChildSqliteSource(node24, readerScript, 10_000);
        cold.push((await timed(() => reader(home, src).read())).ms);
        const pid = src.pid;
        src.dispose();
        // The next cold read starts once this reader is gone: a process exiting beside it is not part of a cold read.
        await gone(pid);
      }
      sqlite = new lib.ChildSqliteSource(node24, readerScript, 10_000);
    }
    const r = reader(home, sqlite);
    const first = await timed(() => r.read());
    if (mode === 'in-process') cold.push(first.ms);
    const warm = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push((await timed(() => r.read())).ms);
    const row = {
      path: pathName,
      home: home.name,
      agents: home.agents.length,
      perAgent: home.perAgent,
      profiles: count(first.snap),
      generation: first.snap.generation,
      readPath: first.snap.readPath,
      warm: stats(warm),
      cold: stats(cold),
      breakdown: await breakdown(home, sqlite),
    };
    if (sqlite && sqlite.dispose) sqlite.dispose();
    rows.push(row);
  }
  process.stdout.write(JSON.stringify({ mode, node: process.versions.node, rows }) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e.stack || String(e));
    process.exit(1);
  },
);
