// The real OpenClaw CLI installed the way nvm installs it, found with a PATH that lacks it (VS Code started from a
// dock): findCli must find it, read its version from package.json without starting it, and that version must be
// what the CLI itself prints; a Node with node:sqlite must be found in the same layout.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCliVersion, runCliOk } from '../../src/openclaw/cli';
import { findCli, findNodeCandidates } from '../../src/openclaw/findCli';
import { findSqliteNode, probeNode } from '../../src/openclaw/sqlite';
import { cliEnv, node24Path, openclawEntry } from '../fixtures/openclaw';

const MINIMAL_PATH = '/usr/bin:/bin';

describe('discovery with the real CLI in an nvm layout, PATH without it', function () {
  this.timeout(60_000);
  let home: string;
  let bin: string;
  const pkgDir = (): string => path.dirname(fs.realpathSync(openclawEntry('current')));

  before(() => {
    home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oc-nvm-')));
    const prefix = path.join(home, '.nvm', 'versions', 'node', 'v24.21.0');
    bin = path.join(prefix, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.mkdirSync(path.join(prefix, 'lib', 'node_modules'), { recursive: true });
    fs.symlinkSync(pkgDir(), path.join(prefix, 'lib', 'node_modules', 'openclaw'));
    fs.symlinkSync('../lib/node_modules/openclaw/openclaw.mjs', path.join(bin, 'openclaw'));
    fs.symlinkSync(node24Path(), path.join(bin, 'node'));
  });

  after(() => fs.rmSync(home, { recursive: true, force: true }));

  it('finds the CLI, and its package.json version is what `openclaw --version` prints', async () => {
    const env = { PATH: MINIMAL_PATH, HOME: home };
    const cli = await findCli({ env, homedir: home });
    assert.ok(cli, 'openclaw not found');
    assert.equal(cli.path, path.join(bin, 'openclaw'));
    assert.equal(cli.node, path.join(bin, 'node'));
    const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir(), 'package.json'), 'utf8')) as { version: string };
    assert.equal(cli.version, pkg.version);
    // The CLI itself, run as found (the nvm Node, the script) with the minimal PATH.
    const printed = parseCliVersion(
      (await runCliOk(cli, ['--version'], { env: { ...cliEnv(home), PATH: MINIMAL_PATH }, timeoutMs: 45_000 })).stdout,
    );
    assert.equal(printed, cli.version);
  });

  it('finds a Node with node:sqlite there, with the CLI and without it', async () => {
    const cli = await findCli({ env: { PATH: MINIMAL_PATH, HOME: home }, homedir: home });
    const node = await findSqliteNode({ nodeCandidates: cli?.nodeCandidates ?? [] });
    assert.equal(node, path.join(bin, 'node'));
    assert.match((await probeNode(node)) ?? '', /^24\./);
    fs.renameSync(path.join(bin, 'openclaw'), path.join(bin, 'openclaw.off'));
    try {
      assert.equal(await findCli({ env: { PATH: MINIMAL_PATH, HOME: home }, homedir: home }), undefined);
      assert.equal(
        await findSqliteNode({ nodeCandidates: findNodeCandidates({ env: { PATH: MINIMAL_PATH }, homedir: home }) }),
        path.join(bin, 'node'),
      );
    } finally {
      fs.renameSync(path.join(bin, 'openclaw.off'), path.join(bin, 'openclaw'));
    }
  });
});
