// The extension's own runtime strings in the language the person chose with `openclawAuth.language`.
// VS Code has no Thai language pack, so its display language can hardly ever be Thai: `th` loads the Thai
// bundle here and translates with @vscode/l10n; `en` shows the English source strings; `auto` follows VS Code.
// (Manifest strings — command titles, setting descriptions — follow VS Code's display language only.)

import fs = require('node:fs');
import l10n = require('@vscode/l10n');
import vscode = require('vscode');

export type Language = 'auto' | 'en' | 'th';

let active: Language = 'auto';

/** Switches every later `t()` call; `bundleDir` is the extension's `l10n/` folder. */
export function useLanguage(language: Language, bundleDir: string): void {
  if (language === 'th') {
    try {
      const contents = JSON.parse(fs.readFileSync(`${bundleDir}/bundle.l10n.th.json`, 'utf8')) as Record<
        string,
        string
      >;
      l10n.config({ contents });
      active = 'th';
      return;
    } catch {
      // The bundle ships with the extension; without it the English strings are the honest fallback.
      language = 'en';
    }
  }
  if (language === 'en') l10n.config({ contents: {} });
  active = language;
}

export function currentLanguage(): Language {
  return active;
}

/** Translates an extension string, like `vscode.l10n.t`, in the chosen language. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  return active === 'auto' ? vscode.l10n.t(message, ...args) : l10n.t(message, ...args);
}
