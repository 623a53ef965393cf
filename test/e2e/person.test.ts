// A person in the browser: opens the OpenClaw view, reads the rows, hovers a profile and the status-bar
// item, renews the expiring token with "OpenClaw Auth: Paste Token…" and sees the tree and status bar change.
// Home made by the real CLI; secrets are fake and must only ever appear masked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mustRun, node24Path, repoRoot } from '../fixtures/openclaw';
import { baseHome } from '../fixtures/homes';
import { type Workbench, openWorkbench } from './harness';

const WORK = 'sk-ant-oat01-FAKE-e2e-work-'.padEnd(100, 'w');
const BACKUP = 'sk-ant-oat01-FAKE-e2e-backup-'.padEnd(100, 'b');
const RENEWED = 'sk-ant-oat01-FAKE-e2e-renewed-'.padEnd(100, 'r');
const SPARE = 'sk-ant-oat01-FAKE-e2e-spare-'.padEnd(100, 's');
const KEY = 'sk-or-v1-FAKE-e2e-0123456789abcdef';
const SECRETS = [WORK, BACKUP, RENEWED, SPARE, KEY];
const SHOTS = path.join(repoRoot(), 'artifacts', 'screenshots');
/** Assertion messages and screenshots' text checks must never carry a secret. */
const hide = (text: string) => SECRETS.reduce((t, s) => t.split(s).join('<SECRET>'), text);
const assertNoSecret = (text: string, where: string) => {
  for (const s of SECRETS)
    assert.ok(!text.includes(s) && !text.includes(s.slice(13, 40)), `${where} shows a secret: ${hide(text)}`);
};

