import * as assert from 'node:assert/strict';
import { maskSecret, redact } from '../../src/openclaw/mask';

describe('maskSecret', () => {
  it('matches the CLI labels', () => {
    assert.equal(maskSecret('sk-ant-api03-FAKEAPIKEY-0123456789abcdef'), 'sk-ant-a...89abcdef');
    assert.equal(maskSecret('sk-or-FAKE'), 'sk...KE');
    assert.equal(maskSecret('  \u0007sk-ant-api03-FAKEAPIKEY-0123456789abcdef\n'), 'sk-ant-a...89abcdef');
    assert.equal(maskSecret('abcdef'), 'a...f');
    assert.equal(maskSecret('abcdefg'), 'ab...fg');
    assert.equal(maskSecret('0123456789abcdef'), '01...ef');
    assert.equal(maskSecret('0123456789abcdefg'), '01234567...9abcdefg');
    assert.equal(maskSecret(''), 'missing');
    assert.equal(maskSecret('  \t '), 'missing');
    assert.equal(maskSecret(undefined), 'missing');
  });

  it('never splits a surrogate pair', () => {
    // 7 units then an emoji across the 8-unit edge.
    const m = maskSecret('abcdefg\u{1F600}xxxxxxxxxxxxxxx');
    assert.equal(m.startsWith('abcdefg...'), true);
    assert.equal(maskSecret('xxxxxxxxxxxxxxxxx\u{1F600}abcdefg').endsWith('...abcdefg'), true);
  });
});

describe('redact', () => {
  it('replaces known secrets and secret-shaped strings', () => {
    const secret = 'my-very-private-value-123';
    const out = redact(`failed for ${secret} and sk-ant-oat01-FAKE-abcdefgh12345678 and sk-proj0123456789abcdefXYZ`, [secret]);
    assert.equal(out.includes(secret), false);
    assert.equal(out.includes('FAKE-abcdefgh12345678'), false);
    assert.equal(out.includes('sk-proj0123456789abcdefXYZ'), false);
    assert.match(out, /my-very-\.\.\.alue-123/);
    assert.match(out, /sk-ant-o\.\.\.12345678/);
    assert.equal(redact('no secrets here, sk-short'), 'no secrets here, sk-short');
  });
});
