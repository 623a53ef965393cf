// What test/e2e/showcase.ts does with the page, as a person would: pictures that prove no secret was on screen, a
// row's context menu worked with the keyboard (a Playwright click on a menu entry did not run it: VS Code's menu
// acts on its own mouse-up handling), modal dialogs, toasts that have finished sliding in, and the language switch.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export interface Kit {
  shot(name: string): Promise<void>;
  /** A picture at once, kept only if `still()` holds before and after it (a state that may last a moment). */
  shotWhile(name: string, still: () => Promise<boolean>): Promise<boolean>;
  row(text: string | RegExp): Locator;
  /** Opens the row's context menu and runs `entry` with the arrow keys and Enter. */
  menu(row: Locator, entry: string): Promise<void>;
  dialog: Locator;
  /** The modal dialog with `text`, after its animation. */
  waitDialog(text?: string | RegExp, timeout?: number): Promise<Locator>;
  /** A toast with `text`, once it has slid in. */
  waitToast(text: string | RegExp, timeout?: number): Promise<Locator>;
  clearToasts(): Promise<void>;
  /** Opens a toast whose message is longer than one line. */
  expandToast(toast: Locator): Promise<void>;
  /** Takes the focus off the tree, so no focus outline is in the picture. */
  blur(): Promise<void>;
  setLanguage(lang: 'en' | 'th'): Promise<void>;
  /** Hovers the status-bar item with `text` (the auth item by default) until its tooltip shows. */
  hoverStatus(text?: string | RegExp): Promise<void>;
  /** Hovers a tree row's label until its tooltip shows. */
  hoverRow(row: Locator): Promise<void>;
  moveAway(): Promise<void>;
}

