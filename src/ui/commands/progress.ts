// Feedback for every wait on the CLI: from a tree row, the view's progress bar and the row shown as pending;
// from the palette, a notification with Cancel (cancelling ends the CLI's process group through its signal).

import vscode = require('vscode');
import { pendingRows, type PendingTarget } from '../pending';
import { isNode } from './context';

export const VIEW_ID = 'openclawAuth.profiles';

/** Where the command was started: a tree row (or a drop), the palette, or automation (an arguments object). */
export type Origin = 'tree' | 'palette' | 'api';

export function originOf(arg: unknown): Origin {
  if (isNode(arg)) return 'tree';
  if (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri))
    return (arg as { fromTree?: unknown }).fromTree === true ? 'tree' : 'api';
  return 'palette';
}

export async function withOperation<T>(
  origin: Origin,
  title: string,
  target: PendingTarget | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const pending = target ? pendingRows.add(target) : undefined;
  try {
    const run = (): Promise<T> => work(controller.signal);
    if (origin === 'palette') {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          return run();
        },
      );
    }
    // The view's own progress bar: the person is looking at the tree (or a caller is: tests, other extensions).
    return await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title }, run);
  } finally {
    pending?.dispose();
  }
}
