// Entry point for the extension host's test runner (code-server via scripts/run-integration.mjs, or
// @vscode/test-electron): VS Code calls run() and reports its outcome as the process exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  // `npm test` runs the suite in lanes (two code-servers at once), each with its share of the files.
  const only = process.env.OPENCLAW_AUTH_TEST_FILES?.split(',');
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js') && (!only || only.includes(path.basename(f))))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const grep = process.env.OPENCLAW_AUTH_TEST_GREP;
  // Colour off: the output travels through the workbench's log channel, where escape codes are noise.
  // Spec output plus each file's time at the end (the repository's reporter, beside this compiled file's tree).
  const reporter = path.join(__dirname, '../../../scripts/lib/spec-with-file-times.cjs');
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter, color: false, ...(grep ? { grep } : {}) });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
