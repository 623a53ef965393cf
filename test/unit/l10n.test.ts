// Every user-facing string has a Thai translation: runs scripts/l10n-check.mjs on the repo, and on a
// small temp project to prove the check fails when a string or a %key% is missing.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'l10n-check.mjs');

function check(root: string) {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oca-l10n-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('l10n', () => {
  it('the repository has Thai for every l10n.t string and both nls files for every %key%', () => {
    const r = check(ROOT);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /l10n: \d+ messages in src\/, \d+ manifest keys, 0 problem/);
  });

  it('fails naming a missing translation, a missing %key%, a placeholder mismatch and a template literal', () => {
    const dir = project({
      'src/a.ts': [
        "vscode.l10n.t('Saved {0}.', id);",
        "t('Not translated');",
        'l10n.t("It\\\'s {0}", x);',
        'vscode.l10n.t(`bad ${x}`);',
        "other.t('ignored: not l10n');",
      ].join('\n'),
      'l10n/bundle.l10n.th.json': JSON.stringify({ 'Saved {0}.': 'บันทึกแล้ว', "It's {0}": 'คือ {0}' }),
      'package.json': JSON.stringify({
        contributes: { commands: [{ title: '%command.a%' }, { title: '%command.b%' }] },
      }),
      'package.nls.json': JSON.stringify({ 'command.a': 'A', 'command.b': 'B' }),
      'package.nls.th.json': JSON.stringify({ 'command.a': 'ก' }),
    });
    const r = check(dir);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /src\/a\.ts:2: missing from l10n\/bundle\.l10n\.th\.json: "Not translated"/);
    assert.match(r.out, /placeholders differ in Thai for "Saved \{0\}\."/);
    assert.match(r.out, /template literal/);
    assert.match(r.out, /%command\.b% missing from package\.nls\.th\.json/);
    assert.doesNotMatch(r.out, /It's \{0\}.*missing/);
    assert.doesNotMatch(r.out, /ignored: not l10n/);
    assert.match(r.out, /4 problem\(s\)/);
  });
});
