// Screenshots of the live and "why is this failing?" parts in a real workbench, in English and Thai: a real gateway
// on loopback, a session pinned to a removed profile, an env SecretRef that is not set, Why This Profile?, Sign In
// through the gateway's wizard, and a second connection added with Add Gateway. Not part of `npm test` (its file
// name does not end in .test.js): `npm run screenshots` writes artifacts/screenshots/showcase-*.png to look at.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configureGateway, freePort, startGateway, type RunningGateway } from '../fixtures/gateway';
import { baseHome, fakeApiKey, fakeToken } from '../fixtures/homes';
import { cliEnv, mustRun, node24Path, repoRoot, runNode24Script } from '../fixtures/openclaw';
import { type Workbench, openWorkbench } from './harness';

const SHOTS = path.join(repoRoot(), 'artifacts', 'screenshots');

describe('showcase: the live and diagnosis parts, photographed', function () {
  this.timeout(900_000);
  let wb: Workbench;
  let gateway: RunningGateway | undefined;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-showcase-'));
  const stateDir = path.join(home, '.openclaw');

  before(async () => {
    await baseHome(home);
    const env = cliEnv(home);
    const paste = (args: string[], secret: string) =>
      mustRun('current', home, ['models', 'auth', ...args], `${secret}\n`, env);
    await paste(
      ['paste-token', '--provider', 'anthropic', '--profile-id', 'anthropic:work', '--expires-in', '3h'],
      fakeToken('showcase', 'work'),
    );
    await paste(['paste-api-key', '--provider', 'openrouter'], fakeApiKey('showcase', 'sk-or-v1'));
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
    const port = await freePort();
    const token = await configureGateway(home, port);
    gateway = await startGateway(home, port, token);
    // A chat session pinned to a profile that does not exist (the gateway does not check): it will fail for good.
    await mustRun(
      'current',
      home,
      [
        'gateway',
        'call',
        'sessions.patch',
        '--json',
        '--params',
        JSON.stringify({ key: 'agent:main:showcase', model: 'anthropic/claude-opus-5@anthropic:old-laptop' }),
      ],
      undefined,
      env,
    );
    fs.mkdirSync(SHOTS, { recursive: true });
    wb = await openWorkbench({
      home,
      settings: {
        'openclawAuth.stateDir': stateDir,
        'openclawAuth.nodePath': node24Path(),
        'workbench.colorTheme': 'Default Dark Modern',
      },
    });
  });

  after(async () => {
    await wb?.close();
    await gateway?.stop();
  });

  const shot = async (name: string) => {
    await wb.page.waitForTimeout(400);
    await wb.page.screenshot({ path: path.join(SHOTS, `showcase-${name}.png`) });
  };
  // A step that fails leaves its picture (what was on screen) and closes what it opened, so the next step can run.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !wb) return;
    const name = (
      this.currentTest.title
        .split(/[^A-Za-z]+/)
        .filter(Boolean)
        .slice(0, 3)
        .join('-') || 'step'
    ).toLowerCase();
    await wb.page.screenshot({ path: path.join(SHOTS, `showcase-failed-${name}.png`) });
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Escape');
  });
  const row = (text: string) =>
    wb.page.locator('[id="workbench.parts.sidebar"] .monaco-list-row', { hasText: text }).first();

  it('the tree with the gateway connected, a dangling pin and an unset env SecretRef', async () => {
    const page = wb.page;
    await page
      .locator('.activitybar .action-item a[aria-label^="OpenClaw"], .activitybar .action-item[aria-label^="OpenClaw"]')
      .first()
      .click();
    await row('anthropic:work').waitFor({ timeout: 60_000 });
    await page.locator('[id="workbench.parts.sidebar"]', { hasText: /gateway/i }).waitFor({ timeout: 60_000 });
    const box = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width + 1, 450);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width + 260, 450, { steps: 8 });
      await page.mouse.up();
    }
    await row('Pinned sessions')
      .click()
      .catch(() => undefined);
    await page.mouse.move(1200, 800);
    await shot('1-tree-en');
    await page.locator('.statusbar-item', { hasText: 'OpenClaw' }).first().hover();
    await page.locator('.monaco-hover, .workbench-hover').last().waitFor({ state: 'visible', timeout: 15_000 });
    await shot('2-status-tooltip-en');
    await page.mouse.move(1200, 800);
    await page.keyboard.press('Escape');
  });

  it('Why This Profile? from the provider row', async () => {
    const page = wb.page;
    await row('order from config profiles').click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: 'Why This Profile?' });
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Why this profile?' }).waitFor();
    await shot('3-why-en');
    await page.keyboard.press('Escape');
  });

  it('Sign In… through the gateway: OpenAI OAuth up to the page to open, then cancelled', async () => {
    const page = wb.page;
    const qi = page.locator('.quick-input-widget');
    await wb.runCommand('OpenClaw Auth: Sign In…');
    await qi.locator('input').waitFor();
    await page.waitForTimeout(500);
    await page.keyboard.type('openai');
    await page.waitForTimeout(500);
    await shot('4-signin-provider-en');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await shot('5-signin-method-en');
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts .notification-toast').last().waitFor({ timeout: 90_000 });
    await page.waitForTimeout(3000);
    await shot('6-signin-wizard-en');
    await page.keyboard.press('Escape');
    for (const button of await page.locator('.notifications-toasts .monaco-button', { hasText: 'Cancel' }).all())
      await button.click().catch(() => undefined);
  });

  it('Add Gateway… makes the top level connections: This machine and the added gateway', async () => {
    assert.ok(gateway);
    const page = wb.page;
    const qi = page.locator('.quick-input-widget');
    await wb.runCommand('OpenClaw Auth: Add Gateway…');
    await qi.locator('input').waitFor();
    await page.keyboard.type(gateway.url);
    await page.keyboard.press('Enter');
    await qi.locator('.monaco-list-row', { hasText: 'Gateway token' }).first().click();
    await qi.locator('input[type="password"]').waitFor();
    await page.keyboard.type(gateway.token);
    await page.keyboard.press('Enter');
    await row('This machine').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(5000);
    await shot('7-two-connections-en');
  });

  it('the same in Thai', async () => {
    const page = wb.page;
    await wb.runCommand('OpenClaw Auth: Choose Language…');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Follow VS Code' }).waitFor();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ไทย (Thai)' }).click();
    await row('เครื่องนี้')
      .or(row('ผู้ให้บริการ'))
      .waitFor({ timeout: 20_000 })
      .catch(() => undefined);
    await page.mouse.move(1200, 800);
    await shot('8-tree-th');
    await page.locator('.statusbar-item', { hasText: 'OpenClaw' }).first().hover();
    await page.locator('.monaco-hover, .workbench-hover').last().waitFor({ state: 'visible', timeout: 15_000 });
    await shot('9-status-tooltip-th');
  });
});
