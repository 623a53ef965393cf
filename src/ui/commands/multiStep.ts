import vscode = require('vscode');
import { Cancelled } from './context';

/** One step's answer: go on, go back a step. Escape rejects with Cancelled. */
export type StepResult = 'next' | 'back';

/**
 * A value an earlier step must have set. Steps run in order and Back only goes to steps that set it again, so a
 * missing one is a bug in the step list: it fails with the key's name rather than with `undefined` further down.
 */
export function chosen<S, K extends keyof S>(state: S, key: K): NonNullable<S[K]> {
  const value = state[key];
  if (value === undefined || value === null) throw new Error(`internal: no ${String(key)} chosen before this step`);
  return value;
}
export type Step<S> = (input: MultiStep, state: S) => Promise<StepResult>;

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/**
 * A small multi-step quick input with a working Back button: one QuickPick/InputBox at a time,
 * `ignoreFocusOut` so a person can copy a token from elsewhere without losing the flow.
 */
export class MultiStep {
  constructor(
    readonly title: string,
    private step = 0,
    private total = 0,
  ) {}

  static async run<S>(title: string, state: S, steps: Step<S>[]): Promise<S> {
    const active = steps;
    let index = 0;
    for (let step = active[index]; step !== undefined; step = active[index]) {
      const input = new MultiStep(title, index + 1, active.length);
      const result = await step(input, state);
      index = result === 'back' ? Math.max(0, index - 1) : index + 1;
    }
    return state;
  }

  get canGoBack(): boolean {
    return this.step > 1;
  }

  pick<T>(opts: {
    placeholder: string;
    items: PickItem<T>[];
    activeValue?: T;
    onCustom?: (text: string) => T | undefined;
    customLabel?: (text: string) => string;
  }): Promise<T | 'back'> {
    return new Promise((resolve, reject) => {
      const qp = vscode.window.createQuickPick<PickItem<T>>();
      qp.title = this.title;
      qp.step = this.step;
      qp.totalSteps = this.total;
      qp.placeholder = opts.placeholder;
      qp.ignoreFocusOut = true;
      qp.matchOnDescription = true;
      qp.buttons = this.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      const base = opts.items;
      qp.items = base;
      const active = base.find((i) => i.value === opts.activeValue);
      if (active) qp.activeItems = [active];
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
        qp.dispose();
      };
      const onCustom = opts.onCustom;
      if (onCustom) {
        qp.onDidChangeValue((text) => {
          const trimmed = text.trim();
          const value = trimmed ? onCustom(trimmed) : undefined;
          const custom =
            value !== undefined && !base.some((i) => i.label === trimmed)
              ? [{ label: opts.customLabel ? opts.customLabel(trimmed) : trimmed, value, alwaysShow: true }]
              : [];
          qp.items = [...custom, ...base];
        });
      }
      qp.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(() => resolve('back'));
      });
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        if (chosen) finish(() => resolve(chosen.value));
      });
      qp.onDidHide(() => finish(() => reject(new Cancelled())));
      qp.show();
    });
  }

  /** The text entered, or `'back'` for the Back button (the type cannot tell them apart: `string` holds both). */
  input(opts: {
    prompt: string;
    placeholder?: string;
    value?: string;
    password?: boolean;
    validate: (text: string) => string | undefined;
  }): Promise<string> {
    return new Promise((resolve, reject) => {
      const box = vscode.window.createInputBox();
      box.title = this.title;
      box.step = this.step;
      box.totalSteps = this.total;
      box.prompt = opts.prompt;
      box.placeholder = opts.placeholder ?? '';
      box.value = opts.value ?? '';
      box.password = opts.password ?? false;
      box.ignoreFocusOut = true;
      box.buttons = this.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
        box.dispose();
      };
      box.onDidChangeValue((text) => {
        // Don't nag while a person is still typing an empty box.
        box.validationMessage = text ? opts.validate(text) : undefined;
      });
      box.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(() => resolve('back'));
      });
      box.onDidAccept(() => {
        const problem = opts.validate(box.value);
        if (problem) {
          box.validationMessage = problem;
          return;
        }
        finish(() => resolve(box.value));
      });
      box.onDidHide(() => finish(() => reject(new Cancelled())));
      box.show();
    });
  }
}
