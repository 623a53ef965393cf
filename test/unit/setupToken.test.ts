// The setup-token read from `claude setup-token`'s terminal output. The outputs are shaped like the
// real ones (Ink prints through a PTY: CRLF, wraps long words at the terminal width, colours, and
// VS Code's shell integration adds OSC 633 marks; zsh and fish send OSC 7 ended by ST).
// Tokens are fake, built here, and never printed: a failure shows a masked form and the length.
import * as assert from 'node:assert/strict';
import { maskSecret } from '../../src/openclaw/mask';
import { extractSetupToken } from '../../src/openclaw/setupToken';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function fakeToken(seed: number, bodyLength = 91): string {
  let body = '';
  for (let i = 0; i < bodyLength; i++) body += ALPHABET[(i * 7 + seed * 13 + 3) % ALPHABET.length];
  // 13 + 4 + 91 = 108 characters, the length of the tokens Claude prints.
  return `sk-ant-oat01-FAKE${body}`;
}
const TOKEN = fakeToken(1);
const OTHER = fakeToken(2);

function shown(value: string | undefined): string {
  return value === undefined ? 'undefined' : `${maskSecret(value)} (${value.length} chars)`;
}
function expectToken(got: string | undefined, want: string | undefined): void {
  assert.ok(got === want, `got ${shown(got)}, expected ${shown(want)}`);
}

const HEADER =
  '\u001b]633;C\u0007\u001b[?25l\u001b[32m✓\u001b[39m Long-lived authentication token created successfully!\r\n\r\nYour OAuth token (valid for 1 year):\r\n\r\n';
const PROMPT = '\u001b]633;D;0\u0007\u001b]633;A\u0007me@box:~$ \u001b]633;B\u0007';

describe('setup-token: read from terminal output', () => {
  it('CRLF line endings, then the advice and a prompt', () => {
    const out = `${HEADER}${TOKEN}\r\n\r\nStore this token securely. You won't be able to see it again.\r\n\r\n${PROMPT}`;
    expectToken(extractSetupToken(out, 120), TOKEN);
  });

  it('"Store this token securely." right on the next line is not glued to the token', () => {
    expectToken(extractSetupToken(`${HEADER}${TOKEN}\r\nStore this token securely.\r\n`, 120), TOKEN);
    expectToken(extractSetupToken(`${HEADER}${TOKEN}\nStore this token securely.\n`, 120), TOKEN);
  });

  it('followed by a prompt ($ ) on the next line', () => {
    expectToken(extractSetupToken(`${HEADER}${TOKEN}\r\n$ `, 80), TOKEN);
    expectToken(extractSetupToken(`${HEADER}${TOKEN}\r\n${PROMPT}`, 80), TOKEN);
  });

  it('wrapped by the program at 80 columns (continues at column 0)', () => {
    const out = `${HEADER}${TOKEN.slice(0, 80)}\r\n${TOKEN.slice(80)}\r\n\r\nStore this token securely.\r\n${PROMPT}`;
    expectToken(extractSetupToken(out, 80), TOKEN);
    expectToken(extractSetupToken(out), TOKEN);
  });

  it('wrapped at 120 columns after text on the same line, advice glued on the next line', () => {
    const lead = 'Use this token by setting: export CLAUDE_CODE_OAUTH_TOKEN=';
    const first = `${lead}${TOKEN.slice(0, 120 - lead.length)}`;
    assert.equal(first.length, 120);
    const out = `${HEADER}${first}\r\n${TOKEN.slice(120 - lead.length)}\r\nStore this token securely.\r\n`;
    expectToken(extractSetupToken(out, 120), TOKEN);
  });

  it('a line that is not exactly the terminal width is never joined with the next one', () => {
    // 108 characters in a 120-column terminal: "Store" on the next line is a new line, not the token's end.
    expectToken(extractSetupToken(`${TOKEN}\r\nStorethistokensecurely\r\n`, 120), TOKEN);
  });

  it('an indented wrap is not joined: the token that may be cut is refused', () => {
    // A padded layout in a 100-column terminal: 4 spaces, 96 token characters, the rest indented below.
    const out = `${HEADER}    ${TOKEN.slice(0, 96)}\r\n    ${TOKEN.slice(96)}\r\n\r\n${PROMPT}`;
    expectToken(extractSetupToken(out, 100), undefined);
    // Indented but whole (the line is shorter than the terminal): taken.
    expectToken(extractSetupToken(`${HEADER}    ${TOKEN}\r\n\r\n${PROMPT}`, 120), TOKEN);
  });

  it('ANSI colours around it and an OSC 7 ended by ST before it', () => {
    const out = `\u001b]7;file://box/home/me\u001b\\${HEADER}\u001b[1m\u001b[38;2;215;119;87m${TOKEN}\u001b[39m\u001b[22m\r\n\r\n${PROMPT}`;
    expectToken(extractSetupToken(out, 120), TOKEN);
  });

  it('two tokens: the last one', () => {
    const out = `${HEADER}${TOKEN}\r\n\r\n${PROMPT}claude setup-token\r\n${HEADER}${OTHER}\r\n\r\n${PROMPT}`;
    expectToken(extractSetupToken(out, 120), OTHER);
  });

  it('nothing usable: no token, too short, shown shortened', () => {
    expectToken(extractSetupToken(`${HEADER}Error: login failed\r\n${PROMPT}`), undefined);
    expectToken(extractSetupToken(`${HEADER}${TOKEN.slice(0, 60)}\r\n${PROMPT}`), undefined);
    expectToken(extractSetupToken(`Saved ${TOKEN.slice(0, 90)}… to the keychain\r\n`), undefined);
    expectToken(extractSetupToken(''), undefined);
  });
});
