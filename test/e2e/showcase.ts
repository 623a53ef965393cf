// Screenshots of the live and "why is this failing?" parts in a real workbench, in English and Thai: a real gateway
// on loopback, a session pinned to a removed profile, an env SecretRef that is not set, Why This Profile?, Sign In
// through the gateway's wizard, a remote gateway's pairing (the same gateway behind the loopback forwarding proxy,
// as test/integration/remoteGateway.test.ts), Test Connection, a paste and a reorder while they run, and usage
// windows (MiniMax's, from a fake usage endpoint on 127.0.0.1 that models.providers.minimax.baseUrl points at, as
// test/interop/gateway-probe.test.ts proves) on a provider row and in the status bar. Not part of
// `npm test` (its file name does not end in .test.js): `npm run screenshots` writes
// artifacts/screenshots/showcase-*.png to look at. Every picture is taken only after the page's text and inputs were
// checked for the secrets used here. `OPENCLAW_SHOWCASE_ONLY=usage` runs only the steps whose title has that word
// (the set-up is the same) and replaces only their pictures.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fakeProvider, minimaxRemains, type FakeProvider } from '../fixtures/fakeProvider';
import { forwardingProxy } from '../fixtures/forwardingProxy';
import { freePort, startGateway, type RunningGateway, OFFLINE_GATEWAY_SETTINGS } from '../fixtures/gateway';
import { baseHome, fakeApiKey, fakeToken } from '../fixtures/homes';
import { cliEnv, mustRun, node24Path, repoRoot, runNode24Script } from '../fixtures/openclaw';
import { type Workbench, openWorkbench } from './harness';
import { type Kit, kit } from './showcaseKit';

const SHOTS = path.join(repoRoot(), 'artifacts', 'screenshots');
const WORK = fakeToken('showcase', 'work');
const BACKUP = fakeToken('showcase', 'backup');
const SPARE = fakeToken('showcase', 'spare');
const KEY = fakeApiKey('showcase', 'sk-or-v1');
const MINIMAX_KEY = fakeApiKey('showcase', 'sk-cp');
const ONLY = process.env.OPENCLAW_SHOWCASE_ONLY?.trim().toLowerCase() || undefined;
// FAKE-SECRET shape: the harness' scan of the server's logs and settings finds it if it leaks.
const GATEWAY_TOKEN = `gw-FAKE-SECRET-${crypto.randomBytes(12).toString('hex')}`;
type Lang = 'en' | 'th';
const words = {
  en: { continue: 'Continue', copyLink: 'Copy Link', signInPage: "Sign in on the provider's page", test: 'Test' },
  th: { continue: 'ดำเนินการต่อ', copyLink: 'คัดลอกลิงก์', signInPage: 'ลงชื่อเข้าใช้ในหน้าของผู้ให้บริการ', test: 'ทดสอบ' },
};

