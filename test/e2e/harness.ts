// Opens the extension in a real workbench (code-server + Chromium) for tests that click like a person.
// Servers and browsers come from scripts/vscode-host.mjs, the same code the integration runner uses.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../../..');
export const ARTIFACTS = path.join(ROOT, 'artifacts/e2e');

interface HostServer {
  port: number;
  pid: number;
  home: string;
  workspace: string;
  logFile: string;
  url(args: { folder?: string; extensionDevelopmentPath?: string }): string;
  stop(opts?: { keep?: boolean }): Promise<void>;
}
interface VscodeHost {
  startCodeServer(opts: {
    home: string;
    env?: Record<string, string>;
    settings?: Record<string, unknown>;
    workspace?: string;
  }): Promise<HostServer>;
  launchBrowser(): Promise<Browser>;
}

/**
 * Loads one of the ES-module scripts under scripts/ (e.g. `vscode-host.mjs`). Under CommonJS tsc compiles this
 * import() to require(), which loads an ES module without top-level await on Node >= 20.19 (the scripts have none).
 */
export async function importScript<T>(name: string): Promise<T> {
  return (await import(path.join(ROOT, 'scripts', name))) as T;
}

/** The test host's paths (scripts/lib/paths.cjs: the cache outside the repository). */
export const hostPaths = (): Promise<{ paths: { binDir: string } }> => importScript('lib/paths.cjs');

export interface Workbench {
  page: Page;
  /** Date.now() when the page began loading and when the workbench's status bar was first seen. */
  loadStartedAt: number;
  workbenchShownAt: number;
  server: HostServer;
  /** Runs a command through the palette by its title, as a person would. */
  runCommand(title: string): Promise<void>;
  /** Saves a PNG under artifacts/e2e and returns its path. */
  screenshot(name: string): Promise<string>;
  /** The extension's "OpenClaw Auth" output channel as written so far (its log file in the server's user data). */
  extensionLog(file?: string): string;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  home: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  workspace?: string;
}

function findFiles(dir: string, match: (name: string) => boolean): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? findFiles(full, match) : match(e.name) ? [full] : [];
  });
}

export async function openWorkbench(opts: WorkbenchOptions): Promise<Workbench> {
  const host = await importScript<VscodeHost>('vscode-host.mjs');
  const bin = (await hostPaths()).paths.binDir;
  const server = await host.startCodeServer({
    home: opts.home,
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, OPENCLAW_NO_AUTO_UPDATE: '1', OPENCLAW_OFFLINE: '1', ...opts.env },
    ...(opts.settings ? { settings: opts.settings } : {}),
    ...(opts.workspace ? { workspace: opts.workspace } : {}),
  });
  let browser: Browser | undefined;
  try {
    browser = await host.launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const loadStartedAt = Date.now();
    await page.goto(server.url({ extensionDevelopmentPath: ROOT }));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    const workbenchShownAt = Date.now();
    const opened = browser;
    return {
      page,
      loadStartedAt,
      workbenchShownAt,
      server,
      async runCommand(title) {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`);
        await page
          .locator('.quick-input-widget .monaco-list-row', { hasText: title })
          .first()
          .waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
      },
      extensionLog(file = 'OpenClaw Auth.log') {
        return findFiles(path.dirname(server.logFile), (name) => name.endsWith(file))
          .map((f) => fs.readFileSync(f, 'utf8'))
          .join('');
      },
      async screenshot(name) {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const file = path.join(ARTIFACTS, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async close() {
        await opened.close().catch(() => undefined);
        // Keep the server's files long enough to prove no secret reached them (logs, user data, settings).
        await server.stop({ keep: true });
        const scratch = path.dirname(server.logFile);
        const scanner = await importScript<{
          scan(
            targets: string[],
            opts: { skipDir: RegExp },
          ): { bytes: number; files: number; findings: { file: string; line: number; masked: string }[] };
        }>('scan-secrets.mjs');
        const found = scanner.scan([scratch, server.home], { skipDir: /^\.(openclaw|clawdbot|claude)/ });
        console.log(
          `e2e: secret scan: ${found.bytes} bytes in ${found.files} files, ${found.findings.length} secret(s) found`,
        );
        if (found.findings.length) {
          throw new Error(
            `secrets in clear after the e2e run (files kept in ${scratch}):\n${found.findings.map((f) => `${f.file}:${f.line} ${f.masked}`).join('\n')}`,
          );
        }
        fs.rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server.stop({ keep: true });
    throw err;
  }
}