describe('a person in the browser', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let home: string;

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-e2e-'));
    await baseHome(home); // openclaw models set anthropic/claude-opus-5, made once and copied
    // One after another: two OpenClaw processes starting on one home can fail with "database is locked" in the
    // CLI's own state migration (seen in a clean-clone run).
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
        'anthropic:work',
        '--expires-in',
        '3h',
      ],
      `${WORK}\n`,
    );
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
        'anthropic:backup',
        '--expires-in',
        '30d',
      ],
      `${BACKUP}\n`,
    );
    await mustRun('current', home, ['models', 'auth', 'paste-api-key', '--provider', 'openrouter'], `${KEY}\n`);
    fs.mkdirSync(SHOTS, { recursive: true });
    wb = await openWorkbench({
      home,
      settings: {
        'openclawAuth.stateDir': path.join(home, '.openclaw'),
        'openclawAuth.nodePath': node24Path(),
        'workbench.colorTheme': 'Default Dark Modern',
      },
    });
  });
  after(async () => wb?.close());

  const shot = (name: string) => wb.page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  const row = (label: string) =>
    wb.page.locator(`[id="workbench.parts.sidebar"] .monaco-list-row[aria-label*="${label}"]`).first();
  const rowLabels = () =>
    wb.page
      .locator('[id="workbench.parts.sidebar"] .monaco-list-row')
      // Runs in the page; tsconfig has no DOM lib, so the element's one method used is typed here.
      .evaluateAll((els: { getAttribute(name: string): string | null }[]) =>
        els.map((e) => e.getAttribute('aria-label') ?? ''),
      );

  it('opens the OpenClaw view from the activity bar and sees the rows', async () => {
    const page = wb.page;
    const opened = Date.now();
    await page
      .locator('.activitybar .action-item a[aria-label^="OpenClaw"], .activitybar .action-item[aria-label^="OpenClaw"]')
      .first()
      .click();
    await row('Profile anthropic:work').or(row('anthropic:work')).waitFor({ timeout: 60_000 });
    const seen = Date.now();
    // The newcomer's figure (issue 14 §5: first tree within 1 s). The view opened → first profile row is printed;
    // most of it is the workbench starting its extension host (seconds on this shared 2-core machine). The part
    // that is the extension's, activation → rows given to the view (its own log), is asserted against the budget.
    // The log file is written in batches: give the line a moment to land.
    let log = wb.extensionLog();
    for (let i = 0; i < 50 && !log.includes('first rows given'); i++) {
      await page.waitForTimeout(100);
      log = wb.extensionLog();
    }
    const activatedAt = Date.parse(/activating at (\S+),/.exec(log)?.[1] ?? '');
    const ours = Number(/first rows given to the view, (\d+) ms after activation/.exec(log)?.[1]);
    assert.ok(Number.isFinite(activatedAt) && Number.isFinite(ours), `startup lines in the extension's log:\n${log}`);
    console.log(
      `e2e: first profile row ${seen - opened} ms after the view was opened (${opened - wb.loadStartedAt} ms of page load before it): ` +
        `${activatedAt - opened} ms until the extension was activated (workbench and extension host starting), ` +
        `${ours} ms from activation to the first rows given to the view (the extension's part, budget 1000 ms), ` +
        `${seen - activatedAt - ours} ms until the row was on screen`,
    );
    console.log(
      log
        .split('\n')
        .filter((l) => /activat|openclaw CLI|SQLite reader|first (snapshot|rows)|view first asked/.test(l))
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    const labels = await rowLabels();
    assertNoSecret(labels.join('\n'), 'the tree');
    const at = (id: string) => labels.findIndex((l) => l.includes(id));
    for (const id of ['anthropic', 'anthropic:work', 'anthropic:backup', 'openrouter', 'openrouter:manual'])
      assert.ok(at(id) >= 0, `row ${id} in ${labels.join(' | ')}`);
    assert.match(labels[at('anthropic:work')] ?? '', /expir/i);
    // A wider side bar, as a person would drag it, so descriptions are not cut off in the screenshots.
    const box = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width + 1, 450);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width + 200, 450, { steps: 8 });
      await page.mouse.up();
    }
    await page.mouse.move(900, 450);
    await page.waitForTimeout(300);
    await shot('tree');
    // Last, so a miss leaves the window as the next tests expect it (side bar widened, mouse away).
    assert.ok(ours <= 1000, `activation → first rows ${ours} ms, over the 1 s budget (see the log lines above)`);
  });

  it('hovers a profile: the tooltip shows the masked secret, never the secret', async () => {
    const page = wb.page;
    await row('anthropic').hover();
    await page.locator('.monaco-list-row', { hasText: 'anthropic:work' }).first().hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'anthropic:work' }).last();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await hover.innerText();
    assert.ok(text.includes('sk-ant-o...'), `masked token in the tooltip: ${hide(text)}`);
    assertNoSecret(text, 'the profile tooltip');
    await shot('profile-tooltip');
  });

  it('opens the status-bar tooltip: one profile expiring, linked', async () => {
    const page = wb.page;
    // The profile's hover must be gone, or it would be mistaken for (and photographed as) the status-bar one.
    await page.mouse.move(900, 600);
    await page.keyboard.press('Escape');
    await page
      .locator('.monaco-hover, .workbench-hover')
      .filter({ hasText: 'Secret:' })
      .waitFor({ state: 'hidden', timeout: 10_000 });
    const item = page.locator('.statusbar-item', { hasText: 'OpenClaw' }).first();
    await item.waitFor({ timeout: 30_000 });
    assert.match(await item.innerText(), /OpenClaw: 1 expiring/);
    await item.hover();
    const hover = page
      .locator('.monaco-hover, .workbench-hover')
      .filter({ hasText: 'OpenClaw Auth: 1 expiring' })
      .last();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /anthropic:work: expires in 3h/);
    assert.match(text, /Open Auth Profiles/);
    assertNoSecret(text, 'the status-bar tooltip');
    await shot('status-tooltip');
  });

  it('renews the expiring token with Paste Token… from the palette; the tree and the status bar change', async () => {
    const page = wb.page;
    await page.mouse.move(700, 450);
    const qi = page.locator('.quick-input-widget');
    const title = qi.locator('.quick-input-title');
    await wb.runCommand('OpenClaw Auth: Paste Token…');

    await title.filter({ hasText: '1/4' }).waitFor({ timeout: 15_000 });
    await qi.locator('.monaco-list-row.focused', { hasText: 'anthropic' }).waitFor();
    await shot('paste-token-1-provider');
    await page.keyboard.press('Enter');

    await title.filter({ hasText: '2/4' }).waitFor();
    await page.keyboard.type('anthropic:work');
    await qi.locator('.monaco-list-row.focused', { hasText: 'replaces the stored credential' }).waitFor();
    // The id typed is an existing one: no "creates a new profile" entry may linger from a keystroke before.
    await qi
      .locator('.monaco-list-row', { hasText: '— creates a new profile' })
      .waitFor({ state: 'hidden', timeout: 5_000 });
    await shot('paste-token-2-profile');
    await page.keyboard.press('Enter');

    await title.filter({ hasText: '3/4' }).waitFor();
    await qi.locator('.monaco-list-row.focused', { hasText: '365 days' }).waitFor();
    await shot('paste-token-3-expiry');
    await page.keyboard.press('Enter');

    await title.filter({ hasText: '4/4' }).waitFor();
    const input = qi.locator('input[type="password"]');
    await input.waitFor();
    await page.keyboard.type('sk-ant-api03-FAKE-wrong-kind');
    await qi.locator('.quick-input-message', { hasText: 'sk-ant-oat01-' }).waitFor();
    await shot('paste-token-4-invalid');
    await input.fill('');
    await page.keyboard.type(RENEWED);
    await page.waitForTimeout(300);
    const message = await qi
      .locator('.quick-input-message')
      .innerText()
      .catch(() => '');
    assert.match(
      message,
      /^Paste the token for anthropic:work/,
      'a valid token leaves only the prompt, no validation message',
    );
    await shot('paste-token-5-token');
    assertNoSecret(await page.locator('body').innerText(), 'the page while typing');
    await page.keyboard.press('Enter');

    // While the CLI works: a notification with Cancel (started from the palette) and the row pending in the tree.
    await page
      .locator('.notifications-toasts', { hasText: 'Saving token anthropic:work' })
      .waitFor({ timeout: 20_000 });
    await row('saving').waitFor({ timeout: 10_000 });
    await shot('paste-token-5b-progress');
    await page.locator('.notifications-toasts', { hasText: 'Saved token anthropic:work' }).waitFor({ timeout: 60_000 });
    await row('anthropic:work').waitFor();
    for (let i = 0; i < 150 && (await rowLabels()).some((l) => /expiring/i.test(l)); i++)
      await page.waitForTimeout(100);
    await page
      .locator('.statusbar-item', { hasText: 'OpenClaw: 1 expiring' })
      .waitFor({ state: 'hidden', timeout: 15_000 });
    const labels = await rowLabels();
    assertNoSecret(labels.join('\n'), 'the tree after the paste');
    assert.ok(!labels.some((l) => /expiring/i.test(l)), `no row says expiring: ${labels.join(' | ')}`);
    await shot('paste-token-6-done');
  });

  it("moves anthropic:backup up with the row's inline button; the row stays pending until the stored order has it first", async () => {
    const page = wb.page;
    const backup = page
      .locator('[id="workbench.parts.sidebar"] .monaco-list-row', { hasText: 'anthropic:backup' })
      .first();
    await backup.hover();
    await backup.locator('.action-label[aria-label="Move Up"]').click();
    await row('saving').waitFor({ timeout: 10_000 });
    await page.mouse.move(900, 600);
    await shot('reorder-1-pending');
    const firstIs = async (id: string) => {
      const labels = await rowLabels();
      const ids = labels.map((l) => /anthropic:(work|backup|spare)/.exec(l)?.[0]).filter(Boolean);
      return ids[0] === id && !labels.some((l) => /saving/.test(l));
    };
    for (let i = 0; i < 600 && !(await firstIs('anthropic:backup')); i++) await page.waitForTimeout(100);
    assert.ok(await firstIs('anthropic:backup'), `backup first, nothing pending: ${(await rowLabels()).join(' | ')}`);
    await shot('reorder-2-done');
  });

  it('pastes a new token the stored order leaves out: the message says OpenClaw will not use it and offers Add to Order', async () => {
    const page = wb.page;
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
    await page.keyboard.press('Enter');
    await title.filter({ hasText: '4/4' }).waitFor();
    await qi.locator('input[type="password"]').waitFor();
    await page.keyboard.type(SPARE);
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'will not use it' });
    await toast.waitFor({ timeout: 90_000 });
    const text = await toast.innerText();
    assert.match(text, /Saved token anthropic:spare/);
    assert.match(text, /the order for anthropic leaves it out/);
    assertNoSecret(text, 'the post-paste message');
    await shot('paste-excluded-1-message');
    await toast.locator('.monaco-button', { hasText: 'Add to Order' }).click();
    const inOrder = async () => {
      const labels = await rowLabels();
      const spare = labels.find((l) => l.includes('anthropic:spare')) ?? '';
      return spare !== '' && !/excluded|saving/i.test(spare) && !labels.some((l) => /saving/.test(l));
    };
    for (let i = 0; i < 600 && !(await inOrder()); i++) await page.waitForTimeout(100);
    assert.ok(await inOrder(), `anthropic:spare in the order: ${(await rowLabels()).join(' | ')}`);
    assertNoSecret((await rowLabels()).join('\n'), 'the tree after Add to Order');
    await shot('paste-excluded-2-added');
  });

  it('switches the extension to Thai from the palette (openclawAuth.language), at once, and back', async () => {
    const page = wb.page;
    const qi = page.locator('.quick-input-widget');
    await wb.runCommand('OpenClaw Auth: Choose Language…');
    // The language list, not the palette row that named the command (it says "English / ไทย" too).
    await qi.locator('.monaco-list-row', { hasText: 'Follow VS Code' }).waitFor();
    await qi.locator('.monaco-list-row', { hasText: 'ไทย (Thai)' }).click();
    await row('โปรไฟล์ anthropic:work').waitFor({ timeout: 20_000 });
    const labels = await rowLabels();
    assert.ok(
      labels.some((l) => l.includes('ผู้ให้บริการ anthropic')),
      labels.join(' | '),
    );
    assertNoSecret(labels.join('\n'), 'the Thai tree');
    await page.waitForTimeout(300);
    await shot('thai-tree');
    await wb.runCommand('OpenClaw Auth: Choose Language…');
    await qi.locator('.monaco-list-row', { hasText: 'ตามภาษาของ VS Code' }).waitFor();
    await qi.locator('.monaco-list-row', { hasText: 'English' }).click();
    await row('Profile anthropic:work').waitFor({ timeout: 20_000 });
  });
});
