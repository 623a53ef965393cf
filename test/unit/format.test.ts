import * as assert from 'node:assert/strict';
import type { Profile } from '../../src/openclaw/types';
import { describeProfile, healthWords, md, nextRepaint, relative, untranslated as t } from '../../src/ui/format';
import { profileTooltip } from '../../src/ui/why';
import { contextValue, findProfile, nodeId, profileNodes, reorder, viewState } from '../../src/ui/treeNodes';

import { H, NOW, profile, snapshot } from '../fixtures/snapshots';
import { must } from '../fixtures/must';
const SECRET = 'sk-ant-oat01-FAKE-format-test-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghij';

describe('ui/format', () => {
  it('relative() uses OpenClaw short form', () => {
    assert.equal(relative(45 * 60_000), '45m');
    assert.equal(relative(3 * H), '3h');
    assert.equal(relative(47 * H), '47h');
    assert.equal(relative(2 * 24 * H), '2d');
    assert.equal(relative(-3 * H), '3h');
    assert.equal(relative(10_000), '1m');
  });

  it('describes each kind of profile in words', () => {
    assert.equal(
      describeProfile(profile({ id: 'a', health: 'expiring', expiresAt: NOW + 3 * H }), NOW, t),
      'token · expires in 3h',
    );
    assert.equal(
      describeProfile(profile({ id: 'a', type: 'oauth', refreshable: true, expiresAt: NOW + 2 * 24 * H }), NOW, t),
      'oauth · refreshable · 2d',
    );
    assert.equal(describeProfile(profile({ id: 'a', type: 'api_key', health: 'static' }), NOW, t), 'api key');
    const ref = (secretRef: Profile['secretRef']) =>
      describeProfile(profile({ id: 'a', type: 'api_key', health: 'static', secretRef }), NOW, t);
    assert.equal(
      ref({ source: 'env', id: 'OPENAI_API_KEY', resolves: true, setIn: 'process' }),
      'api key · from env OPENAI_API_KEY',
    );
    assert.equal(
      ref({ source: 'env', id: 'OPENAI_API_KEY', resolves: false }),
      'api key · from env OPENAI_API_KEY (not set)',
    );
    assert.equal(ref({ source: 'exec', id: 'vault' }), 'api key · from exec vault');
    assert.equal(describeProfile(profile({ id: 'a', health: 'static' }), NOW, t), 'token · no expiry recorded');
    assert.equal(
      describeProfile(profile({ id: 'a', health: 'expired', expiresAt: NOW - 2 * H }), NOW, t),
      'token · expired 2h ago',
    );
    assert.equal(
      describeProfile(profile({ id: 'a', health: 'missing', reasonCode: 'invalid_expires' }), NOW, t),
      'token · missing: invalid expiry',
    );
    assert.equal(
      describeProfile(profile({ id: 'a', declaredOnly: true, health: 'missing' }), NOW, t),
      'declared in config, not stored',
    );
    assert.equal(
      describeProfile(
        profile({ id: 'a', health: 'expired', expiryLooksLikeSeconds: true, expiresAt: 1_795_600_000 }),
        NOW,
        t,
      ),
      'token · expiry recorded in seconds',
    );
    // A running cooldown counts down to its end (issue 15: "cooling down · rate_limit · 12 min left").
    assert.equal(
      describeProfile(
        profile({
          id: 'a',
          type: 'api_key',
          health: 'static',
          cooldownUntil: NOW + 47 * 60_000,
          cooldownReason: 'rate_limit',
        }),
        NOW,
        t,
      ),
      'api key · cooling down · rate_limit · 47m left',
    );
    // A cooldown that has ended says nothing.
    assert.equal(
      describeProfile(profile({ id: 'a', type: 'api_key', health: 'static', cooldownUntil: NOW - 1 }), NOW, t),
      'api key',
    );
    assert.equal(
      describeProfile(profile({ id: 'a', type: 'api_key', health: 'static', excluded: true }), NOW, t),
      'api key · excluded by order',
    );
  });

  it('passes every word through the translator', () => {
    const shout = (m: string, ...a: Array<string | number | boolean>) => t(m.toUpperCase(), ...a);
    // The unit goes through the translator too (Thai shows Thai units, not `3h`).
    assert.equal(
      describeProfile(profile({ id: 'a', health: 'expiring', expiresAt: NOW + 3 * H }), NOW, shout),
      'TOKEN · EXPIRES IN 3H',
    );
    assert.equal(healthWords('static', shout), 'NO EXPIRY');
  });

  it('nextRepaint is a minute when something is under an hour away', () => {
    assert.equal(nextRepaint(snapshot([profile({ id: 'a', expiresAt: NOW + 30 * 60_000 })]), NOW), NOW + 60_000);
    assert.equal(nextRepaint(snapshot([profile({ id: 'a', expiresAt: NOW + 5 * H })]), NOW), NOW + 900_000);
    assert.equal(nextRepaint(snapshot([profile({ id: 'a', type: 'api_key' })]), NOW), undefined);
  });

  it('the tooltip holds the masked secret, expiry in local time and ISO, order and store — never the secret', () => {
    const p = profile({
      id: 'anthropic:work',
      health: 'expiring',
      expiresAt: NOW + 3 * H,
      masked: 'sk-ant-o...efghij',
      email: 'me@example.com',
      store: 'sqlite-shared',
      storePath: '/h/.openclaw/state/openclaw.sqlite',
      orderIndex: 1,
    });
    const text = profileTooltip(p, { orderSource: 'stored', count: 2 }, NOW, t);
    assert.ok(text.includes('`sk-ant-o...efghij`'), text);
    assert.ok(!text.includes(SECRET));
    assert.ok(text.includes(new Date(NOW + 3 * H).toISOString()), text);
    assert.ok(text.includes('in 3h'), text);
    assert.ok(text.includes('2 of 2 (stored order)'), text);
    assert.ok(text.includes('shared SQLite store `/h/.openclaw/state/openclaw.sqlite`'), text);
    assert.ok(text.includes('Email: me\\@example.com'), text); // `@` escaped: no mailto link in the hover
  });

  it('md() neutralises links and formatting in ids', () => {
    assert.equal(md('[x](command:evil) <img> *a*'), '\\[x\\] (command:evil) \\<img\\> \\*a\\*');
    // Bare URLs, www. hosts and e-mail addresses are autolinked in hovers unless escaped.
    assert.equal(
      md('see https://evil.example/x, WWW.evil.example or me@evil.example'),
      'see https\\://evil.example/x, WWW\\.evil.example or me\\@evil.example',
    );
    // A codicon in an id renders as text in tooltips that support icons; a newline cannot start a new block.
    assert.equal(md('a $(alert)\n# b'), 'a \\$ (alert) # b');
  });
});

