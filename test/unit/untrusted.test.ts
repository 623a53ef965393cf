// Untrusted text (ids, reasons, CLI errors) must not form a link, a codicon or a direction change anywhere the
// extension shows it, and ids outside OpenClaw's grammar must never reach a process.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isValidId, requireValidId, UnsafeIdError } from '../../src/openclaw/ids';
import { plain } from '../../src/openclaw/untrusted';
import { effectiveValue } from '../../src/ui/settingsTrust';
import { must } from '../fixtures/must';

// VS Code 1.100 src/vs/base/common/linkedText.ts: what a notification turns into a link.
const LINKED_TEXT = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
// src/vs/base/common/iconLabels.ts: what a label with icon support turns into a codicon.
const CODICON = /\$\(([a-z0-9-]+?(?:~[a-z0-9-]*?)?)\)/gi;

const HOSTILE = [
  'anthropic:work [Re-authenticate now](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  'x [a](https://evil.example/) y [b](file:///etc/passwd "t")',
  'anthropic:$(alert) $(sync~spin)',
  'openai:\u202eexe.cod\u202c',
  'a\nb\r[c](command:x)',
  '[a]\t(command:x)',
  '[a]\u200b(command:x)',
];

describe('untrusted text', () => {
  it('plain(): hostile ids form no notification link and no codicon', () => {
    for (const id of HOSTILE) {
      const out = plain(id);
      assert.equal([...out.matchAll(LINKED_TEXT)].length, 0, JSON.stringify(out));
      assert.equal([...out.matchAll(CODICON)].length, 0, JSON.stringify(out));
      // eslint-disable-next-line no-control-regex
      assert.ok(!/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200b]/.test(out), JSON.stringify(out));
    }
    // The raw ids would have formed one: the check above can fail.
    assert.ok([...must(HOSTILE[0], 'HOSTILE[0]').matchAll(LINKED_TEXT)].length > 0);
  });

  it('plain(): for any text, nothing link- or icon-shaped survives and ordinary ids are unchanged', () => {
    const piece = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      '$',
      'command:',
      'https://',
      'file:',
      ' ',
      '\n',
      '\u202e',
      'a',
      ':',
      '~',
      '"',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const out = plain(parts.join(''));
        return [...out.matchAll(LINKED_TEXT)].length === 0 && [...out.matchAll(CODICON)].length === 0;
      }),
      { numRuns: 2000 },
    );
    for (const id of [
      'anthropic:default',
      'openai-codex:owner+work@example.com',
      'openrouter:oauth',
      'anthropic:setup-1b2c',
    ])
      assert.equal(plain(id), id);
  });

  it('plain(): long text is capped with an ellipsis', () => {
    assert.equal(plain('x'.repeat(1000), 10), `${'x'.repeat(9)}…`);
  });

  it("ids: OpenClaw's own ids pass; shell- and link-shaped ids are refused before any process", () => {
    for (const id of [
      'anthropic:default',
      'anthropic:manual',
      'openai-codex:owner+work@example.com',
      'github-copilot:github',
      'anthropic:setup-3f2c9a7e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
      'minimax-portal:oauth-cn',
      'openrouter:oauth',
    ]) {
      assert.ok(isValidId('profile', id), id);
    }
    const refused = [
      "openai-codex:me\\';touch pwned;#",
      'anthropic:a;touch x',
      'anthropic:$(touch x)',
      'anthropic:`id`',
      '=anthropic:x',
      'anthropic:x\u2019;touch x',
      'anthropic:x y',
      'anthropic:x\nrm',
      '-anthropic:x',
      'anthropic',
      ':x',
      'anthropic:work [a](command:x)',
    ];
    for (const id of refused) assert.equal(isValidId('profile', id), false, JSON.stringify(id));
    assert.ok(
      isValidId('agent', 'main') &&
        isValidId('agent', 'work_2') &&
        !isValidId('agent', 'a b') &&
        !isValidId('agent', '-x') &&
        !isValidId('agent', 'x'.repeat(65)),
    );
    assert.ok(
      isValidId('provider', 'anthropic') && isValidId('provider', 'amazon-bedrock') && !isValidId('provider', 'a;b'),
    );
    assert.throws(
      () => requireValidId('profile', 'anthropic:$(x)'),
      (e: unknown) => e instanceof UnsafeIdError && !e.message.includes('$('),
    );
  });

  it('settings trust: an untrusted workspace cannot hide warnings or retarget commands; a trusted one may', () => {
    const layers = { defaultValue: 24, globalValue: 48, workspaceValue: 0 };
    assert.equal(effectiveValue(layers, 'trusted-workspace', false), 48);
    assert.equal(effectiveValue({ defaultValue: 24, workspaceValue: 0 }, 'trusted-workspace', false), undefined);
    assert.equal(effectiveValue(layers, 'trusted-workspace', true), 0);
    assert.equal(effectiveValue({ ...layers, workspaceFolderValue: 6 }, 'trusted-workspace', true), 6);
    assert.equal(
      effectiveValue({ globalValue: '/usr/bin/openclaw', workspaceValue: '/tmp/evil' }, 'user', true),
      '/usr/bin/openclaw',
    );
    assert.equal(effectiveValue({ globalValue: '/usr/bin/openclaw' }, 'user', false), undefined);
  });

  it('the UI shows notifications only through messages.ts and builds no shell text', () => {
    const root = path.resolve(__dirname, '../../../src');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of fs.readdirSync(dir)) {
        const full = path.join(dir, name);
        if (fs.statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts')) {
          const text = fs.readFileSync(full, 'utf8');
          const rel = path.relative(root, full);
          if (rel !== path.join('ui', 'messages.ts') && /window\.show(Information|Warning|Error)Message\(/.test(text))
            offenders.push(`${rel}: direct notification`);
          if (/\.sendText\(|shellQuote|powershellQuote/.test(text)) offenders.push(`${rel}: shell text`);
        }
      }
    };
    walk(root);
    assert.deepEqual(offenders, []);
  });
});
