// What a person reads about the live gateway on rows and in the status bar, in English and in Thai.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareAgent } from '../../src/openclaw/gateway/compare';
import { authStatusSchema, probeResultSchema } from '../../src/openclaw/gateway/schemas';
import type { Agent } from '../../src/openclaw/types';
import { untranslated, windowLabel, type Translate } from '../../src/ui/format';
import {
  differenceWords,
  probeMessage,
  profileLive,
  providerLive,
  usageAlertWords,
  usagePartWords,
  usageRefreshingWords,
  usageUnavailableWords,
} from '../../src/ui/gatewayWords';
import { must } from '../fixtures/must';

const bundle = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.th.json'), 'utf8'),
) as Record<string, string>;
const missing = new Set<string>();
const thai: Translate = (message, ...args) => {
  const text = bundle[message];
  if (text === undefined) missing.add(message);
  return untranslated(text ?? message, ...args);
};

const NOW = new Date(2026, 11, 2, 10, 0, 0).getTime();
const AT = new Date(2026, 11, 2, 14, 0, 0).getTime();

const agent: Agent = {
  id: 'main',
  isDefault: true,
  agentDir: '/a',
  providers: [
    {
      id: 'anthropic',
      order: ['anthropic:work'],
      orderSource: 'automatic',
      sequence: ['anthropic:work'],
      profiles: [{ id: 'anthropic:work', provider: 'anthropic', type: 'token', health: 'ok', expiresAt: AT }],
    },
  ],
};
const status = authStatusSchema().parse({
  providers: [
    {
      provider: 'anthropic',
      status: 'expired',
      profileOrderLocked: 'auth-config',
      profiles: [
        {
          profileId: 'anthropic:work',
          type: 'token',
          status: 'expired',
          source: 'saved',
          expiry: { at: AT },
          lastUsedAt: NOW - 3_600_000,
          externallyManaged: true,
        },
      ],
    },
  ],
});

