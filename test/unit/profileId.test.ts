// One default profile id for a pasted credential, and it is OpenClaw's own: `models auth paste-token` / `paste-api-key`
// without `--profile-id` write `<provider>:manual` (dist/auth-api-key-*.mjs, resolveDefaultTokenProfileId, from
// src/commands/models/auth-manual-input.ts). The extension passes the id explicitly, so it must be the same one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultProfileId } from '../../src/openclaw/input';
import { openclawEntry } from '../fixtures/openclaw';

const ROOT = path.resolve(__dirname, '../../..');
const CLI_DIST = path.join(path.dirname(openclawEntry('current')), 'dist');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('default profile id', () => {
  it('is <provider>:manual', () => {
    assert.equal(defaultProfileId('anthropic'), 'anthropic:manual');
  });

  it("is the installed OpenClaw CLI's default for a manual paste", function () {
    const file = fs.existsSync(CLI_DIST) && fs.readdirSync(CLI_DIST).find((f) => /^auth-api-key-.*\.mjs$/.test(f));
    if (!file) this.skip(); // the CLI is installed by scripts/setup-test-host.mjs
    const text = fs.readFileSync(path.join(CLI_DIST, file), 'utf8');
    const m =
      /function resolveDefaultTokenProfileId\(provider\)\s*\{\s*return `\$\{normalizeProviderId\(provider\)\}(:[\w-]+)`/.exec(
        text,
      );
    assert.ok(m, 'resolveDefaultTokenProfileId is where it was');
    assert.equal(defaultProfileId('anthropic'), `anthropic${m[1]}`);
  });

  it('no other source file spells a default profile id of its own', () => {
    const own = sources(path.join(ROOT, 'src')).filter(
      (f) =>
        !f.endsWith(path.join('openclaw', 'input.ts')) &&
        /[}\w]:(default|manual)[`'"]/.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepEqual(
      own.map((f) => path.relative(ROOT, f)),
      [],
    );
  });
});
