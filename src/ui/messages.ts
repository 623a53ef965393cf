// Every notification the extension shows goes through here, so no text in it can form a link or a command
// (VS Code renders `[label](command:…)` inside notification text). Untrusted values are also passed through
// `plain()` where they are put into a message; this is the last line, for the whole text.

import vscode = require('vscode');
import { plain } from '../openclaw/untrusted';

type Rest = [vscode.MessageOptions, ...string[]] | string[];

function clean(rest: Rest): Rest {
  const [first, ...others] = rest;
  if (first !== undefined && typeof first !== 'string') {
    const options = first.detail === undefined ? first : { ...first, detail: plain(first.detail, 2000) };
    return [options, ...(others as string[])];
  }
  return rest;
}

export function showInfo(message: string, ...rest: Rest): Thenable<string | undefined> {
  return vscode.window.showInformationMessage(plain(message, 2000), ...(clean(rest) as string[]));
}

export function showWarning(message: string, ...rest: Rest): Thenable<string | undefined> {
  return vscode.window.showWarningMessage(plain(message, 2000), ...(clean(rest) as string[]));
}

export function showError(message: string, ...rest: Rest): Thenable<string | undefined> {
  return vscode.window.showErrorMessage(plain(message, 2000), ...(clean(rest) as string[]));
}