describe('gateway words (en + th)', () => {
  after(() => assert.deepEqual([...missing], [], 'every string has a Thai translation'));

  for (const [name, t] of [
    ['en', untranslated],
    ['th', thai],
  ] as const) {
    it(`${name}: a disagreement shows the gateway's view on the row, both sides and why in the tooltip`, () => {
      const c = compareAgent(agent, status);
      assert.equal(c.differences.length, 1);
      const row = profileLive(c, 'anthropic', 'anthropic:work', NOW, t);
      assert.ok(row);
      const expired =
        name === 'en'
          ? 'gateway: expired'
          : must(bundle['gateway: {0}'], "bundle['gateway: {0}']").replace(
              '{0}',
              must(bundle['expired'], "bundle['expired']"),
            );
      assert.equal(row.words, expired);
      const tip = row.tooltip.join('\n');
      assert.match(tip, name === 'en' ? /local files: ok/ : /ok|ปกติ/);
      assert.match(tip, name === 'en' ? /does not watch the auth stores/ : /ไม่ได้เฝ้าดู/);
      assert.match(tip, /1/, 'last used an hour ago');
      assert.match(tip, /2026-12-02T/, 'last used as a timestamp');
      const provider = providerLive(c, 'anthropic', NOW, t);
      assert.ok(provider?.tooltip.join('\n').length);
      assert.equal(provider?.words, '', 'no provider-level difference');
    });

    it(`${name}: usage words for the status bar, the warning, API keys and refreshing`, () => {
      const part = { provider: 'anthropic', displayName: 'Claude', label: '5h', usedPercent: 62.4, resetAt: AT };
      // OpenClaw's window labels in the reader's units; a label it does not know is shown as sent.
      const fiveH = name === 'en' ? '5h' : '5 ชม.';
      assert.equal(windowLabel('5h', t), fiveH);
      assert.equal(windowLabel('7d', t), name === 'en' ? '7d' : '7 วัน');
      assert.equal(windowLabel('Week', t), name === 'en' ? 'Week' : 'สัปดาห์');
      assert.equal(windowLabel('Monthly tokens', t), 'Monthly tokens');
      assert.equal(windowLabel('x'.repeat(40), t).length <= 24, true, 'an unknown label is cut short');
      const text = usagePartWords(part, NOW, t);
      assert.ok(text.startsWith(`Claude ${fiveH} 62%`), text);
      assert.match(text, /14:00/);
      if (name === 'en') assert.equal(text, 'Claude 5h 62% · resets 14:00');
      assert.match(usageAlertWords(part, NOW, t), /62%.*14:00/);
      assert.match(usageAlertWords({ ...part, resetAt: undefined }, NOW, t), /62%/);
      const key = usageUnavailableWords('api-key', t);
      assert.ok(key.short && key.long.length > key.short.length);
      assert.ok(usageRefreshingWords(t));
      assert.equal(usagePartWords({ ...part, resetAt: NOW - 1 }, NOW, t), `Claude ${fiveH} 62%`);
    });

    it(`${name}: every difference kind has words`, () => {
      const kinds = [
        'status',
        'type',
        'expiry',
        'order',
        'profile-only-local',
        'provider-only-local',
        'profile-only-in-gateway',
        'provider-only-in-gateway',
      ] as const;
      for (const kind of kinds) assert.ok(differenceWords({ kind, provider: 'p', gateway: '1' }, NOW, t).length > 3);
      assert.ok(differenceWords({ kind: 'order', provider: 'p' }, NOW, t));
    });
  }

  it('gateway text cannot form Markdown or a link in a tooltip', () => {
    const hostile = authStatusSchema().parse({
      providers: [
        {
          provider: 'anthropic',
          status: 'ok',
          profiles: [{ profileId: 'anthropic:work', type: 'token', status: '[x](command:evil)', expiry: { at: AT } }],
        },
      ],
    });
    const row = profileLive(compareAgent(agent, hostile), 'anthropic', 'anthropic:work', NOW, untranslated);
    assert.doesNotMatch(must(row, 'row').tooltip.join('\n'), /\]\(command:/);
  });

  describe('Test Connection result', () => {
    const probe = (raw: object) => probeResultSchema().parse({ results: [], ...raw });
    for (const [name, t] of [
      ['en', untranslated],
      ['th', thai],
    ] as const) {
      it(`${name}: status, latency and the gateway's reason, without repeating the status`, () => {
        const ok = probeMessage('openai:ci', probe({ provider: 'openai', status: 'ok', latencyMs: 412.4 }), t, {
          now: NOW,
        });
        assert.match(ok, /openai:ci/);
        assert.match(ok, /\(412 ms\)/);
        // A 401 (measured against a fake provider on 127.0.0.1): the gateway's reason only repeats the status.
        const denied = probe({
          provider: 'fake-deny',
          status: 'auth',
          results: [{ profileId: 'fake-deny:manual', status: 'auth', error: 'Authentication failed.' }],
        });
        const words = probeMessage('fake-deny:manual', denied, t, { now: NOW });
        assert.doesNotMatch(words, /Authentication failed\./);
        assert.match(words, name === 'en' ? /authentication failed/ : /ยืนยันตัวตนไม่ผ่าน/);
        const other = probe({ provider: 'x', status: 'billing', error: 'credit balance too low' });
        assert.match(probeMessage('x', other, t, { now: NOW }), /credit balance too low/);
      });

      it(`${name}: a profile that was resting is said to be resting, not "failed"`, () => {
        const resting = probe({ provider: 'fake-deny', status: 'unknown', error: 'The connection probe failed.' });
        const until = NOW + 30_000;
        const words = probeMessage('fake-deny:manual', resting, t, { now: NOW, resting: { until, reason: 'auth' } });
        assert.doesNotMatch(words, /probe failed/);
        assert.match(words, name === 'en' ? /resting until/ : /พัก/);
        assert.match(words, /\(auth\)/);
        // Once the rest is over, the same answer is a plain failure with the gateway's reason.
        const later = probeMessage('fake-deny:manual', resting, t, {
          now: until + 1,
          resting: { until, reason: 'auth' },
        });
        assert.match(later, /The connection probe failed\./);
      });
    }
  });
});
