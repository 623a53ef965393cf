import * as assert from 'node:assert/strict';
import type { AuthConfig, StoredCredential } from '../../src/openclaw/model';
import { effectiveOrder } from '../../src/openclaw/order';

const NOW = 1_795_600_000_000;
const s = { store: 'sqlite-shared' as const, storePath: '/x' };
const apiKey: StoredCredential = { type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-FAKE', ...s };
const tok = (expires?: number): StoredCredential => ({
  type: 'token',
  provider: 'anthropic',
  token: 'sk-ant-oat01-FAKE',
  ...(expires ? { expires } : {}),
  ...s,
});
const oa = (expires: number): StoredCredential => ({
  type: 'oauth',
  provider: 'Anthropic',
  access: 'a',
  refresh: 'r',
  expires,
  ...s,
});
const noAuth: AuthConfig = { profiles: {}, order: {} };

describe('effectiveOrder', () => {
  const stored = { 'anthropic:key': apiKey, 'anthropic:tok': tok(NOW + 9e9), 'anthropic:max': oa(NOW + 9e9) };

  it('automatic: oauth < token < api_key, expired OAuth after live OAuth, then least recently used', () => {
    const r = effectiveOrder('anthropic', stored, {}, noAuth, { now: NOW });
    assert.deepEqual(r, {
      order: ['anthropic:max', 'anthropic:tok', 'anthropic:key'],
      orderSource: 'automatic',
      excluded: [],
      eligible: ['anthropic:max', 'anthropic:tok', 'anthropic:key'],
    });
    const two = {
      'anthropic:a': tok(),
      'anthropic:b': tok(),
      'anthropic:old': oa(NOW - 1),
      'anthropic:new': oa(NOW + 9e9),
    };
    const usage = { 'anthropic:a': { lastUsed: 200 }, 'anthropic:b': { lastUsed: 100 } };
    assert.deepEqual(effectiveOrder('anthropic', two, {}, noAuth, { now: NOW, usageStats: usage }).order, [
      'anthropic:new',
      'anthropic:old',
      'anthropic:b',
      'anthropic:a',
    ]);
  });

  it('automatic: profiles in cooldown go last, soonest end first; ineligible ones follow', () => {
    const st = { ...stored, 'anthropic:dead': tok(NOW - 1) };
    const usage = { 'anthropic:max': { cooldownUntil: NOW + 5000 }, 'anthropic:tok': { disabledUntil: NOW + 1000 } };
    const r = effectiveOrder('ANTHROPIC', st, {}, noAuth, { now: NOW, usageStats: usage });
    assert.deepEqual(r.order, ['anthropic:key', 'anthropic:tok', 'anthropic:max', 'anthropic:dead']);
    assert.deepEqual(r.eligible, ['anthropic:key', 'anthropic:tok', 'anthropic:max']);
  });

  it('stored override wins over config order, keeps its sequence and excludes the rest', () => {
    const auth: AuthConfig = { profiles: {}, order: { anthropic: ['anthropic:tok'] } };
    const r = effectiveOrder('anthropic', stored, { Anthropic: ['anthropic:key', 'anthropic:max'] }, auth, {
      now: NOW,
    });
    assert.deepEqual(r, {
      order: ['anthropic:key', 'anthropic:max'],
      orderSource: 'stored',
      excluded: ['anthropic:tok'],
      eligible: ['anthropic:key', 'anthropic:max'],
    });
  });

  it('config auth.order applies without a stored override', () => {
    const auth: AuthConfig = { profiles: {}, order: { anthropic: ['anthropic:key', 'anthropic:tok'] } };
    const r = effectiveOrder('anthropic', stored, { openai: ['openai:x'] }, auth, { now: NOW });
    assert.deepEqual(
      [r.order, r.orderSource, r.excluded],
      [['anthropic:key', 'anthropic:tok'], 'config-order', ['anthropic:max']],
    );
  });

  it('config auth.profiles limits selection to declared profiles, sorted automatically', () => {
    const auth: AuthConfig = {
      profiles: {
        'anthropic:key': { provider: 'anthropic', mode: 'api_key' },
        'anthropic:tok': { provider: 'anthropic', mode: 'token' },
        'openai:x': { provider: 'openai', mode: 'api_key' },
      },
      order: {},
    };
    const r = effectiveOrder('anthropic', stored, {}, auth, { now: NOW });
    assert.deepEqual(
      [r.order, r.orderSource, r.excluded],
      [['anthropic:tok', 'anthropic:key'], 'config-profiles', ['anthropic:max']],
    );
  });

  it('a mode mismatch between config and store makes the profile ineligible', () => {
    const auth: AuthConfig = {
      profiles: {
        'anthropic:key': { provider: 'anthropic', mode: 'token' },
        'anthropic:tok': { provider: 'anthropic', mode: 'oauth' },
      },
      order: {},
    };
    const r = effectiveOrder('anthropic', stored, {}, auth, { now: NOW });
    assert.deepEqual(r.eligible, ['anthropic:tok']);
    assert.deepEqual(r.order, ['anthropic:tok', 'anthropic:key']);
  });

  it('an explicit empty order selects nothing and excludes every stored profile', () => {
    const r = effectiveOrder('anthropic', stored, { anthropic: [] }, noAuth, { now: NOW });
    assert.deepEqual(r, { order: [], orderSource: 'stored', excluded: Object.keys(stored), eligible: [] });
  });

  it('a stored order naming nothing stored is repaired to automatic selection', () => {
    const r = effectiveOrder('anthropic', stored, { anthropic: ['anthropic:gone'] }, noAuth, { now: NOW });
    assert.deepEqual(
      [r.orderSource, r.order, r.excluded],
      ['automatic', ['anthropic:max', 'anthropic:tok', 'anthropic:key'], []],
    );
  });
});
