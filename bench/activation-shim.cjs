// Stand-in `main` of the extension copy the VS Code bench loads: times what VS Code counts as activation
// (loading the main module + the activate() call, until its promise settles) around the real bundle, and the extension host's memory.
// BENCH_BASELINE=1: a window that does not load the extension at all, for the host's own memory growth.
// BENCH_CPU_PROFILE=<dir>: write a CPU profile of load + activate() there (for finding what activation costs).
const { performance } = require('node:perf_hooks');

// A full GC before each memory reading, so garbage (ours or the host's) is not counted as growth.
// The extension host is not started with --expose-gc; V8 lets a running process turn it on.
require('node:v8').setFlagsFromString('--expose-gc');
const gc = require('node:vm').runInNewContext('gc');
gc();
const mem0 = process.memoryUsage();

let session;
if (process.env.BENCH_CPU_PROFILE) {
  // node:inspector's session runs in this thread, so post() completes before it returns.
  session = new (require('node:inspector').Session)();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 100 });
  session.post('Profiler.start');
}
const stopProfile = () => {
  if (!session) return;
  session.post('Profiler.stop', (err, res) => {
    if (!err)
      require('node:fs').writeFileSync(
        require('node:path').join(process.env.BENCH_CPU_PROFILE, `activation-${process.pid}-${Date.now()}.cpuprofile`),
        JSON.stringify(res.profile),
      );
    session.disconnect();
  });
};

const baseline = process.env.BENCH_BASELINE === '1';
const t0 = performance.now();
const real = baseline ? undefined : require('./dist/extension.js');
const loaded = performance.now();

function baselineApi() {
  // What the bench suite calls, doing nothing: the window runs the same steps without the extension.
  return {
    getSnapshot: () => undefined,
    refresh: async () => undefined,
    onDidChangeSnapshot: () => ({ dispose() {} }),
  };
}

exports.activate = async (context) => {
  const called = performance.now();
  // dist/extension.js import()s the ES modules (dist/main.mjs and its static chunks) and then activates: until that
  // promise settles is activation too (VS Code's activateResolvedTime).
  const api = baseline ? baselineApi() : await real.activate(context);
  const returned = performance.now();
  stopProfile();
  const bench = {
    t0,
    mem0,
    gc,
    loadMs: loaded - t0,
    activateCallMs: returned - called,
    activationMs: loaded - t0 + (returned - called),
  };
  globalThis.__openclawAuthBench = bench;
  if (baseline) {
    bench.firstSnapshotMs = performance.now() - t0;
    return api;
  }
  // The tree and the status bar render from this event's snapshot.
  const sub = api.onDidChangeSnapshot(() => {
    bench.firstSnapshotMs = performance.now() - t0;
    sub.dispose();
  });
  return api;
};
exports.deactivate = () => real && real.deactivate && real.deactivate();