describe('showcase: the live and diagnosis parts, photographed', function () {
  this.timeout(900_000);
  let wb: Workbench;
  let k: Kit;
  let gateway: RunningGateway | undefined;
  let proxy: { port: number; close(): Promise<void> } | undefined;
  let usageServer: FakeProvider | undefined;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-showcase-'));
  const stateDir = path.join(home, '.openclaw');
  const env = cliEnv(home);
  const cli = (args: string[], stdin?: string) => mustRun('current', home, args, stdin, env);
  /** A chat session pinned to a profile that does not exist (the gateway does not check): it fails for good. */
  const danglingPin = (session: string, profile: string) =>
    cli([
      'gateway',
      'call',
      'sessions.patch',
      '--json',
      '--params',
      JSON.stringify({ key: `agent:main:${session}`, model: `anthropic/claude-opus-5@${profile}` }),
    ]);

  before(async () => {
    await baseHome(home);
    const paste = (args: string[], secret: string) => cli(['models', 'auth', ...args], `${secret}\n`);
    await paste(
      ['paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:work', '--expires-in', '3h'],
      WORK,
    );
    await paste(
      ['paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:backup', '--expires-in', '30d'],
      BACKUP,
    );
    await paste(['paste-api-key', '--provider', 'openrouter'], KEY);
    await paste(['paste-api-key', '--provider', 'minimax'], MINIMAX_KEY);
    // MiniMax's Coding Plan usage: a 5-hour window 2 h in at 62%, the week 3 days in at 20%.
    const minute = 60_000;
    const at = Math.floor(Date.now() / minute) * minute;
    usageServer = await fakeProvider([], {
      minimaxUsage: {
        key: MINIMAX_KEY,
        body: minimaxRemains({
          model: 'MiniMax-M2.5',
          interval: { total: 1500, remaining: 573, start: at - 120 * minute, end: at + 180 * minute },
          weekly: { total: 15000, remaining: 11985, start: at - 3 * 1440 * minute, end: at + 4 * 1440 * minute },
        }),
      },
    });
    const crafted = await runNode24Script(path.join(repoRoot(), 'test', 'fixtures', 'craft-auth-rows.mjs'), {
      dbPath: path.join(stateDir, 'state', 'openclaw.sqlite'),
      profiles: {
        'openai:ci': {
          type: 'api_key',
          provider: 'openai',
          keyRef: { source: 'env', provider: 'default', id: 'OPENAI_API_KEY_CI' },
        },
      },
    });
    assert.equal(crafted.code, 0, crafted.stderr.slice(-500));
    // One gateway for both roles: the extension finds it on loopback as "this machine", and reaches it again through
    // the forwarding proxy as a remote gateway that must pair (trustedProxies makes it believe X-Forwarded-For).
    const port = await freePort();
    const batch = path.join(home, 'gateway-config.batch.json');
    fs.writeFileSync(
      batch,
      JSON.stringify([
        { path: 'gateway.mode', value: 'local' },
        { path: 'gateway.port', value: port },
        { path: 'gateway.bind', value: 'loopback' },
        { path: 'gateway.auth.mode', value: 'token' },
        { path: 'gateway.auth.token', value: GATEWAY_TOKEN },
        ...OFFLINE_GATEWAY_SETTINGS,
        { path: 'gateway.trustedProxies', value: ['127.0.0.1'] },
        // Usage is fetched from this base URL's origin: the fake server on 127.0.0.1, never MiniMax.
        { path: 'models.providers.minimax.baseUrl', value: `${usageServer.origin}/anthropic` },
      ]),
      { mode: 0o600 },
    );
    await cli(['config', 'set', '--batch-file', batch]);
    fs.rmSync(batch, { force: true });
    gateway = await startGateway(home, port, GATEWAY_TOKEN, { timeoutMs: 240_000 });
    proxy = await forwardingProxy(port);
    // Just after it listens, a busy gateway may still be starting its sidecars and let a call time out (10 s): again.
    await danglingPin('showcase', 'anthropic:old-laptop').catch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await danglingPin('showcase', 'anthropic:old-laptop');
    });
    fs.mkdirSync(SHOTS, { recursive: true });
    const replaced = (f: string) => f.startsWith(ONLY ? `showcase-${ONLY}` : 'showcase-');
    for (const old of fs.readdirSync(SHOTS).filter(replaced)) fs.rmSync(path.join(SHOTS, old));
    wb = await openWorkbench({
      home,
      settings: {
        'openclawAuth.stateDir': stateDir,
        'openclawAuth.nodePath': node24Path(),
        'workbench.colorTheme': 'Default Dark Modern',
        // The gateway's OAuth callback port would otherwise bring code-server's "port 1455 is available" toast.
        'remote.autoForwardPorts': false,
      },
    });
    await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    k = kit(wb.page, SHOTS, () => [WORK, BACKUP, SPARE, KEY, MINIMAX_KEY, GATEWAY_TOKEN]);
  });

  beforeEach(function () {
    if (ONLY && !this.currentTest?.title.toLowerCase().includes(ONLY)) this.skip();
  });

  after(async () => {
    await wb?.close();
    await proxy?.close();
    await gateway?.stop();
    await usageServer?.close();
  });

  // A step that fails leaves its picture (what was on screen) and closes what it opened, so the next step can run.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !wb) return;
    const name = (
      this.currentTest.title
        .split(/[^A-Za-z]+/)
        .filter(Boolean)
        .slice(0, 4)
        .join('-') || 'step'
    ).toLowerCase();
    await wb.page.screenshot({ path: path.join(SHOTS, `showcase-failed-${name}.png`) });
    for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape');
    if (await k.dialog.isVisible()) await k.dialog.locator('.monaco-button').last().click();
  });

  const whyStep = async (lang: Lang) => {
    // Alone (OPENCLAW_SHOWCASE_ONLY=why) the view is not open yet, and the Thai step is not preceded by the switch.
    if (ONLY) {
      if (lang === 'en') await openView(); // once: clicking the view's icon again would close the side bar
      await k.setLanguage(lang);
      await k.blur();
    }
    await k.menu(k.row(/^anthropic/), 'Why This Profile?');
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /anthropic/ }).waitFor();
    await k.shot(`why-${lang}`);
    await wb.page.keyboard.press('Escape');
  };

  const signInStep = async (lang: Lang) => {
    const page = wb.page;
    await wb.runCommand('OpenClaw Auth: Sign In…');
    await page.locator('.quick-input-widget input').waitFor();
    await page.waitForTimeout(500);
    await page.keyboard.type('openai');
    await page.waitForTimeout(500);
    if (lang === 'en') await k.shot('signin-0-provider-en');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ChatGPT Login' }).waitFor();
    await page.waitForTimeout(500);
    await k.shot(`signin-1-method-${lang}`);
    await page.keyboard.press('Enter');
    // The gateway's first wizard step is a note (shown as a modal): its words are the gateway's, untranslated.
    const note = await k.waitDialog(/remote\/VPS/, 90_000);
    await k.shot(`signin-2-remote-note-${lang}`);
    await note.locator('.monaco-button', { hasText: words[lang].continue }).click();
    const open = await k.waitDialog(words[lang].signInPage, 60_000);
    await k.shot(`signin-3-open-page-${lang}`);
    await open.locator('.monaco-button', { hasText: words[lang].copyLink }).click();
    await page.locator('.quick-input-widget input[type="password"]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    await k.shot(`signin-4-paste-redirect-${lang}`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(3000);
    await k.clearToasts();
  };

  /** Add Gateway… through the proxy: the pairing prompt, approved with the CLI, then connected. */
  const pairStep = async (lang: Lang) => {
    assert.ok(proxy);
    const page = wb.page;
    const qi = page.locator('.quick-input-widget');
    await k.clearToasts();
    await wb.runCommand('OpenClaw Auth: Add Gateway…');
    await qi.locator('input').waitFor();
    await page.keyboard.type(`ws://127.0.0.1:${proxy.port}`);
    await page.keyboard.press('Enter');
    await qi.locator('.monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter'); // "Gateway token", the first entry
    await qi.locator('input[type="password"]').waitFor();
    await page.keyboard.type(GATEWAY_TOKEN);
    await page.keyboard.press('Enter');
    const toast = await k.waitToast('openclaw devices approve', 90_000);
    const requestId = /openclaw devices approve (\S+?)[\s)]/.exec(await toast.innerText())?.[1];
    assert.ok(requestId, 'the request id in the pairing prompt');
    await k.blur();
    await k.shot(`pairing-${lang}`);
    await k.clearToasts();
    await cli(['devices', 'approve', requestId]);
    await k.row(/127\.0\.0\.1/).waitFor({ timeout: 60_000 });
    await k.waitToast(lang === 'th' ? 'อนุมัติแล้ว' : 'Approved. Connected', 90_000);
    await page.waitForTimeout(1500); // the remote's rows after its first authStatus
    await k.shot(`connections-${lang}`);
    await k.clearToasts();
  };

  /** Test Connection on openai (its key is an env SecretRef that is not set, so the gateway answers at once). */
  const testConnectionStep = async (lang: Lang) => {
    await k.menu(k.row(/^openai/), 'Test Connection');
    if (lang === 'en') {
      const confirm = await k.waitDialog(/real request/);
      await k.shot('test-connection-1-confirm-en');
      await confirm.locator('.monaco-button', { hasText: words.en.test }).first().click();
    }
    // The gateway answers at once (nothing to send without the key), so there is no progress to photograph here.
    const result = await k.waitToast(lang === 'th' ? 'ทดสอบการเชื่อมต่อ openai' : 'Test Connection openai', 100_000);
    await k.expandToast(result);
    await k.shot(`test-connection-2-result-${lang}`);
    await k.clearToasts();
  };

  /** The OpenClaw view, connected to the gateway, with the sidebar widened (the first step of a run). */
  const openView = async () => {
    const page = wb.page;
    await page
      .locator('.activitybar .action-item a[aria-label^="OpenClaw"], .activitybar .action-item[aria-label^="OpenClaw"]')
      .first()
      .click();
    await k.row('anthropic:work').waitFor({ timeout: 60_000 });
    await page
      .locator('[id="workbench.parts.sidebar"]', { hasText: /gateway: connected/i })
      .waitFor({ timeout: 90_000 });
    const box = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width + 1, 450);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width + 260, 450, { steps: 8 });
      await page.mouse.up();
    }
    await k.waitToast('anthropic:old-laptop', 60_000);
  };

  it('English: the pinned-session notification, the tree and the status-bar tooltip', async () => {
    const page = wb.page;
    await openView();
    await k.row('Pinned sessions').click();
    await page.keyboard.press('ArrowRight');
    await k.row('showcase').waitFor();
    await k.moveAway();
    await k.shot('pin-notification-en');
    await k.clearToasts();
    await k.row('Pinned sessions').click();
    await page.keyboard.press('ArrowLeft');
    await k.blur();
    await k.shot('tree-en');
    await k.hoverStatus();
    await k.shot('status-tooltip-en');
    await k.moveAway();
    // The same two in Thai now, so the pair shows the same state.
    await k.setLanguage('th');
    await k.blur();
    await k.shot('tree-th');
    await k.hoverStatus();
    await k.shot('status-tooltip-th');
    await k.moveAway();
    await k.setLanguage('en');
  });

  it('English and Thai: usage windows on the minimax row, in its tooltip and in the status bar', async () => {
    if (ONLY) await openView();
    await k.clearToasts();
    // The row's words once the gateway's usage.status has answered: both windows, the fullest first in the status bar.
    await k.row(/^minimax[\s\S]*5h 62% · Week 20%/).waitFor({ timeout: 90_000 });
    await wb.page.locator('.statusbar-item', { hasText: /MiniMax 5h 62%/ }).waitFor({ timeout: 30_000 });
    try {
      for (const lang of ['en', 'th'] as const) {
        if (lang === 'th') await k.setLanguage('th');
        await k.blur();
        // The week window's label in the language shown (format.ts windowLabel: Thai units).
        const week = lang === 'en' ? /Week/ : /สัปดาห์/;
        await k.hoverRow(k.row(/^minimax/));
        await wb.page.locator('.monaco-hover, .workbench-hover', { hasText: week }).last().waitFor();
        await k.shot(`usage-tree-${lang}`);
        await k.moveAway();
        await k.hoverStatus('MiniMax');
        await wb.page.locator('.monaco-hover, .workbench-hover', { hasText: week }).last().waitFor();
        await k.shot(`usage-status-${lang}`);
        await k.moveAway();
      }
    } finally {
      await k.setLanguage('en');
    }
  });

  it('English: Why This Profile? from the provider row', () => whyStep('en'));

  it('English: Sign In… through the gateway (ChatGPT Login) up to the redirect URL, then cancelled', () =>
    signInStep('en'));

  it('English: Add Gateway… asks to pair; approved, the top level shows both connections', async () => {
    await pairStep('en');
    await k.hoverStatus();
    await k.shot('status-tooltip-remote-en');
    await k.moveAway();
  });

  it('English: Test Connection asks first, shows progress and the result', () => testConnectionStep('en'));

  it('Thai: the status-bar tooltip with the remote gateway, and a new dangling pin', async () => {
    await k.setLanguage('th');
    await k.blur();
    await k.hoverStatus();
    await k.shot('status-tooltip-remote-th');
    await k.moveAway();
    await danglingPin('showcase-th', 'anthropic:old-desktop');
    await k.waitToast('anthropic:old-desktop', 60_000);
    await k.shot('pin-notification-th');
    await k.clearToasts();
  });

  it('Thai: Why This Profile?', () => whyStep('th'));

  it('Thai: Sign In… through the gateway', () => signInStep('th'));

  it('Thai: Remove Gateway, then Add Gateway… pairs again', async () => {
    const page = wb.page;
    await wb.runCommand('OpenClaw Auth: Remove Gateway');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: '127.0.0.1' }).first().waitFor();
    await page.keyboard.press('Enter');
    const confirm = await k.waitDialog(/127\.0\.0\.1/);
    await confirm.locator('.monaco-button', { hasText: 'ลบ' }).first().click();
    await k.row(/^เครื่องนี้/).waitFor({ state: 'hidden', timeout: 30_000 });
    await pairStep('th');
  });

  it('Thai: Test Connection', async () => {
    try {
      await testConnectionStep('th');
    } finally {
      await k.setLanguage('en');
    }
  });

  it('English: a reorder and a paste while they run, and a pasted profile the order leaves out', async () => {
    const page = wb.page;
    // The tree has This machine and the remote gateway now: the local anthropic:backup is the first such row.
    await k.menu(k.row('anthropic:backup'), 'Move Up');
    // Through the gateway the pending row may last well under a second: photographed only while it is there.
    const pending = k.row(/saving/);
    await pending.waitFor({ timeout: 10_000 });
    if (!(await k.shotWhile('reorder-pending-en', () => pending.isVisible())))
      console.log('showcase: the reorder finished before its pending row could be photographed');
    await k.row(/saving/).waitFor({ state: 'hidden', timeout: 60_000 });

    const qi = page.locator('.quick-input-widget');
    const title = qi.locator('.quick-input-title');
    await wb.runCommand('OpenClaw Auth: Paste Token…');
    await title.filter({ hasText: '1/4' }).waitFor({ timeout: 15_000 });
    await qi.locator('.monaco-list-row.focused', { hasText: 'anthropic' }).waitFor();
    await page.keyboard.press('Enter');
    await title.filter({ hasText: '2/4' }).waitFor();
    await page.keyboard.type('anthropic:spare');
    await qi.locator('.monaco-list-row.focused', { hasText: 'creates a new profile' }).waitFor();
    await page.keyboard.press('Enter');
    await title.filter({ hasText: '3/4' }).waitFor();
    await qi.locator('.monaco-list-row.focused', { hasText: '365 days' }).waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await title.filter({ hasText: '4/4' }).waitFor();
    await qi.locator('input[type="password"]').waitFor();
    await page.keyboard.type(SPARE);
    await k.shot('paste-token-en');
    await page.keyboard.press('Enter');
    await k.waitToast('Saving token anthropic:spare', 20_000);
    await k.shot('paste-progress-en');
    await k.waitToast('will not use it', 90_000);
    await k.expandToast(await k.waitToast('will not use it'));
    await k.shot('paste-excluded-en');
    await k.clearToasts();
  });

  it('English: Test Connection on a key that goes out to the network shows its progress (then stopped)', async () => {
    // Offline, this probe would take 60–90 s and leave openrouter cooling down: the last step, and cancelled.
    await k.menu(k.row(/^openrouter/), 'Test Connection');
    const progress = await k.waitToast('Testing openrouter', 30_000);
    await k.shot('test-connection-3-progress-en');
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click({ timeout: 5_000 });
    await k.waitToast('Stopped waiting', 15_000);
  });
});
