// Finding `openclaw` and a Node in the layouts people really have, without PATH: fake trees in temp dirs.
// Trees are built under a temp root and seen through `rooted()`, so `/opt/homebrew/bin` and `~/.nvm` are both fake.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findCli, findNodeCandidates } from '../../src/openclaw/findCli';
import {
  type DiscoverContext,
  type DiscoverFs,
  hasNodeSqlite,
  nodeCandidates,
  npmPrefix,
  openclawCandidates,
  openclawPackageVersion,
  parseNodeVersion,
  realFs,
  resolveShellShim,
} from '../../src/openclaw/discover';
import { must } from '../fixtures/must';

const HOME = '/home/u';

function tempRoot(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** The real file system with every path under `root`: `/x` is `<root>/x`, and real paths come back without `root`. */
function rooted(root: string): DiscoverFs {
  const real = realFs('linux');
  const inside = (p: string): string => path.join(root, p);
  return {
    readdir: (d) => real.readdir(inside(d)),
    isExecutable: (f) => real.isExecutable(inside(f)),
    readText: (f) => real.readText(inside(f)),
    realpath: (f) => {
      const r = real.realpath(inside(f));
      return r === undefined ? undefined : r === root ? '/' : r.startsWith(root + path.sep) ? r.slice(root.length) : r;
    },
  };
}

/** A file at `/rel` in the fake tree, executable unless told. */
function put(root: string, rel: string, text = '#!/bin/sh\nexit 0\n', mode = 0o755): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
}

/** A relative symlink at `/rel` pointing to `target` (relative to the link's folder). */
function link(root: string, rel: string, target: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync(target, file);
}

// The temp folder behind each fake tree, so a test can add files to it.
const roots = new WeakMap<DiscoverFs, string>();
const rootOf = (ctx: DiscoverContext): string => roots.get(ctx.fs) ?? assert.fail('not a fake tree');

function tree(files: string[], env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux'): DiscoverContext {
  const root = tempRoot('oc-disc-');
  for (const f of files) put(root, f);
  const fake = rooted(root);
  roots.set(fake, root);
  return { env: { PATH: '/usr/bin:/bin', ...env }, homedir: HOME, platform, fs: fake };
}

const first = (ctx: DiscoverContext): string | undefined => openclawCandidates(ctx)[0];

