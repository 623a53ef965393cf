import * as assert from 'node:assert/strict';
import { formatRemainingShort, profileHealth, providerHealth, usageHealth } from '../../src/openclaw/health';
import type { StoredCredential } from '../../src/openclaw/model';

const NOW = 1_795_600_000_000;
const DAY = 86_400_000;
const base = { store: 'sqlite-shared' as const, storePath: '/x/openclaw.sqlite' };
const token = (extra: Partial<StoredCredential>): StoredCredential => ({
  type: 'token',
  provider: 'anthropic',
  token: 'sk-ant-oat01-FAKE-token',
  ...base,
  ...extra,
});
const oauth = (extra: Partial<StoredCredential>): StoredCredential => ({
  type: 'oauth',
  provider: 'anthropic',
  access: 'FAKE-access',
  refresh: 'FAKE-refresh',
  ...base,
  ...extra,
});
const fence = (claim: string, failed = false): Partial<StoredCredential> => ({
  access: `openclaw-oauth-refresh-fence:v1:${claim}:${failed ? 'failed:' : ''}access:${'a'.repeat(64)}`,
  refresh: `openclaw-oauth-refresh-fence:v1:${claim}:${failed ? 'failed:' : ''}refresh:${'b'.repeat(64)}`,
  expires: 1,
});

describe('profileHealth', () => {
  it('api_key is static, or missing without key and keyRef', () => {
    assert.equal(
      profileHealth({ type: 'api_key', provider: 'openrouter', key: 'sk-or-FAKE', ...base }, NOW, DAY).health,
      'static',
    );
    assert.equal(
      profileHealth({ type: 'api_key', provider: 'openrouter', hasKeyRef: true, ...base }, NOW, DAY).health,
      'static',
    );
    const h = profileHealth({ type: 'api_key', provider: 'openrouter', key: '  ', ...base }, NOW, DAY);
    assert.deepEqual([h.health, h.reasonCode], ['missing', 'missing_credential']);
  });

  it('token without expires is static', () => {
    assert.deepEqual(profileHealth(token({}), NOW, DAY), { health: 'static', eligible: true });
  });

  it('token expiring exactly at the window edge is expiring; one ms more is ok', () => {
    assert.equal(profileHealth(token({ expires: NOW + DAY }), NOW, DAY).health, 'expiring');
    const ok = profileHealth(token({ expires: NOW + DAY + 1 }), NOW, DAY);
    assert.equal(ok.health, 'ok');
    assert.equal(ok.expiresAt, NOW + DAY + 1);
  });

  it('token with remaining 0 or negative is expired (reason expired), keeping the stored expiry', () => {
    for (const expires of [NOW, NOW - 1, NOW - 30 * DAY]) {
      const h = profileHealth(token({ expires }), NOW, DAY);
      assert.deepEqual([h.health, h.reasonCode, h.expiresAt], ['expired', 'expired', expires]);
    }
  });

  it('a window of 0 never reports expiring', () => {
    assert.equal(profileHealth(token({ expires: NOW + 1000 }), NOW, 0).health, 'ok');
  });

  it('seconds stored as ms is expired and flagged', () => {
    const h = profileHealth(token({ expires: 1_795_600_000 }), NOW, DAY);
    assert.equal(h.health, 'expired');
    assert.equal(h.expiryLooksLikeSeconds, true);
    assert.equal(profileHealth(token({ expires: NOW + 2 * DAY }), NOW, DAY).expiryLooksLikeSeconds, undefined);
  });

  it('invalid expiry (> 8.64e15, non-finite, 0 after normalisation, string) is missing + invalid_expires', () => {
    for (const extra of [
      { expires: 8.64e15 + 1 },
      { expires: Infinity },
      { expires: 0 },
      { expires: -5 },
      { expiresRaw: '2026-12-01' },
    ]) {
      const h = profileHealth(token(extra), NOW, DAY);
      assert.deepEqual([h.health, h.reasonCode], ['missing', 'invalid_expires'], JSON.stringify(extra));
      assert.equal(h.expiresAt, undefined);
    }
    assert.equal(profileHealth(token({ expires: 8.64e15 }), NOW, DAY).health, 'ok');
  });

  it('token without a secret is missing_credential', () => {
    const h = profileHealth(token({ token: undefined }), NOW, DAY);
    assert.deepEqual([h.health, h.reasonCode], ['missing', 'missing_credential']);
  });

  it('oauth uses max(window, 5 min) and reports refreshable', () => {
    assert.equal(profileHealth(oauth({ expires: NOW + 2 * 3_600_000 }), NOW, DAY).health, 'expiring');
    assert.equal(profileHealth(oauth({ expires: NOW + 3 * DAY }), NOW, DAY).health, 'ok');
    assert.equal(profileHealth(oauth({ expires: NOW + 4 * 60_000 }), NOW, 60_000).health, 'expiring');
    assert.equal(profileHealth(oauth({ expires: NOW + 6 * 60_000 }), NOW, 60_000).health, 'ok');
    const expired = profileHealth(oauth({ expires: NOW - 3_600_000 }), NOW, DAY);
    assert.deepEqual([expired.health, expired.refreshable, expired.eligible], ['expired', true, true]);
    assert.equal(profileHealth(oauth({ refresh: undefined, expires: NOW + 3 * DAY }), NOW, DAY).refreshable, false);
  });

  it('oauth without access and refresh is missing', () => {
    const h = profileHealth(oauth({ access: '', refresh: undefined, expires: NOW + DAY * 3 }), NOW, DAY);
    assert.deepEqual([h.health, h.reasonCode], ['missing', 'missing_credential']);
  });

  it('the refresh fence is expired + refreshing; a failed fence is not refreshing', () => {
    const pending = profileHealth(oauth(fence('c'.repeat(32))), NOW, DAY);
    assert.deepEqual([pending.health, pending.refreshing, pending.eligible], ['expired', true, false]);
    const failed = profileHealth(oauth(fence('c'.repeat(32), true)), NOW, DAY);
    assert.equal(failed.health, 'expired');
    assert.equal(failed.refreshing, undefined);
    // expires 1 without the fence shape is just an expired OAuth credential.
    assert.equal(profileHealth(oauth({ expires: 1 }), NOW, DAY).refreshing, undefined);
  });
});

