// Runs the integration suite in desktop VS Code with @vscode/test-electron, on the minimum
// supported version and on stable. It downloads VS Code, so it needs internet: offline it stops at once.
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const config = (await import(path.join(root, '.vscode-test.mjs'))).default;

function reachable(url) {
  return new Promise((resolve) => {
    const req = https.request(url, { method: 'HEAD', timeout: 5000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

if (!(await reachable('https://update.code.visualstudio.com/api/releases/stable'))) {
  console.error(
    'test:desktop needs internet to download VS Code (update.code.visualstudio.com is not reachable).\n' +
      'Offline, run `npm run test:integration` instead: the same suite in code-server, installed from npm.',
  );
  process.exit(2);
}

execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
let failed = 0;
for (const version of config.versions) {
  console.log(`\n=== VS Code ${version} ===`);
  try {
    await runTests({
      version,
      extensionDevelopmentPath: path.resolve(root, config.extensionDevelopmentPath),
      extensionTestsPath: path.resolve(root, config.extensionTestsPath),
      launchArgs: config.launchArgs,
    });
  } catch (error) {
    console.error(`VS Code ${version}: ${error instanceof Error ? error.message : error}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