describe('discover: the openclaw CLI without PATH', () => {
  it('nvm: ~/.nvm/versions/node/*/bin, newest first, and $NVM_DIR', () => {
    const ctx = tree(
      ['v20.11.0', 'v24.21.0', 'v22.14.0', 'v9.0.0'].map((v) => `${HOME}/.nvm/versions/node/${v}/bin/openclaw`),
    );
    assert.equal(first(ctx), `${HOME}/.nvm/versions/node/v24.21.0/bin/openclaw`);
    assert.deepEqual(openclawCandidates(ctx).slice(1, 3), [
      `${HOME}/.nvm/versions/node/v22.14.0/bin/openclaw`,
      `${HOME}/.nvm/versions/node/v20.11.0/bin/openclaw`,
    ]);
    assert.equal(
      first(tree(['/opt/nvm/versions/node/v24.1.0/bin/openclaw'], { NVM_DIR: '/opt/nvm' })),
      '/opt/nvm/versions/node/v24.1.0/bin/openclaw',
    );
  });

  it('fnm: $FNM_DIR, ~/.local/share/fnm, ~/.fnm and macOS ~/Library/Application Support/fnm', () => {
    const sub = 'node-versions/v24.1.0/installation/bin/openclaw';
    assert.equal(first(tree([`/data/fnm/${sub}`], { FNM_DIR: '/data/fnm' })), `/data/fnm/${sub}`);
    assert.equal(first(tree([`${HOME}/.local/share/fnm/${sub}`])), `${HOME}/.local/share/fnm/${sub}`);
    assert.equal(first(tree([`${HOME}/.fnm/${sub}`])), `${HOME}/.fnm/${sub}`);
    const mac = `${HOME}/Library/Application Support/fnm/${sub}`;
    assert.equal(first(tree([mac], {}, 'darwin')), mac);
    assert.equal(first(tree([mac], {}, 'linux')), undefined, 'the macOS folder is only looked at on macOS');
  });

  it('volta: ~/.volta/bin and the package image', () => {
    assert.equal(first(tree([`${HOME}/.volta/bin/openclaw`])), `${HOME}/.volta/bin/openclaw`);
    const image = `${HOME}/.volta/tools/image/packages/openclaw/bin/openclaw`;
    assert.equal(first(tree([`${HOME}/.volta/bin/openclaw`, image])), image, 'the real install before the shim');
  });

  it('asdf: $ASDF_DATA_DIR or ~/.asdf installs, shims last', () => {
    const install = `${HOME}/.asdf/installs/nodejs/24.1.0/bin/openclaw`;
    assert.deepEqual(openclawCandidates(tree([`${HOME}/.asdf/shims/openclaw`, install])), [
      install,
      `${HOME}/.asdf/shims/openclaw`,
    ]);
    assert.equal(
      first(tree(['/data/asdf/installs/nodejs/22.14.0/bin/openclaw'], { ASDF_DATA_DIR: '/data/asdf' })),
      '/data/asdf/installs/nodejs/22.14.0/bin/openclaw',
    );
  });

  it('mise: ~/.local/share/mise/installs/node/*/bin and $MISE_DATA_DIR', () => {
    assert.equal(
      first(tree([`${HOME}/.local/share/mise/installs/node/24.1.0/bin/openclaw`])),
      `${HOME}/.local/share/mise/installs/node/24.1.0/bin/openclaw`,
    );
    assert.equal(
      first(tree(['/data/mise/installs/node/24.1.0/bin/openclaw'], { MISE_DATA_DIR: '/data/mise' })),
      '/data/mise/installs/node/24.1.0/bin/openclaw',
    );
  });

  it('Homebrew: /opt/homebrew/bin, /usr/local/bin, /home/linuxbrew/.linuxbrew/bin', () => {
    for (const dir of ['/opt/homebrew/bin', '/usr/local/bin', '/home/linuxbrew/.linuxbrew/bin'])
      assert.equal(first(tree([`${dir}/openclaw`])), `${dir}/openclaw`);
  });

  it("npm's global prefix from ~/.npmrc and $NPM_CONFIG_PREFIX, without running npm", () => {
    assert.equal(first(tree([`${HOME}/.npm-packages/bin/openclaw`])), undefined, 'no prefix configured');
    const withRc = tree([`${HOME}/.npm-packages/bin/openclaw`, '/srv/npm/bin/openclaw']);
    put(
      rootOf(withRc),
      `${HOME}/.npmrc`,
      '; comment\nregistry=https://registry.npmjs.org/\nprefix = "${HOME}/.npm-packages"\n',
      0o644,
    );
    assert.equal(npmPrefix({ ...withRc, env: { HOME } }), `${HOME}/.npm-packages`);
    assert.equal(first({ ...withRc, env: { PATH: '/usr/bin', HOME } }), `${HOME}/.npm-packages/bin/openclaw`);
    assert.equal(
      first({ ...withRc, env: { PATH: '/usr/bin', HOME, NPM_CONFIG_PREFIX: '/srv/npm' } }),
      '/srv/npm/bin/openclaw',
    );
    const tilde = tree([`${HOME}/g/bin/openclaw`]);
    put(rootOf(tilde), `${HOME}/.npmrc`, 'prefix=~/g\n', 0o644);
    assert.equal(first(tilde), `${HOME}/g/bin/openclaw`);
  });

  it('a FIFO named ~/.npmrc or package.json is not read (it would block the extension host)', () => {
    const ctx = tree([`${HOME}/.npm-packages/bin/openclaw`, '/p/openclaw/openclaw.mjs']);
    execFileSync('mkfifo', [path.join(rootOf(ctx), HOME, '.npmrc'), path.join(rootOf(ctx), 'p/openclaw/package.json')]);
    assert.equal(npmPrefix(ctx), undefined);
    assert.equal(openclawPackageVersion(ctx, '/p/openclaw/openclaw.mjs'), undefined);
  });

  it('pnpm: $PNPM_HOME, ~/.local/share/pnpm, macOS ~/Library/pnpm', () => {
    assert.equal(first(tree(['/data/pnpm/openclaw'], { PNPM_HOME: '/data/pnpm' })), '/data/pnpm/openclaw');
    assert.equal(first(tree([`${HOME}/.local/share/pnpm/openclaw`])), `${HOME}/.local/share/pnpm/openclaw`);
    assert.equal(first(tree([`${HOME}/Library/pnpm/openclaw`], {}, 'darwin')), `${HOME}/Library/pnpm/openclaw`);
  });

  it('bun: ~/.bun/bin', () => {
    assert.equal(first(tree([`${HOME}/.bun/bin/openclaw`])), `${HOME}/.bun/bin/openclaw`);
  });

  it('PATH first; a file that is not executable is not a CLI', () => {
    const ctx = tree([`${HOME}/.nvm/versions/node/v24.1.0/bin/openclaw`, '/usr/bin/openclaw']);
    assert.equal(first(ctx), '/usr/bin/openclaw');
    const plain = tree([]);
    put(rootOf(plain), `${HOME}/.bun/bin/openclaw`, 'x', 0o644);
    assert.equal(first(plain), undefined);
  });

  it('one candidate per real file: a bin link and the folder it points into are tried once', () => {
    const ctx = tree([`${HOME}/.volta/tools/image/packages/openclaw/bin/openclaw`]);
    link(rootOf(ctx), `${HOME}/.local/bin/openclaw`, '../../.volta/tools/image/packages/openclaw/bin/openclaw');
    assert.deepEqual(openclawCandidates(ctx), [`${HOME}/.local/bin/openclaw`]);
  });
});

