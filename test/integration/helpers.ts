// What the integration files share: the extension's API, a command runner, and waits that end on a condition
// (never a fixed pause: a loaded 2-core runner makes any fixed pause either too short or wasted time).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenClawAuthApi } from '../../src/extension';

export type Api = OpenClawAuthApi;
export const EXTENSION_ID = 'clawkit.openclaw-auth';

/** The extension's API, activated. */
export async function activateApi(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed in the test host`);
  return ext.activate();
}

/** Runs a command; a Thenable made a Promise, so it can be raced, caught and awaited twice. */
export const cmd = (id: string, ...args: unknown[]): Promise<unknown> =>
  Promise.resolve(vscode.commands.executeCommand<unknown>(id, ...args));

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` every 100 ms until it returns a truthy value, which it returns; fails after `ms` naming `what`. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await pause(100);
  }
}

/** Something that must NOT happen: fails as soon as `happened()` is truthy, passes when it stayed false for `ms`. */
export async function never(what: string, happened: () => unknown, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    assert.ok(!happened(), what);
    await pause(50);
  }
  assert.ok(!happened(), what);
}

/** `promise`, or a rejection naming `what` when it has not settled within `ms`. */
export async function within<T>(what: string, promise: PromiseLike<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts a command that shows `vscode.window.showQuickPick` and picks the item labelled `label` with the keyboard,
 * as a person would. showQuickPick gives no handle to the picker, so its `onDidSelectItem` option (called when the
 * focused item changes) tells when the list is up and which row has focus. Resolves with the command's result.
 */
export async function pickWithKeyboard(label: string, start: () => Promise<unknown>): Promise<unknown> {
  type Show = (items: unknown, options?: vscode.QuickPickOptions, token?: unknown) => unknown;
  const w = vscode.window as unknown as { showQuickPick: Show };
  const original = w.showQuickPick;
  let focused: string | undefined;
  let shown = false;
  w.showQuickPick = (items, options, token) => {
    shown = true;
    const onDidSelectItem = (item: vscode.QuickPickItem | string) => {
      focused = typeof item === 'string' ? item : item.label;
      options?.onDidSelectItem?.(item);
    };
    return original.call(vscode.window, items, { ...options, onDidSelectItem }, token);
  };
  try {
    const done = start();
    await until('the quick pick to be asked for', () => shown);
    // Each move waits for the focus event; a move sent before the list is drawn is lost, so it is sent again.
    for (let i = 0; focused !== label; i++) {
      assert.ok(i < 30, `"${label}" never got focus (last focused: ${focused ?? 'none'})`);
      const was = focused;
      await cmd('workbench.action.quickOpenSelectNext');
      await until('the focus to move', () => focused !== was, 2_000).catch(() => undefined);
    }
    await cmd('workbench.action.acceptSelectedQuickOpenItem');
    return await done;
  } finally {
    w.showQuickPick = original;
  }
}
