// An unfinished plugin upgrade, against the real CLI 2026.9.6: with an `openai/…` model in the config, a CLI call tries
// to install the `codex` plugin, cannot (npm offline here, ClawHub pointed at a closed loopback port: nothing leaves
// the machine), says so on stderr and records it in the state database. The snapshot then has one
// PLUGIN_UPGRADE_UNFINISHED warning naming the plugin the CLI named, with the step the CLI advised; a home whose models
// need no missing plugin has none.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Reader } from '../../src/openclaw/snapshot';
import { createSqliteSource } from '../../src/openclaw/sqlite';
import type { SqliteSource } from '../../src/openclaw/model';
import type { Snapshot } from '../../src/openclaw/types';
import { stripAnsi } from '../../src/openclaw/mask';
import { cliEnv, mustRun, node24Path } from '../fixtures/openclaw';

const config = (fallback: string) => ({
  agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-5', fallbacks: [fallback] } } },
});

const pluginWarnings = (s: Snapshot) =>
  s.warnings.filter((w) => w.code === 'PLUGIN_UPGRADE_UNFINISHED').map((w) => [w.params?.plugin, w.params?.step]);

describe('interop: an unfinished plugin upgrade is a warning, as the real CLI reports it', function () {
  this.timeout(180_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-interop-plugin-'));
  const stateDir = path.join(home, '.openclaw');
  // npm answers from its (empty) cache only, ClawHub is a closed port: the install fails at once, offline.
  const env = {
    ...cliEnv(home),
    npm_config_offline: 'true',
    npm_config_fetch_retries: '0',
    OPENCLAW_CLAWHUB_URL: 'http://127.0.0.1:9',
  };
  let sqlite: SqliteSource | undefined;
  const writeConfig = (fallback: string) =>
    fs.writeFileSync(path.join(stateDir, 'openclaw.json'), `${JSON.stringify(config(fallback), null, 2)}\n`);
  const read = () => new Reader({ env, homedir: home, warnWindowMs: 86_400_000, sqlite }).read();

  before(async () => {
    sqlite = await createSqliteSource({
      nodeCandidates: [node24Path()],
      readerScript: path.resolve(__dirname, '../../src/openclaw/sqlite/reader-main.js'),
    });
    assert.ok(sqlite, 'no SQLite source: Node 24 or the compiled reader missing');
    fs.mkdirSync(stateDir, { recursive: true });
  });

  after(() => {
    sqlite?.dispose();
    if (!process.env.OPENCLAW_TEST_KEEP_HOMES) fs.rmSync(home, { recursive: true, force: true });
  });

  it('a bundled provider in the models: the CLI reports nothing unfinished, and the snapshot has no such warning', async () => {
    writeConfig('together/moonshotai/Kimi-K2.6');
    const r = await mustRun('current', home, ['models', 'auth', 'list', '--json'], undefined, env);
    assert.doesNotMatch(stripAnsi(r.stderr), /upgrade is unfinished/);
    assert.deepEqual(pluginWarnings(await read()), []);
  });

  it('an openai/ model: the plugin the CLI says it could not install is the one the warning names', async () => {
    writeConfig('openai/gpt-5');
    const r = await mustRun('current', home, ['models', 'auth', 'list', '--json'], undefined, env);
    const stderr = stripAnsi(r.stderr);
    const named = [...stderr.matchAll(/Plugin "([^"]+)" data\/settings upgrade is unfinished/g)].map((m) => m[1]);
    assert.ok(named.length > 0, `the CLI reported no unfinished upgrade: ${stderr.slice(-600)}`);
    const advised = /Run "openclaw update repair"/.test(stderr) ? 'update-repair' : 'doctor-fix';
    const snapshot = await read();
    assert.deepEqual(
      pluginWarnings(snapshot),
      [...new Set(named)].sort().map((p) => [p, advised]),
    );
    const w = snapshot.warnings.find((x) => x.code === 'PLUGIN_UPGRADE_UNFINISHED');
    assert.equal(w?.path, path.join(stateDir, 'state', 'openclaw.sqlite'));
    // OpenClaw's reason, one line, as it recorded it.
    assert.match(String(w?.params?.detail), /Failed to install missing configured plugin/);
  });
});
