// What activation loads from dist/, and what waits for first use: the bench's bundle budget is the first.
// dist/extension.js (CommonJS, VS Code's `main`) imports main.mjs at once; main.mjs and its chunks import other chunks
// statically (`import … from "./chunk-….mjs"`), and those load with it. A chunk reached only through `import("…")`
// (the command implementations), gateway.js and json5.js load on first use. The SQLite reader and the terminal runner
// run in their own processes.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const OWN_PROCESS = new Set(['sqlite-reader.js', 'terminal-runner.js']);

/** `{ activation: [[file, bytes]], onDemand: [[file, bytes]] }` for a built dist/ folder. */
function bundleSizes(dist) {
  const size = (f) => fs.statSync(path.join(dist, f)).size;
  const text = (f) => fs.readFileSync(path.join(dist, f), 'utf8');
  const seen = new Set();
  const queue = [];
  const reach = (file) => {
    if (!seen.has(file)) queue.push(seen.add(file) && file);
  };
  reach('extension.js');
  // The stub's `import('./main.mjs')` runs at activation; elsewhere only static imports load with their importer.
  for (const m of text('extension.js').matchAll(/import\(\s*['"]\.\/([^'"]+)['"]\s*\)/g)) reach(m[1]);
  for (let file = queue.shift(); file; file = queue.shift())
    for (const m of text(file).matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.mjs)["']/g)) reach(m[1]);
  const code = fs.readdirSync(dist).filter((f) => /\.(m?js)$/.test(f) && !OWN_PROCESS.has(f));
  return {
    activation: [...seen].map((f) => [f, size(f)]),
    onDemand: code.filter((f) => !seen.has(f)).map((f) => [f, size(f)]),
  };
}

module.exports = { bundleSizes };
