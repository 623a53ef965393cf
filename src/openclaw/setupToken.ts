// Reading the setup-token `claude setup-token` prints, from a terminal's raw output stream.
// The shape is OpenClaw's own check (`validateAnthropicSetupToken` in dist/provider-auth-token-*.mjs,
// src/plugins/provider-auth-token.ts): the `sk-ant-oat01-` prefix and at least 80 characters.

import { stripAnsi } from './mask';
import { ANTHROPIC_SETUP_TOKEN_MIN_LENGTH, ANTHROPIC_SETUP_TOKEN_PREFIX } from './input';

const TOKEN_CHAR = /[A-Za-z0-9_-]/;

/** Columns a physical line takes; the token lines are ASCII, so code points are close enough. */
function width(line: string): number {
  return Array.from(line).length;
}

function tokenRunLength(line: string, from: number): number {
  let end = from;
  while (end < line.length && TOKEN_CHAR.test(line.charAt(end))) end++;
  return end - from;
}

/**
 * The last setup-token in `output`, or undefined when there is none or the last one may be cut.
 * A token wrapped by the program at the terminal width continues at column 0 of the next line
 * and is joined only then: the line it is on must be exactly `columns` wide. A wrap whose next
 * line is indented (a box or a padded layout) cannot be joined safely, so that token is refused.
 */
export function extractSetupToken(output: string, columns = 80): string | undefined {
  // A lone CR returns the cursor to column 0: what follows is a new physical line as far as wrapping goes.
  const lines = stripAnsi(output).split(/\r\n|\n|\r/);
  let last: string | undefined;
  lines.forEach((line, row) => {
    for (
      let at = line.indexOf(ANTHROPIC_SETUP_TOKEN_PREFIX);
      at >= 0;
      at = line.indexOf(ANTHROPIC_SETUP_TOKEN_PREFIX, at + 1)
    ) {
      if (at > 0 && TOKEN_CHAR.test(line.charAt(at - 1))) continue; // inside a longer word
      last = readToken(lines, row, at, columns);
    }
  });
  return last || undefined;
}

/** The token starting at `lines[row][col]`, or '' when it is too short or may be cut. */
function readToken(lines: readonly string[], row: number, col: number, columns: number): string {
  let token = '';
  for (let line = lines[row] ?? '', start = col; ;) {
    const end = start + tokenRunLength(line, start);
    token += line.slice(start, end);
    if (end < line.length) {
      // Something else follows on the same line: the token ends here, unless it is shown shortened.
      const rest = line.slice(end);
      return rest.startsWith('…') || rest.startsWith('...') ? '' : valid(token);
    }
    // The token reaches the end of its physical line: joined only when the program wrapped it there.
    const following = lines[row + 1];
    if (width(line) !== columns || !following) return valid(token);
    if (TOKEN_CHAR.test(following.charAt(0))) {
      row += 1;
      line = following;
      start = 0;
      continue;
    }
    // An indented continuation: the wrap may have cut the token, and the next line may or may not be part of it.
    return /^\s+[A-Za-z0-9_-]/.test(following) ? '' : valid(token);
  }
}

function valid(token: string): string {
  return token.length >= ANTHROPIC_SETUP_TOKEN_MIN_LENGTH ? token : '';
}