export function kit(page: Page, dir: string, secrets: () => string[]): Kit {
  const sidebar = page.locator('[id="workbench.parts.sidebar"]');
  const row = (text: string | RegExp) => sidebar.locator('.monaco-list-row', { hasText: text }).first();
  const dialog = page.locator('.monaco-dialog-box');
  const rowTexts = () => sidebar.locator('.monaco-list-row').allInnerTexts();
  /** Until the tree's rows have not changed for 1.5 s (at most 20 s). */
  const settle = async () => {
    let last = JSON.stringify(await rowTexts());
    let quietSince = Date.now();
    for (const start = Date.now(); Date.now() - quietSince < 1500 && Date.now() - start < 20_000;) {
      await page.waitForTimeout(250);
      const now = JSON.stringify(await rowTexts());
      if (now !== last) [last, quietSince] = [now, Date.now()];
    }
  };
  const noSecretOnScreen = async (name: string) => {
    const text = await page.locator('body').innerText();
    const values = await page
      .locator('input:not([type="password"]), textarea')
      .evaluateAll((els: { value?: string }[]) => els.map((e) => e.value ?? '').join('\n'));
    for (const s of secrets()) {
      // Whole or in part (a 20-character slice past the prefix): masked forms never hold that much.
      const part = s.slice(14, 34);
      assert.ok(!text.includes(s) && !text.includes(part), `${name}: a secret is on screen`);
      assert.ok(!values.includes(s) && !values.includes(part), `${name}: a secret is in an input's value`);
    }
  };
  /** A hover that lands while the workbench is busy can be dropped: leave and come back, a few times. */
  const hoverUntilShown = async (target: Locator, what: string) => {
    for (let attempt = 0; ; attempt++) {
      await target.hover();
      const shown = await page
        .locator('.monaco-hover, .workbench-hover')
        .last()
        .waitFor({ state: 'visible', timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) return;
      if (attempt === 3) throw new Error(`${what} did not open`);
      await page.mouse.move(1000, 300);
      await page.waitForTimeout(500);
    }
  };
  return {
    row,
    dialog,
    async shot(name) {
      await page.waitForTimeout(400);
      await noSecretOnScreen(name);
      await page.screenshot({ path: path.join(dir, `showcase-${name}.png`) });
    },
    async shotWhile(name, still) {
      await noSecretOnScreen(name);
      if (!(await still())) return false;
      const png = await page.screenshot();
      if (!(await still())) return false;
      fs.writeFileSync(path.join(dir, `showcase-${name}.png`), png);
      return true;
    },
    async menu(target, entry) {
      const menu = page.locator('.context-view .monaco-menu');
      // The list reuses its row elements: a refresh between finding the row and the click can put another item in
      // it. So wait until the rows stop changing, and check that the row right-clicked is still the one meant.
      const label = (row: Locator) => row.locator('.label-name').first().innerText({ timeout: 5_000 });
      const wanted = await label(target);
      for (let attempt = 0; ; attempt++) {
        await settle();
        await target.click({ button: 'right' });
        await menu.waitFor({ timeout: 15_000 });
        const focused = await label(sidebar.locator('.monaco-list-row.focused').first()).catch(() => '');
        if (focused === wanted) break;
        await page.keyboard.press('Escape');
        if (attempt === 3) throw new Error(`the context menu opened on "${focused}", not "${wanted}"`);
      }
      // Off the row (its hover would show in the picture) and off the menu (hovering an entry focuses it).
      await page.mouse.move(1380, 450);
      await menu.locator('.action-label', { hasText: entry }).first().waitFor({ timeout: 10_000 });
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('ArrowDown');
        const focused = menu.locator('.action-item.focused .action-label').first();
        if (((await focused.innerText().catch(() => '')) || '').trim() === entry) {
          await page.keyboard.press('Enter');
          return;
        }
      }
      await page.keyboard.press('Escape');
      throw new Error(`no "${entry}" reached with the arrow keys`);
    },
    async waitDialog(text, timeout = 30_000) {
      const box = text ? dialog.filter({ hasText: text }) : dialog;
      await box.first().waitFor({ state: 'visible', timeout });
      await page.waitForTimeout(500);
      return box.first();
    },
    async waitToast(text, timeout = 30_000) {
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).last();
      await toast.waitFor({ state: 'visible', timeout });
      await page.waitForTimeout(800);
      return toast;
    },
    async clearToasts() {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Notifications: Clear All Notifications');
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: 'Clear All Notifications' })
        .first()
        .waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page
        .locator('.notifications-toasts .notification-toast')
        .first()
        .waitFor({ state: 'hidden', timeout: 5_000 })
        .catch(() => undefined); // a progress notification cannot be cleared
    },
    async expandToast(toast) {
      await toast.hover();
      const expand = toast.locator('.codicon-notifications-expand');
      if (await expand.count()) await expand.first().click();
      await this.moveAway();
    },
    async setLanguage(lang) {
      await this.moveAway();
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.fill('>OpenClaw Auth: Choose Language');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Choose Language' }).first().waitFor();
      await page.keyboard.press('Enter');
      // The language list, not the palette row that named the command (it says "English / ไทย" too).
      const list = page.locator('.quick-input-widget .monaco-list-row');
      await list.filter({ hasText: /Follow VS Code|ตามภาษาของ VS Code/ }).waitFor();
      await list
        .filter({ hasText: lang === 'th' ? 'ไทย (Thai)' : /^English/ })
        .first()
        .click();
      await sidebar
        .locator('.monaco-list-row', { hasText: lang === 'th' ? /โปรไฟล์|ผู้ให้บริการ|หมดอายุ/ : /profile|expir/ })
        .first()
        .waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000);
    },
    async hoverStatus(text = 'OpenClaw') {
      await hoverUntilShown(page.locator('.statusbar-item', { hasText: text }).first(), 'the status-bar tooltip');
    },
    async hoverRow(target) {
      await hoverUntilShown(target.locator('.label-name').first(), 'the row tooltip');
    },
    async moveAway() {
      // No Escape here: with the focus outside the tree it also hides the toasts the picture is for.
      await page.mouse.move(1000, 300);
      await page
        .locator('.monaco-hover, .workbench-hover')
        .last()
        .waitFor({ state: 'hidden', timeout: 5_000 })
        .catch(() => undefined);
      await page.waitForTimeout(200);
    },
    async blur() {
      // A click on the empty editor area takes the focus (and its outline) off the tree.
      await page.mouse.click(1000, 120);
      await this.moveAway();
    },
  };
}
