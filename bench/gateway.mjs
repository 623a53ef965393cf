// The live-gateway bench case (issue 16 §4), beside the local read, on the 10x50 home the main bench builds:
// - refresh through `models.authStatus` on loopback (every agent, 4 at a time, as GatewayStore fetches) vs the
//   local read (Reader with the child SQLite reader, as on the extension host's Node 20), median and p95;
// - the connection's memory (heap+external after a forced GC, before connecting vs connected and fetched);
// - a change made the extension's way (order set through the gateway, writes.ts) visible in authStatus: from the
//   command resolving to an authStatus that shows it, and the whole write; and the CLI write for comparison.
// One real `openclaw gateway run` (2026.9.6) on a copy of the home, loopback, token; stopped by its pid.
// Usage: node --expose-gc bench/gateway.mjs <manifest.json> [out.json]   (progress on stderr, JSON on stdout)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const { paths, hostEnv } = require('../scripts/lib/paths.cjs');
Object.assign(process.env, hostEnv());
const [manifestPath, outPath] = process.argv.slice(2);
const say = (m) => process.stderr.write(`[bench gateway] ${m}\n`);
const RUNS = Number(process.env.BENCH_GATEWAY_RUNS || 30);
const WRITES = Number(process.env.BENCH_GATEWAY_WRITES || 20);
const CLI_WRITES = Number(process.env.BENCH_GATEWAY_CLI_WRITES || 3);

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const r = (x) => Math.round(x * 100) / 100;
  return { median: r(at(0.5)), p95: r(at(0.95)), min: r(s[0]), n: s.length };
}
const mb = () => {
  global.gc?.();
  global.gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 1048576;
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-bench-gw-'));
const bundle = path.join(work, 'gateway-bench.cjs');
const readerScript = path.join(work, 'sqlite-reader.js');
await esbuild.build({
  entryPoints: [path.join(root, 'bench/gateway-entry.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: bundle,
  external: ['vscode', 'node:sqlite', 'bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: [path.join(root, 'src/openclaw/sqlite/reader-main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  outfile: readerScript,
  external: ['node:sqlite'],
  logLevel: 'warning',
});
const lib = require(bundle);

const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const source = manifest.homes.find((h) => h.name === 'current-10x50');
if (!source) throw new Error(`no current-10x50 home in ${manifestPath}`);
// A copy: the gateway writes its own state and the order writes change the store.
const home = path.join(work, 'home');
fs.cpSync(source.home, home, { recursive: true });
const rebase = (v) => (typeof v === 'string' ? v.split(source.home).join(home) : v);
const env = Object.fromEntries(Object.entries(source.env).map(([k, v]) => [k, rebase(v)]));

const result = {
  home: source.name,
  agents: source.agents.length,
  perAgent: source.perAgent,
  node: process.versions.node,
};
let gateway;
let connection;
const sqlite = new lib.ChildSqliteSource(paths.node24, readerScript, 10_000);
try {
  const port = await lib.freePort();
  say('configuring and starting openclaw gateway run (~20-40 s)');
  const token = await lib.configureGateway(home, port, undefined, env);
  gateway = await lib.startGateway(home, port, token, { env, timeoutMs: 300_000 });
  result.gatewayStartMs = gateway.startMs;

  // ---- local read, warm (the instant path) ----
  const reader = () => new lib.Reader({ env, homedir: home, warnWindowMs: 86_400_000, sqlite });
  let snapshot = await reader().read();
  const local = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    snapshot = await reader().read();
    local.push(performance.now() - t);
  }
  result.localRead = stats(local);
  const agents = snapshot.agents.map((a) => a.id);

  // ---- connect, and the connection's memory ----
  const before = mb();
  const discovery = lib.discoverLocalGateway({ env, homedir: home });
  if (discovery.kind !== 'local') throw new Error(`discovery: ${JSON.stringify(discovery)}`);
  const t0 = performance.now();
  connection = lib.createGatewayConnection(discovery, { clientVersion: 'bench' });
  const up = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not connected: ${JSON.stringify(connection.state)}`)), 90_000);
    connection.onDidChangeState((s) => s.kind === 'connected' && (clearTimeout(timer), resolve()));
  });
  connection.start();
  await up;
  result.connectMs = Math.round(performance.now() - t0);

  /** One refresh as GatewayStore.fetchOnce does it: every agent, four at a time. */
  const refresh = async () => {
    const out = {};
    for (let i = 0; i < agents.length; i += 4)
      await Promise.all(agents.slice(i, i + 4).map(async (id) => (out[id] = await connection.authStatus(id))));
    return out;
  };
  let statuses = await refresh(); // the gateway's first answer prepares its catalog: not a sample
  const remote = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    statuses = await refresh();
    remote.push(performance.now() - t);
  }
  result.authStatusRefresh = stats(remote);
  result.connectionMemoryMB = Math.round((mb() - before) * 10) / 10;
  result.differences = snapshot.agents.reduce(
    (n, a) => n + (statuses[a.id] ? lib.compareAgent(a, statuses[a.id]).differences.length : 0),
    0,
  );

  // ---- a change the extension's way: order set through the gateway ----
  const agent = agents[agents.length - 1];
  const ids = statuses[agent].providers.find((p) => p.provider === 'anthropic').profiles.map((p) => p.profileId);
  const afterResolve = [];
  const whole = [];
  for (let i = 0; i < WRITES; i++) {
    const order = i % 2 ? [...ids] : [...ids].reverse();
    const known = await connection.authStatus(agent);
    const t = performance.now();
    const out = await lib.setOrderViaGateway(connection, known, {
      agentId: agent,
      provider: 'anthropic',
      profileIds: order,
    });
    const resolved = performance.now();
    if (out.route !== 'gateway' || !out.confirmed) throw new Error(`write ${i}: ${JSON.stringify(out)}`);
    // What a watcher of authStatus sees after the command resolved.
    const seen = (await connection.authStatus(agent)).providers.find((p) => p.provider === 'anthropic');
    if ((seen.profileOrder ?? []).join() !== order.join()) throw new Error(`write ${i}: not visible`);
    afterResolve.push(performance.now() - resolved);
    whole.push(resolved - t);
  }
  result.gatewayWrite = { visibleAfterResolve: stats(afterResolve), commandMs: stats(whole), profiles: ids.length };

  // ---- the CLI write for comparison (a CLI start each: few samples) ----
  const cliWrite = (order) =>
    new Promise((resolve, reject) => {
      const args = [
        paths.entryCurrent,
        'models',
        'auth',
        'order',
        'set',
        '--provider',
        'anthropic',
        '--agent',
        agent,
        ...order,
      ];
      const child = spawn(paths.node24, args, {
        env: { ...env, OPENCLAW_NO_AUTO_UPDATE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`order set exit ${code}: ${err.slice(-400)}`)),
      );
    });
  const cliAfter = [];
  const cliWhole = [];
  for (let i = 0; i < CLI_WRITES; i++) {
    const order = i % 2 ? [...ids] : [...ids].reverse();
    const t = performance.now();
    await cliWrite(order);
    const resolved = performance.now();
    // The CLI refreshes a loopback gateway it can reach; poll authStatus until it shows (bounded).
    for (let k = 0; k < 200; k++) {
      const seen = (await connection.authStatus(agent)).providers.find((p) => p.provider === 'anthropic');
      if ((seen.profileOrder ?? []).join() === order.join()) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    cliAfter.push(performance.now() - resolved);
    cliWhole.push(resolved - t);
  }
  result.cliWrite = { visibleAfterResolve: stats(cliAfter), commandMs: stats(cliWhole) };
} finally {
  await connection?.dispose();
  await gateway?.stop();
  sqlite.dispose();
  if (!process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
}

const r = result;
say(
  [
    `10x50 (${r.agents} agents): local read ${r.localRead.median} / ${r.localRead.p95} ms (median / p95); ` +
      `models.authStatus refresh ${r.authStatusRefresh.median} / ${r.authStatusRefresh.p95} ms; connect ${r.connectMs} ms; differences ${r.differences}`,
    `connection memory ${r.connectionMemoryMB} MB (heap+external after GC)`,
    `order set through the gateway (${r.gatewayWrite.profiles} profiles): visible in authStatus ${r.gatewayWrite.visibleAfterResolve.median} / ${r.gatewayWrite.visibleAfterResolve.p95} ms after the command resolves; command ${r.gatewayWrite.commandMs.median} / ${r.gatewayWrite.commandMs.p95} ms`,
    `order set through the CLI: visible ${r.cliWrite.visibleAfterResolve.median} / ${r.cliWrite.visibleAfterResolve.p95} ms after it exits; command ${Math.round(r.cliWrite.commandMs.median)} ms`,
  ].join('\n'),
);
if (outPath) fs.writeFileSync(outPath, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result));