describe('discover: a Node with node:sqlite', () => {
  it('reads what a version folder says about node:sqlite', () => {
    assert.deepEqual(parseNodeVersion('v24.21.0'), [24, 21, 0]);
    assert.deepEqual(parseNodeVersion('22'), [22]);
    assert.equal(parseNodeVersion('lts'), undefined);
    const says = (v: string): boolean | undefined => hasNodeSqlite(must(parseNodeVersion(v), 'parseNodeVersion(v)'));
    assert.deepEqual(['24.0.0', '26.1.0', '22.13.0', '22.12.0', '23.4.0', '23.3.0', '20.19.0', '22'].map(says), [
      true,
      true,
      true,
      false,
      true,
      false,
      false,
      undefined,
    ]);
  });

  it('managed Nodes known to have node:sqlite first, newest first across managers; then PATH; too-old ones left out', () => {
    const ctx = tree([
      `${HOME}/.nvm/versions/node/v20.19.0/bin/node`,
      `${HOME}/.nvm/versions/node/v22.14.0/bin/node`,
      `${HOME}/.nvm/versions/node/v22.9.0/bin/node`,
      `${HOME}/.local/share/fnm/node-versions/v24.2.0/installation/bin/node`,
      `${HOME}/.volta/tools/image/node/24.11.1/bin/node`,
      `${HOME}/.asdf/installs/nodejs/23.4.0/bin/node`,
      `${HOME}/.local/share/mise/installs/node/26.1.0/bin/node`,
      '/usr/bin/node',
    ]);
    assert.deepEqual(nodeCandidates(ctx), [
      `${HOME}/.local/share/mise/installs/node/26.1.0/bin/node`,
      `${HOME}/.volta/tools/image/node/24.11.1/bin/node`,
      `${HOME}/.local/share/fnm/node-versions/v24.2.0/installation/bin/node`,
      `${HOME}/.asdf/installs/nodejs/23.4.0/bin/node`,
      `${HOME}/.nvm/versions/node/v22.14.0/bin/node`,
      '/usr/bin/node',
      `${HOME}/.nvm/versions/node/v22.9.0/bin/node`,
    ]);
  });

  it('the setting, then the Node beside the CLI, unless its folder says it lacks node:sqlite', () => {
    const ctx = tree([
      '/n/node',
      `${HOME}/.nvm/versions/node/v24.1.0/bin/node`,
      `${HOME}/.nvm/versions/node/v22.1.0/bin/node`,
      `${HOME}/.bun/bin/node`,
    ]);
    assert.deepEqual(nodeCandidates(ctx, [`${HOME}/.bun/bin`], '/n/node').slice(0, 3), [
      '/n/node',
      `${HOME}/.bun/bin/node`,
      `${HOME}/.nvm/versions/node/v24.1.0/bin/node`,
    ]);
    assert.deepEqual(nodeCandidates(ctx, [`${HOME}/.nvm/versions/node/v22.1.0/bin`]), [
      `${HOME}/.nvm/versions/node/v24.1.0/bin/node`,
      `${HOME}/.nvm/versions/node/v22.1.0/bin/node`,
    ]);
    assert.deepEqual(nodeCandidates(ctx, [], '/missing/node'), [
      `${HOME}/.nvm/versions/node/v24.1.0/bin/node`,
      `${HOME}/.nvm/versions/node/v22.1.0/bin/node`,
    ]);
  });

  it('the same binary reached twice is probed once', () => {
    const ctx = tree([`${HOME}/.nvm/versions/node/v24.1.0/bin/node`]);
    link(rootOf(ctx), '/usr/bin/node', `../..${HOME}/.nvm/versions/node/v24.1.0/bin/node`);
    assert.deepEqual(nodeCandidates(ctx), [`${HOME}/.nvm/versions/node/v24.1.0/bin/node`]);
  });
});

