// Every warning code the domain can raise has a message in English and in Thai, built from its values.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WARNING_CODES, type Warning } from '../../src/openclaw/types';
import { untranslated, type Translate } from '../../src/ui/format';
import { WARNING_TEXT, warningText } from '../../src/ui/warnings';

const bundle = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.th.json'), 'utf8'),
) as Record<string, string>;
const missing: string[] = [];
const thai: Translate = (message, ...args) => {
  const text = bundle[message];
  if (text === undefined) missing.push(message);
  return untranslated(text ?? message, ...args);
};

const sample = (code: Warning['code']): Warning => ({
  code,
  message: 'ENGLISH SENTENCE FROM THE DOMAIN',
  agent: 'work',
  profileId: 'anthropic:work',
  provider: 'anthropic',
  path: '/h/.openclaw/x.json',
  params: { detail: 'DETAIL', version: '2026.1.0', minimum: '2026.5.0', max: 3, files: '/h/a.json', type: 'weird' },
  ...(code === 'MIGRATION_REQUIRED' ? { blockedProviders: ['anthropic'] } : {}),
});

describe('warnings: one message per code, in both languages', () => {
  it('every code in WARNING_CODES has a renderer, and nothing else does', () => {
    assert.deepEqual(Object.keys(WARNING_TEXT).sort(), [...WARNING_CODES].sort());
  });

  it('renders every code in English from its values, never from the domain sentence', () => {
    for (const code of WARNING_CODES) {
      const text = warningText(sample(code), untranslated);
      assert.ok(text.length > 20 && !text.includes('ENGLISH SENTENCE') && !/\{\d\}/.test(text), `${code}: ${text}`);
    }
    assert.match(warningText(sample('CLI_TOO_OLD'), untranslated), /2026\.1\.0 is older than 2026\.5\.0/);
    assert.match(warningText(sample('MIGRATION_REQUIRED'), untranslated), /refuses anthropic for agent work/);
    assert.match(
      warningText({ ...sample('MIGRATION_REQUIRED'), blockedProviders: undefined }, untranslated),
      /every provider/,
    );
  });

  it('renders every code in Thai, with the same values', () => {
    missing.length = 0;
    for (const code of WARNING_CODES) {
      const w = sample(code);
      const text = warningText(w, thai);
      assert.ok(/[\u0e00-\u0e7f]/.test(text), `${code} has no Thai: ${text}`);
      assert.ok(!/\{\d\}/.test(text), `${code}: ${text}`);
    }
    assert.deepEqual(missing, []);
  });

  it('an unknown code (a newer domain) keeps the domain sentence', () => {
    assert.equal(
      warningText({ ...sample('CLI_MISSING'), code: 'SOMETHING_NEW' as Warning['code'] }, untranslated),
      'ENGLISH SENTENCE FROM THE DOMAIN',
    );
  });
});
