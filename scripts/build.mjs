// Bundles the extension, the SQLite child reader, the terminal runner and the gateway client with esbuild.
// `--production` minifies (for the VSIX); `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// JSON5 (27 KB minified) is needed only for a hand-edited openclaw.json (src/openclaw/config.ts loads it lazily), so
// it is its own file: every bundle's `require('json5')` becomes `require('./json5.js')`, beside it in dist/.
const json5Apart = {
  name: 'json5-apart',
  setup(build) {
    build.onResolve({ filter: /^json5$/ }, () => ({ path: './json5.js', external: true }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // node:sqlite is loaded lazily and only where the runtime has it.
  external: ['vscode', 'node:sqlite'],
  plugins: [json5Apart],
};

const builds = [
  // The extension is ES modules split into chunks (dist/main.mjs and dist/chunk-*.mjs): what a command needs only when
  // it runs (ui/commands/handlers.ts) is `import()`ed then, and a module used on both sides is one chunk, so it exists
  // once (one pending-rows registry, one l10n bundle, one `Cancelled` class). esbuild splits only ES modules.
  {
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: { main: 'src/extension.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    // The sources use `require` (vscode, node: modules, json5.js, gateway.js): VS Code resolves 'vscode' only
    // through CommonJS `require`, so each chunk gets one, made for its own URL.
    banner: {
      js: "import { createRequire as __ocaCreateRequire } from 'node:module';\nconst require = __ocaCreateRequire(import.meta.url);",
    },
  },
  {
    ...common,
    entryPoints: ['src/openclaw/sqlite/reader-main.ts'],
    outfile: 'dist/sqlite-reader.js',
    target: 'node22',
  },
  { ...common, entryPoints: ['src/terminalRunner.ts'], outfile: 'dist/terminal-runner.js' },
  { ...common, plugins: [], entryPoints: ['node_modules/json5/lib/index.js'], outfile: 'dist/json5.js' },
  // The gateway client (with ws) is loaded on demand from its own file: it would take extension.js past 250 KB.
  // ws requires its optional native helpers inside try/catch; left external, they are simply absent.
  {
    ...common,
    entryPoints: ['src/openclaw/gateway/index.ts'],
    outfile: 'dist/gateway.js',
    external: [...common.external, 'bufferutil', 'utf-8-validate'],
  },
];

// VS Code loads `main` as CommonJS (package.json): this stub loads the ES modules.
const stub = `"use strict";
// OpenClaw Auth is ES modules (main.mjs and its chunks, scripts/build.mjs); VS Code loads this CommonJS file.
let loaded;
exports.activate = (context) => (loaded ??= import('./main.mjs')).then((m) => m.activate(context));
exports.deactivate = () => loaded?.then((m) => m.deactivate());
`;
fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
for (const old of fs.readdirSync(path.join(root, 'dist')))
  if (/^chunk-.*\.mjs(\.map)?$/.test(old)) fs.rmSync(path.join(root, 'dist', old)); // chunk names change with their content
fs.writeFileSync(path.join(root, 'dist/extension.js'), stub);

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`built dist/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