describe('discover: the version from package.json', () => {
  it('walks up from the real path of the bin link to the package named openclaw', () => {
    const ctx = tree([]);
    const root = rootOf(ctx);
    const pkg = `${HOME}/.nvm/versions/node/v24.1.0/lib/node_modules/openclaw`;
    put(
      root,
      `${pkg}/package.json`,
      JSON.stringify({ name: 'openclaw', version: '2026.9.6', bin: { openclaw: 'dist/cli/entry.mjs' } }),
      0o644,
    );
    put(root, `${pkg}/dist/package.json`, '{"type":"module"}', 0o644);
    put(root, `${pkg}/dist/cli/entry.mjs`, 'process.exit(1)\n');
    link(root, `${HOME}/.nvm/versions/node/v24.1.0/bin/openclaw`, '../lib/node_modules/openclaw/dist/cli/entry.mjs');
    assert.equal(openclawPackageVersion(ctx, `${HOME}/.nvm/versions/node/v24.1.0/bin/openclaw`), '2026.9.6');
  });

  it('does not leave node_modules, and ignores a package of another name or without a version', () => {
    const ctx = tree(['/p/node_modules/openclaw/openclaw.mjs', '/q/openclaw/openclaw.mjs', '/r/openclaw.mjs']);
    const root = rootOf(ctx);
    put(root, '/p/package.json', JSON.stringify({ name: 'openclaw', version: '1.0.0' }), 0o644);
    put(
      root,
      '/p/node_modules/openclaw/package.json',
      JSON.stringify({ name: 'not-openclaw', version: '2026.9.6' }),
      0o644,
    );
    assert.equal(openclawPackageVersion(ctx, '/p/node_modules/openclaw/openclaw.mjs'), undefined);
    put(root, '/q/openclaw/package.json', JSON.stringify({ name: 'openclaw' }), 0o644);
    assert.equal(openclawPackageVersion(ctx, '/q/openclaw/openclaw.mjs'), undefined);
    put(root, '/r/package.json', '{ not json', 0o644);
    assert.equal(openclawPackageVersion(ctx, '/r/openclaw.mjs'), undefined);
  });

  it("resolves pnpm's shell shim to the script it runs", () => {
    const ctx = tree([`${HOME}/.local/share/pnpm/global/5/node_modules/openclaw/openclaw.mjs`]);
    put(rootOf(ctx), `${HOME}/.local/share/pnpm/openclaw`, PNPM_SHIM);
    assert.equal(
      resolveShellShim(ctx, `${HOME}/.local/share/pnpm/openclaw`),
      `${HOME}/.local/share/pnpm/global/5/node_modules/openclaw/openclaw.mjs`,
    );
    assert.equal(
      resolveShellShim(ctx, `${HOME}/.local/share/pnpm/global/5/node_modules/openclaw/openclaw.mjs`),
      undefined,
    );
  });
});

const PNPM_SHIM = `#!/bin/sh
basedir=$(dirname "$(echo "$0" | sed -e 's,\\\\,/,g')")
if [ -x "$basedir/node" ]; then
  exec "$basedir/node"  "$basedir/global/5/node_modules/openclaw/openclaw.mjs" "$@"
else
  exec node  "$basedir/global/5/node_modules/openclaw/openclaw.mjs" "$@"
fi
`;

