// The rules behind the status bar, badge, notifications and tree (src/openclaw/attention.ts, health.ts' roll-up):
// plain data in, codes and values out, no words.
import * as assert from 'node:assert/strict';
import { CLAUDE_CLI_ID, nextThreshold, selfRefreshing, storesUnread, summarize } from '../../src/openclaw/attention';
import { needsAttention, providerHealth, worstHealth } from '../../src/openclaw/health';
import type { Health, Snapshot } from '../../src/openclaw/types';
import { attentionLabel, summaryWords, untranslated as t } from '../../src/ui/format';

import { H, NOW, profile, snapshot } from '../fixtures/snapshots';

describe('openclaw/attention and the health roll-up', () => {
  it('worstHealth follows OpenClaw roll-up order; unknown sits above ok and below a known problem', () => {
    assert.equal(worstHealth(['ok', 'static', 'expiring']), 'expiring');
    assert.equal(worstHealth(['expiring', 'missing']), 'missing');
    assert.equal(worstHealth(['missing', 'expired', 'ok']), 'expired');
    assert.equal(worstHealth(['static', 'ok']), 'ok');
    assert.equal(worstHealth(['static']), 'static');
    assert.equal(worstHealth(['ok', 'unknown']), 'unknown');
    assert.equal(worstHealth(['unknown', 'expiring']), 'expiring');
    assert.equal(worstHealth([undefined]), undefined);
  });

  it('providerHealth is the same order over OAuth and tokens; api keys count only when missing', () => {
    const p = (type: string, health: Health) => ({ type, health });
    assert.equal(providerHealth([]), 'missing', 'nothing ⇒ missing');
    assert.equal(providerHealth([p('api_key', 'static')]), 'static', 'api keys alone ⇒ static');
    assert.equal(providerHealth([p('api_key', 'missing'), p('api_key', 'static')]), 'missing');
    assert.equal(providerHealth([p('token', 'static'), p('oauth', 'ok')]), 'ok', 'a token without expiry reads ok');
    assert.equal(providerHealth([p('oauth', 'expiring'), p('token', 'missing')]), 'missing');
    assert.equal(providerHealth([p('oauth', 'expiring'), p('token', 'expired'), p('api_key', 'missing')]), 'expired');
    assert.equal(providerHealth([p('oauth', 'ok'), p('api_key', 'missing')]), 'missing', 'a missing key counts');
    assert.equal(providerHealth([p('oauth', 'unknown')]), 'ok', 'OpenClaw has no "not read"');
    assert.equal(providerHealth([p('aws-sdk', 'expired')]), 'missing', 'other types do not count');
  });

  it('needsAttention is expiring, expired or missing', () => {
    const all: Array<Health | undefined> = ['ok', 'static', 'unknown', undefined, 'expiring', 'expired', 'missing'];
    assert.deepEqual(all.filter(needsAttention), ['expiring', 'expired', 'missing']);
  });

  it('selfRefreshing: only expired OAuth with a refresh token and no refresh under way', () => {
    const base = { type: 'oauth', health: 'expired', refreshable: true } as const;
    assert.equal(selfRefreshing(base), true);
    assert.equal(selfRefreshing({ ...base, refreshing: true }), false);
    assert.equal(selfRefreshing({ ...base, refreshable: false }), false);
    assert.equal(selfRefreshing({ ...base, type: 'token' }), false);
    assert.equal(selfRefreshing({ ...base, health: 'expiring' }), false);
  });

  it('summarize counts a provider the configured models need but that has no credential as missing', () => {
    const needed = snapshot([], {}, { id: 'openai', health: 'missing', neededBy: ['agents.defaults.model.fallbacks'] });
    assert.deepEqual(
      summarize(needed).missing.map((a) => [a.kind, a.id, a.agentId]),
      [['provider', 'openai', 'main']],
    );
    assert.equal(summarize(snapshot([], {}, { id: 'openai', health: 'missing' })).all.length, 0, 'not needed');
  });

  it('summarize counts profiles in use and the Claude CLI login, not excluded ones; the UI words the login', () => {
    const s = snapshot(
      [
        profile({ id: 'anthropic:a', health: 'expiring', expiresAt: NOW + H }),
        profile({ id: 'anthropic:b', health: 'expired', expiresAt: NOW - H }),
        profile({ id: 'anthropic:c', health: 'expired', expiresAt: NOW - H, excluded: true }),
        profile({ id: 'anthropic:d', health: 'missing' }),
      ],
      {
        claudeCli: { path: '/h/.claude/.credentials.json', health: 'expired', expiresAt: NOW - H, refreshable: false },
      },
    );
    const sum = summarize(s);
    assert.deepEqual(
      sum.expiring.map((a) => a.id),
      ['anthropic:a'],
    );
    assert.deepEqual(
      sum.expired.map((a) => [a.kind, a.id]),
      [
        ['profile', 'anthropic:b'],
        ['claude', CLAUDE_CLI_ID],
      ],
    );
    assert.deepEqual(
      sum.expired.map((a) => attentionLabel(a, t)),
      ['anthropic:b', 'Claude CLI login'],
    );
    assert.deepEqual(
      sum.missing.map((a) => a.id),
      ['anthropic:d'],
    );
    assert.equal(summaryWords(sum, t), '2 expired, 1 missing, 1 expiring');
    assert.equal(summaryWords(summarize(snapshot([profile({ id: 'x' })])), t), '');
  });

  it('storesUnread is the STORES_UNREADABLE_NO_READER warning, nothing else', () => {
    assert.equal(storesUnread(snapshot([])), false);
    assert.equal(
      storesUnread(snapshot([], { warnings: [{ code: 'STORES_UNREADABLE_NO_READER' } as Snapshot['warnings'][0]] })),
      true,
    );
  });

  it('nextThreshold is the earliest window entry, expiry or cooldown end still ahead', () => {
    const s = snapshot([
      profile({ id: 'a', expiresAt: NOW + 30 * H }), // window entry at +6h
      profile({ id: 'b', health: 'expiring', expiresAt: NOW + 5 * H }), // expiry at +5h
      profile({ id: 'c', type: 'api_key', health: 'static', cooldownUntil: NOW + 2 * H }),
      profile({ id: 'd', health: 'expired', expiresAt: NOW - H }),
    ]);
    assert.equal(nextThreshold(s, NOW), NOW + 2 * H);
    assert.equal(nextThreshold(s, NOW + 2 * H), NOW + 5 * H);
    assert.equal(nextThreshold(s, NOW + 5 * H), NOW + 6 * H);
    assert.equal(nextThreshold(s, NOW + 30 * H), undefined);
    assert.equal(nextThreshold(snapshot([profile({ id: 'k', type: 'api_key', health: 'static' })]), NOW), undefined);
  });
});