describe('ui/treeNodes', () => {
  const s = snapshot(
    [
      profile({ id: 'anthropic:b', orderIndex: 1, health: 'expiring', expiresAt: NOW + H }),
      profile({ id: 'anthropic:a', orderIndex: 0 }),
      profile({ id: 'anthropic:x', excluded: true, type: 'api_key', health: 'static' }),
    ],
    {},
    { orderSource: 'stored' },
  );
  const provider = must(must(s.agents[0], 'an agent').providers[0], 's.agents[0].providers[0]');

  it('orders profiles by effective order, excluded last', () => {
    assert.deepEqual(
      profileNodes('main', provider).map((n) => [n.profile.id, n.index, n.count]),
      [
        ['anthropic:a', 0, 2],
        ['anthropic:b', 1, 2],
        ['anthropic:x', -1, 2],
      ],
    );
  });

  it('contextValue carries kind, type, health and position tokens between semicolons', () => {
    const [a, b, x] = profileNodes('main', provider);
    assert.equal(contextValue(must(a, 'a'), NOW), 'profile;token;ok;first;');
    assert.equal(contextValue(must(b, 'b'), NOW), 'profile;token;expiring;last;');
    assert.match(contextValue(must(b, 'b'), NOW), /;expiring;|;expired;/);
    assert.equal(contextValue(must(x, 'x'), NOW), 'profile;api_key;static;excluded;');
    assert.equal(contextValue({ kind: 'provider', agentId: 'main', provider }, NOW), 'provider;none;stored;multiple;');
    const single = must(
      profileNodes('main', {
        ...provider,
        profiles: [profile({ id: 'p', orderIndex: 0, cooldownUntil: NOW + H })],
      })[0],
      'the profile row',
    );
    assert.equal(contextValue(single, NOW), 'profile;token;ok;first;last;cooldown;');
  });

  it('ids are stable and distinct', () => {
    const ids = profileNodes('main', provider).map(nodeId);
    assert.equal(new Set(ids).size, 3);
    assert.deepEqual(profileNodes('main', provider).map(nodeId), ids);
    assert.equal(ids[0], 'agent/main/provider/anthropic/profile/anthropic:a');
  });

  it('findProfile returns the same node the tree shows', () => {
    assert.deepEqual(findProfile(s, 'anthropic:b'), profileNodes('main', provider)[1]);
    assert.equal(findProfile(s, 'nope'), undefined);
  });

  it('reorder moves dragged profiles before the target, or to the end; excluded ones join the order', () => {
    const nodes = profileNodes('main', provider);
    assert.deepEqual(reorder(nodes, ['anthropic:b'], 'anthropic:a'), ['anthropic:b', 'anthropic:a']);
    assert.deepEqual(reorder(nodes, ['anthropic:a'], undefined), ['anthropic:b', 'anthropic:a']);
    assert.deepEqual(reorder(nodes, ['anthropic:x'], 'anthropic:b'), ['anthropic:a', 'anthropic:x', 'anthropic:b']);
    // A profile declared in config with no credential cannot be ordered: `order set` would name nothing stored.
    const ghost = profileNodes('main', {
      ...provider,
      profiles: [
        ...provider.profiles,
        { id: 'anthropic:ghost', provider: 'anthropic', type: 'token', health: 'missing', declaredOnly: true },
      ],
    });
    assert.deepEqual(reorder(ghost, ['anthropic:b'], 'anthropic:a'), ['anthropic:b', 'anthropic:a']);
  });

  it('viewState drives the welcome views', () => {
    assert.equal(viewState(s), 'ok');
    assert.equal(viewState(snapshot([], { stateFound: false, agents: [] })), 'none');
    assert.equal(viewState(snapshot([])), 'noProfiles');
    assert.equal(viewState(snapshot([], { warnings: [{ code: 'CLI_MISSING', message: 'no cli' }] })), 'noCli');
    assert.equal(
      viewState(
        snapshot(
          [],
          {},
          { env: [{ provider: 'anthropic', variable: 'ANTHROPIC_API_KEY', source: 'process', masked: 'sk-a...b' }] },
        ),
      ),
      'ok',
    );
  });
});
