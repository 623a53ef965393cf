#!/usr/bin/env node
// `npm run package`: production build, then `vsce package` → openclaw-auth-<version>.vsix at the repo root.
// Prints the VSIX path, its size and the `vsce ls` file list; fails on any vsce warning and on any file
// in the VSIX that the .vscodeignore allow-list does not name.
//
// vsce walks the whole folder before applying .vscodeignore (node_modules, .git, every out-*/ of a shared tree).
// So only the allow-listed files are copied to a staging folder and vsce runs there: the allow-list decides what
// ships twice (the copy, then vsce's own .vscodeignore filter), and `vsce ls` in that folder is what ships.
// Nothing here reaches the network: --no-dependencies skips npm/yarn, and packaging has no marketplace check.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSCE = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');

class PackageError extends Error {}

/** The `!pattern` lines of .vscodeignore, as regular expressions over repo-relative paths. */
export function allowList(ignoreText) {
  return ignoreText
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!'))
    .map((l) => {
      const glob = l.slice(1);
      const re = glob
        .split(/(\*\*\/?|\*)/)
        .map((part) =>
          part === '**' || part === '**/' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      return { glob, re: new RegExp(`^${re}$`) };
    });
}

function walk(dir, rel = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? walk(path.join(dir, e.name), r) : e.isFile() ? [r] : [];
  });
}

/** Repo files the allow-list names; only the folders the patterns start in are walked. */
function allowedFiles(patterns) {
  const files = new Set();
  for (const { glob, re } of patterns) {
    const literal = glob.split('*')[0];
    if (literal === glob) {
      if (fs.existsSync(path.join(ROOT, glob))) files.add(glob);
      continue;
    }
    const base = literal.includes('/') ? literal.slice(0, literal.lastIndexOf('/')) : '';
    for (const f of walk(path.join(ROOT, base), base)) if (re.test(f)) files.add(f);
  }
  return [...files].sort();
}

function run(label, cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error || r.status !== 0)
    throw new PackageError(`${label} failed (${r.error?.message ?? `exit ${r.status}`}):\n${out}`);
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', out };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Builds the VSIX and checks it; returns its path. `log` receives the human-readable report. */
export function packageVsix({ outDir = ROOT, log = console.log } = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);

  run('production build', process.execPath, ['scripts/build.mjs', '--production'], ROOT);

  const patterns = allowList(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'));
  const files = allowedFiles(patterns);
  for (const must of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    manifest.main.replace(/^\.\//, ''),
    manifest.icon,
  ]) {
    if (!files.includes(must)) throw new PackageError(`${must} is missing or not in the .vscodeignore allow-list`);
  }

  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-auth-vsix-'));
  try {
    for (const f of [...files, '.vscodeignore']) {
      fs.mkdirSync(path.dirname(path.join(stage, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(stage, f));
    }
    // The bundle is already built; in the staging folder there is nothing for the prepublish step to run.
    const staged = { ...manifest, scripts: { ...manifest.scripts } };
    delete staged.scripts['vscode:prepublish'];
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);

    const built = path.join(stage, path.basename(vsix));
    const pack = run('vsce package', process.execPath, [VSCE, 'package', '--no-dependencies', '--out', built], stage);
    const noise = `${pack.stderr}\n${pack.stdout}`.split('\n').filter((l) => /\bWARNING\b|\bwarn(ing)?\b/i.test(l));
    if (noise.length) throw new PackageError(`vsce printed warnings:\n${noise.join('\n')}\n\n${pack.out}`);
    const listed = run('vsce ls', process.execPath, [VSCE, 'ls', '--no-dependencies'], stage)
      .stdout.split('\n')
      .filter(Boolean)
      .sort();

    // The staging folder holds only allow-listed files; this catches a pattern vsce reads differently from us.
    const outside = listed.filter((f) => !patterns.some((p) => p.re.test(f)) || !files.includes(f));
    if (outside.length) {
      throw new PackageError(`files outside the .vscodeignore allow-list would ship:\n${outside.join('\n')}`);
    }
    const unpacked = listed.reduce((n, f) => n + fs.statSync(path.join(stage, f)).size, 0);
    // Copy then rename: a concurrent reader (bench, another package run) never sees a half-written VSIX.
    fs.mkdirSync(outDir, { recursive: true });
    const partial = `${vsix}.${process.pid}.partial`;
    fs.copyFileSync(built, partial);
    fs.renameSync(partial, vsix);

    log(`VSIX: ${vsix}`);
    log(`size: ${kb(fs.statSync(vsix).size)} (${listed.length} files, ${kb(unpacked)} unpacked)`);
    log('vsce ls:');
    for (const f of listed) log(`  ${f.padEnd(34)} ${kb(fs.statSync(path.join(stage, f)).size).padStart(9)}`);
    return vsix;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    packageVsix({ outDir: process.argv[2] ? path.resolve(process.argv[2]) : ROOT });
  } catch (e) {
    console.error(`package: ${e instanceof PackageError ? e.message : (e?.stack ?? e)}`);
    process.exit(1);
  }
}