describe('usageHealth', () => {
  it('keeps only windows still in the future', () => {
    const u = usageHealth(
      {
        cooldownUntil: NOW + 1000,
        cooldownReason: 'rate_limit',
        disabledUntil: NOW - 1,
        disabledReason: 'billing',
        blockedUntil: NOW + 5,
        blockedReason: 'subscription_limit',
      },
      NOW,
    );
    assert.deepEqual(u, {
      cooldownUntil: NOW + 1000,
      cooldownReason: 'rate_limit',
      blockedUntil: NOW + 5,
      blockedReason: 'subscription_limit',
    });
    assert.deepEqual(usageHealth({ cooldownUntil: NOW }, NOW), {});
    assert.deepEqual(usageHealth(undefined, NOW), {});
  });
});

describe('providerHealth', () => {
  it('rolls up expired > missing > expiring > ok; api keys alone are static', () => {
    assert.equal(
      providerHealth([
        { type: 'token', health: 'ok' },
        { type: 'oauth', health: 'expired' },
        { type: 'token', health: 'missing' },
      ]),
      'expired',
    );
    assert.equal(
      providerHealth([
        { type: 'token', health: 'expiring' },
        { type: 'token', health: 'missing' },
      ]),
      'missing',
    );
    assert.equal(
      providerHealth([
        { type: 'token', health: 'ok' },
        { type: 'oauth', health: 'expiring' },
      ]),
      'expiring',
    );
    assert.equal(providerHealth([{ type: 'token', health: 'static' }]), 'ok');
    assert.equal(providerHealth([{ type: 'api_key', health: 'static' }]), 'static');
    assert.equal(
      providerHealth([
        { type: 'api_key', health: 'missing' },
        { type: 'api_key', health: 'static' },
      ]),
      'missing',
    );
    assert.equal(
      providerHealth([
        { type: 'api_key', health: 'static' },
        { type: 'token', health: 'ok' },
      ]),
      'ok',
    );
    assert.equal(providerHealth([]), 'missing');
  });
});

describe('formatRemainingShort', () => {
  it('matches the CLI', () => {
    assert.equal(formatRemainingShort(undefined), 'unknown');
    assert.equal(formatRemainingShort(-5), '0m');
    assert.equal(formatRemainingShort(0), '0m');
    assert.equal(formatRemainingShort(20_000), '1m');
    assert.equal(formatRemainingShort(29_999, { underMinuteLabel: '<1m' }), '<1m');
    assert.equal(formatRemainingShort(30_000), '1m');
    assert.equal(formatRemainingShort(59 * 60_000), '59m');
    assert.equal(formatRemainingShort(3_600_000), '1h');
    assert.equal(formatRemainingShort(7_198_804), '2h');
    assert.equal(formatRemainingShort(47 * 3_600_000), '47h');
    assert.equal(formatRemainingShort(48 * 3_600_000), '2d');
    assert.equal(formatRemainingShort(259_198_773), '3d');
  });
});
