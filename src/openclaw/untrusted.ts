// Text that other programs and people control (ids, names, reasons and paths from OpenClaw's stores and
// config, the CLI's error output) passes through `plain()` before it enters any message, label, tooltip or
// quick-pick item, so that it shows as the characters it is and nothing else.
//
// What would otherwise form (VS Code 1.100):
// - notifications turn `[label](command:…)`, `[label](https://…)` and `[label](file:…)` into links
//   (src/vs/base/common/linkedText.ts, `parseLinkedText`);
// - quick-pick labels, descriptions and details, and status-bar text render `$(icon)` codicons;
// - bidirectional overrides and control characters can make one id look like another.
// The extension's own messages never use either syntax, so they are unaffected.

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LINE_BREAKS = /[\r\n\t\u2028\u2029]+/g;

/**
 * One line of text that can form no link, codicon, markdown or direction change. Link syntax is broken
 * by a space between `]` and `(`; a codicon by a space between `$` and `(`. `max` caps the length
 * (an ellipsis marks the cut) so a hostile store cannot fill the screen.
 */
export function plain(value: unknown, max = 500): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value may come: an Error's toString is wanted
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  let out = text
    .replace(LINE_BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(/\]\s*\(/g, '] (')
    .replace(/\$\(/g, '$ (');
  if (out.length > max) out = `${out.slice(0, Math.max(0, max - 1))}…`;
  return out;
}