describe('findCli in an nvm layout without PATH (real files, fake CLI)', function () {
  this.timeout(20_000);
  // An openclaw.mjs that must not be started: it leaves a marker and fails.
  const TRAP = (marker: string, print = ''): string =>
    `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(marker)}, 'ran');\n${print ? `console.log(${JSON.stringify(print)});` : 'process.exit(1);'}\n`;

  function nvmHome(withPackageJson: boolean, print = ''): { home: string; marker: string; bin: string } {
    const home = tempRoot('oc-home-');
    const marker = path.join(home, 'ran');
    const prefix = path.join(home, '.nvm', 'versions', 'node', 'v24.21.0');
    const pkg = path.join(prefix, 'lib', 'node_modules', 'openclaw');
    fs.mkdirSync(path.join(prefix, 'bin'), { recursive: true });
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(path.join(pkg, 'openclaw.mjs'), TRAP(marker, print), { mode: 0o755 });
    if (withPackageJson)
      fs.writeFileSync(
        path.join(pkg, 'package.json'),
        JSON.stringify({ name: 'openclaw', version: '2026.9.6', type: 'module' }),
      );
    fs.symlinkSync('../lib/node_modules/openclaw/openclaw.mjs', path.join(prefix, 'bin', 'openclaw'));
    fs.symlinkSync(process.execPath, path.join(prefix, 'bin', 'node'));
    return { home, marker, bin: path.join(prefix, 'bin') };
  }

  it('reads the version from package.json and never starts the CLI', async () => {
    const { home, marker, bin } = nvmHome(true);
    const info = await findCli({ env: { PATH: '/nonexistent', HOME: home }, homedir: home });
    assert.equal(info?.path, path.join(bin, 'openclaw'));
    assert.equal(info?.version, '2026.9.6');
    assert.equal(info?.node, path.join(bin, 'node'));
    assert.equal(info?.script, fs.realpathSync(path.join(bin, 'openclaw')));
    assert.equal(fs.existsSync(marker), false, 'the CLI was started');
  });

  it('without package.json, falls back to `openclaw --version`', async () => {
    const { home, marker, bin } = nvmHome(false, 'OpenClaw 2026.5.28 (e932160)');
    const info = await findCli({ env: { PATH: '/nonexistent', HOME: home }, homedir: home });
    assert.equal(info?.path, path.join(bin, 'openclaw'));
    assert.equal(info?.version, '2026.5.28');
    assert.equal(fs.existsSync(marker), true);
  });

  it('a launcher script naming the entry by its absolute path: its package says the version; with deferVersion, nothing runs either way', async () => {
    const { home, marker } = nvmHome(true);
    const entry = path.join(
      home,
      '.nvm',
      'versions',
      'node',
      'v24.21.0',
      'lib',
      'node_modules',
      'openclaw',
      'openclaw.mjs',
    );
    const bin = path.join(home, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'openclaw'), `#!/usr/bin/env bash\nexec ${process.execPath} ${entry} "$@"\n`, {
      mode: 0o755,
    });
    const info = await findCli({ env: { PATH: bin, HOME: home }, homedir: home });
    // Run through the launcher (it may set more up), versioned by the package it names.
    assert.deepEqual([info?.path, info?.script, info?.version], [path.join(bin, 'openclaw'), undefined, '2026.9.6']);
    assert.equal(fs.existsSync(marker), false, 'the CLI was started');
    fs.writeFileSync(path.join(bin, 'openclaw'), `#!/bin/sh\nexec /opt/elsewhere/run "$@"\n`, { mode: 0o755 });
    const deferred = await findCli({ env: { PATH: bin, HOME: home }, homedir: home, deferVersion: true });
    assert.deepEqual([deferred?.path, deferred?.version], [path.join(bin, 'openclaw'), '']);
  });

  it("runs pnpm's shim target with a Node found without PATH", async () => {
    const home = tempRoot('oc-pnpm-');
    const pnpm = path.join(home, '.local', 'share', 'pnpm');
    const script = path.join(pnpm, 'global', '5', 'node_modules', 'openclaw', 'openclaw.mjs');
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, 'console.log("OpenClaw 2026.9.6 (eb377ac)")\n');
    fs.writeFileSync(path.join(pnpm, 'openclaw'), PNPM_SHIM, { mode: 0o755 });
    const nodeBin = path.join(home, '.nvm', 'versions', 'node', 'v24.21.0', 'bin');
    fs.mkdirSync(nodeBin, { recursive: true });
    fs.symlinkSync(process.execPath, path.join(nodeBin, 'node'));
    const info = await findCli({ env: { PATH: '/nonexistent' }, homedir: home });
    assert.deepEqual(
      [info?.path, info?.script, info?.node, info?.version],
      [path.join(pnpm, 'openclaw'), script, path.join(nodeBin, 'node'), '2026.9.6'],
    );
  });

  it('offers Nodes for the SQLite reader when there is no CLI', () => {
    const home = tempRoot('oc-nocli-');
    const node = path.join(home, '.local', 'share', 'fnm', 'node-versions', 'v24.21.0', 'installation', 'bin', 'node');
    fs.mkdirSync(path.dirname(node), { recursive: true });
    fs.symlinkSync(process.execPath, node);
    assert.equal(findNodeCandidates({ env: { PATH: '/nonexistent' }, homedir: home })[0], node);
  });
});
