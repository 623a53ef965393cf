#!/usr/bin/env node
// Runs the compiled integration suite (out/test/integration) inside code-server's extension host.
// Builds nothing: `node scripts/test.mjs integration` compiles first.
// Flags: --extension-path <dir> (default: the repo), --tests-path <index.js>, --timeout <seconds>.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hostEnv, paths } from './lib/paths.cjs';
import { startCodeServer, runSuiteInBrowser } from './vscode-host.mjs';
import { scan as scanSecrets } from './scan-secrets.mjs';

const { values: opts } = parseArgs({
  options: {
    'extension-path': { type: 'string', default: paths.root },
    'tests-path': { type: 'string', default: path.join(paths.root, 'out/test/integration/index.js') },
    timeout: { type: 'string', default: '1500' },
  },
});

async function main() {
  const started = Date.now();
  const testsPath = path.resolve(opts['tests-path']);
  if (!fs.existsSync(testsPath)) {
    throw new Error(`${testsPath} does not exist: compile first (npx tsc -p .)`);
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openclaw-auth-it-'));
  const home = path.join(scratch, 'home');
  const fixtures = path.join(scratch, 'fixtures');
  const workspace = path.join(scratch, 'workspace');
  for (const dir of [home, fixtures, workspace]) fs.mkdirSync(dir, { recursive: true });

  const env = {
    PATH: `${paths.binDir}:${process.env.PATH}`,
    // Tests may build OpenClaw homes with the real CLIs before driving the extension.
    OPENCLAW_AUTH_TEST_HOME: home,
    OPENCLAW_AUTH_TEST_FIXTURES: fixtures,
    ...hostEnv(),
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_OFFLINE: '1',
    OPENCLAW_DISABLE_BONJOUR: '1',
    ...(process.env.OPENCLAW_AUTH_TEST_GREP ? { OPENCLAW_AUTH_TEST_GREP: process.env.OPENCLAW_AUTH_TEST_GREP } : {}),
    ...(process.env.OPENCLAW_AUTH_TEST_FILES ? { OPENCLAW_AUTH_TEST_FILES: process.env.OPENCLAW_AUTH_TEST_FILES } : {}),
    ...(process.env.OPENCLAW_AUTH_KEEP_TEMP ? { OPENCLAW_AUTH_KEEP_TEMP: '1' } : {}),
  };
  const server = await startCodeServer({ home, env, workspace });
  const stopOnSignal = () => {
    server.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  console.log(`integration: code-server pid ${server.pid} on port ${server.port}, home ${home}`);
  let code = 1;
  // The suite's output is kept in a file too, so the secret scan covers it.
  const captured = path.join(scratch, 'test-output.log');
  const out = {
    write: (s) => {
      fs.appendFileSync(captured, s);
      return process.stdout.write(s);
    },
  };
  try {
    code = await runSuiteInBrowser({
      out,
      server,
      extensionDevelopmentPath: path.resolve(opts['extension-path']),
      extensionTestsPath: testsPath,
      workspace,
      timeoutMs: Number(opts.timeout) * 1000,
    });
  } catch (e) {
    console.error(`integration: ${e.message}. Server log: ${server.logFile}`);
  } finally {
    await server.stop({ keep: true });
  }
  // Everything VS Code and the extension wrote (logs, user-data incl. output channels and settings,
  // extension host log, its home) plus the test output must hold no fake secret in clear. Test homes
  // built under `fixtures` and the OpenClaw/Claude stores hold secrets by design and are not scanned.
  const hostScratch = path.dirname(server.logFile);
  const found = scanSecrets([hostScratch, captured, home], { skipDir: /^\.(openclaw|clawdbot|claude)/ });
  for (const f of found.findings) console.error(`integration: secret in clear at ${f.file}:${f.line}: ${f.masked}`);
  console.log(
    `integration: secret scan: ${found.bytes} bytes in ${found.files} files, ${found.findings.length} secret(s) found`,
  );
  if (found.findings.length && code === 0) code = 1;
  if (code === 0 && !process.env.OPENCLAW_AUTH_KEEP_TEMP) fs.rmSync(hostScratch, { recursive: true, force: true });
  else console.log(`integration: code-server files kept in ${hostScratch}`);
  if (code === 0 && !process.env.OPENCLAW_AUTH_KEEP_TEMP) fs.rmSync(scratch, { recursive: true, force: true });
  else console.log(`integration: scenario files kept in ${scratch}`);
  console.log(`integration: exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`run-integration: ${e.message}`);
    process.exit(1);
  },
);
