// Secrets never leave in clear: the log redactor, the scan the integration runner applies to
// everything VS Code wrote, and shell quoting of ids typed by people (terminal injection).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskSecret, redact } from '../../../src/openclaw/mask';
import { tmp } from './helpers';

const SCAN = path.resolve(__dirname, '../../../../scripts/scan-secrets.mjs');
const OAT = 'sk-ant-oat01-FAKE-log-'.padEnd(100, 'Q');
const API = 'sk-ant-api03-FAKE-logkey-0123456789abcdefghij';
const OR = 'sk-or-v1-FAKE0123456789abcdef0123456789abcdef';

describe('reliability: secrets', function () {
  this.timeout(20_000);

  it('secrets: redact() masks tokens in log lines, known and secret-shaped alike', () => {
    const lines = [
      `pasting ${OAT} for anthropic:work`,
      `error: key ${API} rejected`,
      `openrouter said "${OR}" was invalid`,
      `two: ${OAT} and ${API}`,
    ];
    for (const line of lines) {
      const out = redact(line, [OAT]);
      for (const s of [OAT, API, OR]) assert.ok(!out.includes(s), `${s.slice(0, 12)} leaked: ${out}`);
      assert.match(out, /\.\.\./);
    }
    assert.equal(redact('no secret, anthropic:manual ok'), 'no secret, anthropic:manual ok');
    assert.equal(redact(`x ${OAT} y`), `x sk-ant-o...QQQQQQQQ y`);
  });

  it('secrets: scan-secrets.mjs finds a clear secret anywhere (text, binary, nested), prints file:line masked, exits 1', () => {
    const dir = tmp('scan');
    fs.mkdirSync(path.join(dir, 'logs/exthost'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'logs/exthost/output.log'),
      `line one\nmasked sk-ant-o...QQQQQQQQ is fine\nleak ${OAT}\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'state.vscdb'),
      Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(OR), Buffer.from([0])]),
    );
    const r = spawnSync(process.execPath, [SCAN, dir], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /output\.log:3: secret in clear: sk-ant-o\.\.\.QQQQQQQQ/);
    assert.match(r.stdout, /state\.vscdb:1: secret in clear: sk-or-v1\.\.\./);
    assert.ok(!r.stdout.includes(OAT) && !r.stdout.includes(OR), 'the scanner printed a secret');
    assert.match(r.stdout, /\d+ bytes in 2 files scanned, 2 secret\(s\) found/);
    fs.writeFileSync(path.join(dir, 'logs/exthost/output.log'), 'masked sk-ant-o...QQQQQQQQ only\n');
    fs.rmSync(path.join(dir, 'state.vscdb'));
    const clean = spawnSync(process.execPath, [SCAN, dir], { encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stdout);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('secrets: Google, GitHub, xAI and Groq keys are masked by redact() (even split over lines when known) and caught by scan-secrets.mjs in clear', () => {
    const body = (n: number) => 'Zq8Wm3Xv'.repeat(12).slice(0, n);
    const keys = [
      `AIzaFAKE${body(31)}`,
      `ghp_FAKE${body(32)}`,
      `gho_FAKE${body(32)}`,
      `github_pat_FAKE${body(18)}_${body(59)}`,
      `xai-FAKE${body(76)}`,
      `gsk_FAKE${body(48)}`,
    ];
    const dir = tmp('shapes');
    const file = path.join(dir, 'output.log');
    fs.writeFileSync(file, keys.map((k) => `provider said ${k} is invalid\n`).join(''));
    const r = spawnSync(process.execPath, [SCAN, dir], { encoding: 'utf8' });
    assert.equal(r.status, 1, 'the scanner missed a clear key');
    assert.match(r.stdout, new RegExp(`${keys.length} secret\\(s\\) found`));
    assert.ok(
      keys.every((k) => !r.stdout.includes(k)),
      'the scanner printed a key',
    );
    const log = keys.map((k, i) => redact(`provider said ${k} is invalid`, i % 2 ? [k] : [])).join('\n');
    const split = keys.map((k) => redact(`rejected ${k.slice(0, 9)}\r\n  ${k.slice(9)}\n`, [`${k}\n`])).join('');
    fs.writeFileSync(file, `${log}\n${split}`);
    const clean = spawnSync(process.execPath, [SCAN, dir], { encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stdout);
    for (const k of keys)
      assert.ok(
        log.includes(maskSecret(k)) && split.includes(maskSecret(k)),
        `${maskSecret(k)} not masked like the CLI`,
      );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
