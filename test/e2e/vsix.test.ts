// The packaged extension, as a user gets it: `npm run package` builds the VSIX, code-server installs it with
// --install-extension into a fresh extensions folder, and the workbench opens WITHOUT extensionDevelopmentPath.
// The tree and the status bar must work from what the VSIX holds alone (bundle, nls, media), on a home made by
// the real CLI with an Anthropic token that expires in 3 h.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mustRun, node24Path, repoRoot } from '../fixtures/openclaw';
import { baseHome } from '../fixtures/homes';
import { importScript } from './harness';

const TOKEN = 'sk-ant-oat01-FAKE-vsix-'.padEnd(100, 'v');
const EXTENSION_ID = 'clawkit.openclaw-auth';

interface HostServer {
  url(args: { folder?: string }): string;
  stop(opts?: { keep?: boolean }): Promise<void>;
  logFile: string;
}
interface VscodeHost {
  startCodeServer(opts: {
    home: string;
    env: Record<string, string>;
    extensionsDir: string;
    userDataDir: string;
    settings: Record<string, unknown>;
  }): Promise<HostServer>;
  launchBrowser(): Promise<Browser>;
}
interface Packager {
  packageVsix(opts: { outDir: string; log: (line: string) => void }): string;
}
interface SetupHost {
  paths: { codeServerBin: string; binDir: string };
}

function codeServer(bin: string, args: string[]): string {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  assert.equal(r.status, 0, `code-server ${args.join(' ')} exited ${r.status ?? r.error?.message}:\n${out}`);
  return out;
}

describe('the packaged VSIX, installed into code-server', function () {
  this.timeout(300_000);
  const ROOT = repoRoot();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-vsix-'));
  const extensionsDir = path.join(scratch, 'extensions');
  const userDataDir = path.join(scratch, 'user-data');
  const home = path.join(scratch, 'home');
  let vsix: string;
  let server: HostServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let setup: SetupHost;

  before(async () => {
    setup = await importScript<SetupHost>('setup-test-host.mjs');
    // OPENCLAW_TEST_VSIX tests a VSIX made elsewhere (a release build); by default a fresh one, so it is never stale.
    vsix =
      process.env.OPENCLAW_TEST_VSIX ??
      (await importScript<Packager>('package.mjs')).packageVsix({
        outDir: path.join(scratch, 'vsix'),
        log: () => undefined,
      });
    fs.mkdirSync(home, { recursive: true });
    await baseHome(home); // openclaw models set anthropic/claude-opus-5, made once and copied
    await mustRun(
      'current',
      home,
      [
        'models',
        'auth',
        'paste-token',
        '--provider',
        'anthropic',
        '--profile-id',
        'anthropic:vsix',
        '--expires-in',
        '3h',
      ],
      `${TOKEN}\n`,
    );
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('installs with --install-extension into an empty extensions folder', () => {
    const out = codeServer(setup.paths.codeServerBin, [
      '--install-extension',
      vsix,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
    ]);
    assert.match(out, /successfully installed/i, out);
    const listed = codeServer(setup.paths.codeServerBin, [
      '--list-extensions',
      '--show-versions',
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
    ]);
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(
      listed
        .trim()
        .split('\n')
        .filter((l) => l.includes('@')),
      [`${EXTENSION_ID}@${version}`],
    );
    // What was installed is the VSIX's content: a bundle, no sources, no tests, no node_modules.
    const installed = path.join(extensionsDir, `${EXTENSION_ID}-${version}`);
    const top = fs.readdirSync(installed).sort();
    for (const name of ['src', 'test', 'node_modules', 'out', 'scripts', '.vscode-test'])
      assert.ok(!top.includes(name), `${name} shipped: ${top.join(', ')}`);
    assert.ok(fs.existsSync(path.join(installed, 'dist/extension.js')), `no bundle in ${top.join(', ')}`);
  });

  it('starts without extensionDevelopmentPath and shows the profile in the tree', async () => {
    const host = await importScript<VscodeHost>('vscode-host.mjs');
    server = await host.startCodeServer({
      home,
      extensionsDir,
      userDataDir,
      // The extension host's PATH comes from the home's login profile; the `openclaw` wrapper must come first.
      env: {
        PATH: `${setup.paths.binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        OPENCLAW_NO_AUTO_UPDATE: '1',
        OPENCLAW_OFFLINE: '1',
      },
      settings: { 'openclawAuth.nodePath': node24Path() },
    });
    browser = await host.launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const url = server.url({});
    assert.ok(!url.includes('extensionDevelopmentPath'), url);
    await page.goto(url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });

    await page
      .locator('.activitybar .action-item a[aria-label^="OpenClaw"], .activitybar .action-item[aria-label^="OpenClaw"]')
      .first()
      .click();
    const rows = page.locator('[id="workbench.parts.sidebar"] .monaco-list-row');
    await rows.filter({ hasText: 'anthropic:vsix' }).first().waitFor({ timeout: 60_000 });
    // Runs in the page; tsconfig has no DOM lib, so the element's parts used are typed here.
    const labels = await rows.evaluateAll(
      (els: { getAttribute(name: string): string | null; textContent: string | null }[]) =>
        els.map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.textContent ?? ''}`),
    );
    const profile = labels.find((l) => l.includes('anthropic:vsix'));
    assert.ok(
      labels.some((l) => l !== profile && /\banthropic\b/.test(l)),
      `a provider row for anthropic in ${labels.join(' | ')}`,
    );
    assert.match(profile ?? '', /token/i, `profile row: ${profile}`);
    assert.match(profile ?? '', /expir/i, `profile row: ${profile}`);
    assert.ok(!labels.join('\n').includes(TOKEN.slice(13, 40)), 'the tree shows the secret');
  });

  it('shows the status-bar item: one profile expiring', async () => {
    const item = page.locator('.statusbar-item[id*="openclawAuth.status"]');
    await item.waitFor({ timeout: 30_000 });
    const aria = (await item.getAttribute('aria-label')) ?? '';
    assert.match(aria, /expiring/i, `status-bar aria-label: ${aria}`);
    assert.match(await item.innerText(), /OpenClaw: 1 expiring/);
  });
});
