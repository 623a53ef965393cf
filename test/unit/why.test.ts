// "Why is this failing?" without a gateway: providers the configured models need without a credential, cooldown and
// disabled profiles with their reason, countdown and stored counts, a provider with nothing usable, expired OAuth that
// OpenClaw refreshes itself, and tokens saved without an expiry.
import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../src/openclaw/config';
import { modelRefProvider, providerForAuth } from '../../src/openclaw/modelNeeds';
import type { Location, ParsedConfig, StoredCredential, StoresResult } from '../../src/openclaw/model';
import { parseAuthState } from '../../src/openclaw/schemas';
import { buildSnapshot } from '../../src/openclaw/snapshot';
import type { EnvCredential, Profile, Provider, Snapshot } from '../../src/openclaw/types';
import { summarize } from '../../src/openclaw/attention';
import { cooldownWords, describeProfile, disabledWords, nextRepaint, untranslated as t } from '../../src/ui/format';
import { neededWords, profileTooltip, unavailableWords, whyItems } from '../../src/ui/why';
import { contextValue, profileNodes } from '../../src/ui/treeNodes';
import { probeHint, whyProfile } from '../../src/openclaw/why';
import { must } from '../fixtures/must';

const NOW = 1_795_600_000_000;
const MIN = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;
const loc: Location = {
  home: '/h',
  stateDir: '/h/.openclaw',
  configPath: '/h/.openclaw/openclaw.json',
  stateDirExists: true,
  configExists: true,
};
const shared = { store: 'sqlite-shared' as const, storePath: '/h/.openclaw/state/openclaw.sqlite' };
const cred = (c: Omit<StoredCredential, 'store' | 'storePath'>): StoredCredential => ({ ...c, ...shared });
const config = (json: unknown): ParsedConfig => parseConfigText(JSON.stringify(json), loc);

function snapshotOf(
  cfg: ParsedConfig,
  profiles: Record<string, StoredCredential> = {},
  usageStats: unknown = {},
  envCreds: EnvCredential[] = [],
): Snapshot {
  const stores: StoresResult = {
    generation: 'sqlite-shared',
    readPath: 'in-process',
    warnings: [],
    watchPaths: [],
    agents: { main: { agentId: 'main', profiles, state: parseAuthState({ usageStats }) } },
  };
  return buildSnapshot({
    loc,
    config: cfg,
    stores,
    now: NOW,
    warnWindowMs: DAY,
    envCreds,
    cli: { path: '/usr/bin/openclaw', version: '2026.9.6', nodeCandidates: [] },
  });
}
/** The i-th item; fails the test with a plain message (not a TypeError later) when the list is shorter. */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  assert.ok(item !== undefined, `no item ${i} in a list of ${list.length}`);
  return item;
}
const providers = (s: Snapshot, agent = 'main'): Provider[] =>
  must(
    s.agents.find((a) => a.id === agent),
    's.agents.find((a) => a.id === agent)',
  ).providers;
const provider = (s: Snapshot, id: string, agent = 'main'): Provider | undefined =>
  providers(s, agent).find((p) => p.id === id);

describe('why: providers the configured models need', () => {
  it('model refs resolve to the provider OpenClaw checks auth for', () => {
    assert.equal(modelRefProvider('openai/gpt-5'), 'openai');
    assert.equal(modelRefProvider(' Anthropic/claude-opus-5 '), 'anthropic');
    assert.equal(modelRefProvider('together/moonshotai/Kimi-K2.6'), 'together');
    assert.equal(modelRefProvider('openrouter/auto@openrouter:work'), 'openrouter');
    assert.equal(modelRefProvider('gpt-5-mini'), 'openai', "a bare model is the default provider's");
    assert.equal(modelRefProvider('opus', new Map([['opus', 'anthropic/claude-opus-5']])), 'anthropic');
    assert.equal(modelRefProvider('Opus@anthropic:work', new Map([['opus', 'anthropic/claude-opus-5']])), 'anthropic');
    assert.equal(modelRefProvider('/x'), undefined);
    assert.equal(modelRefProvider('  '), undefined);
    // Manifest auth aliases and the legacy Codex id (`use --provider openai`).
    for (const [raw, id] of [
      ['X-AI', 'xai'],
      ['minimax-cn', 'minimax'],
      ['minimax-portal-cn', 'minimax-portal'],
      ['openai-codex', 'openai'],
      ['google', 'google'],
    ] as const) {
      assert.equal(providerForAuth(raw), id);
    }
  });

  it('config: default, fallbacks, image and utility models, per-agent models, with the path that needs each provider', () => {
    const cfg = config({
      agents: {
        defaults: {
          model: {
            primary: 'anthropic/claude-opus-5',
            fallbacks: ['openai/gpt-5', 'X-AI/grok-4.7', 'ollama/llama3', 'opus', 'anthropic/claude-sonnet-4-5'],
          },
          models: {
            'anthropic/claude-opus-5': { alias: 'opus' },
            'anthropic/claude-sonnet-4-5': { agentRuntime: { id: 'claude-cli' } },
          },
          imageModel: { primary: 'google/gemini-2.5-flash', fallbacks: ['fal/flux'] },
          utilityModel: 'openrouter/auto',
        },
        list: [
          { id: 'main', default: true },
          { id: 'work', model: 'mistral/large' },
          { id: 'lab', model: { fallbacks: ['groq/llama'] } },
        ],
      },
      models: {
        providers: {
          Mistral: { apiKey: { source: 'env', provider: 'default', id: 'MISTRAL_KEY' } },
          groq: { baseUrl: 'https://x' },
        },
      },
    });
    assert.deepEqual(cfg.modelProviders?.defaults, [
      { provider: 'anthropic', neededBy: ['agents.defaults.model', 'agents.defaults.model.fallbacks'] },
      { provider: 'openai', neededBy: ['agents.defaults.model.fallbacks'] },
      { provider: 'xai', neededBy: ['agents.defaults.model.fallbacks'] },
      { provider: 'google', neededBy: ['agents.defaults.imageModel'] },
      { provider: 'fal', neededBy: ['agents.defaults.imageModel.fallbacks'] },
      { provider: 'openrouter', neededBy: ['agents.defaults.utilityModel'] },
    ]);
    // A string model has no fallbacks of its own; an object without a primary keeps the default one.
    assert.deepEqual(
      cfg.modelProviders?.byAgent.work?.map((n) => [n.provider, n.neededBy]),
      [
        ['mistral', ['agents.list[1].model']],
        ['google', ['agents.defaults.imageModel']],
        ['fal', ['agents.defaults.imageModel.fallbacks']],
        ['openrouter', ['agents.defaults.utilityModel']],
      ],
    );
    assert.deepEqual(cfg.modelProviders?.byAgent.lab?.map((n) => [n.provider, n.neededBy.join()]).slice(0, 2), [
      ['anthropic', 'agents.defaults.model'],
      ['groq', 'agents.list[2].model.fallbacks'],
    ]);
    assert.equal(cfg.modelProviders?.byAgent.main, undefined);
    assert.deepEqual(cfg.configKeyProviders, ['mistral']);
    // agents.entries (keyed) names its path by key.
    const keyed = config({ agents: { entries: { Work: { model: { primary: 'deepseek/chat', fallbacks: [] } } } } });
    assert.deepEqual(keyed.modelProviders?.byAgent.work, [
      { provider: 'deepseek', neededBy: ['agents.entries.Work.model'] },
    ]);
    assert.deepEqual(config({}).modelProviders, { defaults: [], byAgent: {} });
  });

  it('a needed provider with no profile, no env and no config key is its own row: missing, no credential, needed by the path', () => {
    const cfg = config({
      agents: {
        defaults: {
          model: {
            primary: 'google/gemini-2.5-pro',
            fallbacks: ['anthropic/claude-opus-5', 'openai/gpt-5', 'mistral/large'],
          },
        },
      },
      models: { providers: { mistral: { apiKey: 'FAKE-mistral-key' } } },
    });
    const s = snapshotOf(
      cfg,
      { 'google:manual': cred({ type: 'api_key', provider: 'google', key: 'AIza-FAKE-google-key-000' }) },
      {},
      [{ provider: 'openai', variable: 'OPENAI_API_KEY', source: 'process', masked: 'sk-...abcd' }],
    );
    assert.deepEqual(
      providers(s).map((p) => p.id),
      ['anthropic', 'google', 'openai'],
    );
    const anthropic = must(provider(s, 'anthropic'), "provider(s, 'anthropic')");
    assert.deepEqual(
      [anthropic.health, anthropic.profiles, anthropic.neededBy],
      ['missing', [], ['agents.defaults.model.fallbacks']],
    );
    assert.equal(neededWords(anthropic, t), 'no credential; needed by agents.defaults.model.fallbacks');
    // Rows that have a credential only learn who needs them.
    assert.deepEqual(must(provider(s, 'google'), "provider(s, 'google')").neededBy, ['agents.defaults.model']);
    assert.equal(
      neededWords(must(provider(s, 'google'), "provider(s, 'google')"), t),
      'needed by agents.defaults.model',
    );
    assert.deepEqual(
      [
        must(provider(s, 'openai'), "provider(s, 'openai')").health,
        must(provider(s, 'openai'), "provider(s, 'openai')").neededBy,
      ],
      ['static', ['agents.defaults.model.fallbacks']],
    );
    // Sign In… sits on the missing row.
    assert.equal(
      contextValue({ kind: 'provider', agentId: 'main', provider: anthropic }, NOW),
      'provider;missing;automatic;needed;signin;',
    );
    assert.equal(
      contextValue(
        { kind: 'provider', agentId: 'main', provider: must(provider(s, 'google'), "provider(s, 'google')") },
        NOW,
      ),
      'provider;static;automatic;needed;',
    );
    // Nothing configured, nothing added.
    assert.deepEqual(
      providers(snapshotOf(config({}))).map((p) => p.id),
      [],
    );
  });

  it('an agent with its own model needs its own providers', () => {
    const cfg = config({
      agents: {
        defaults: { model: 'anthropic/claude-opus-5' },
        list: [
          { id: 'main', default: true },
          { id: 'work', model: 'openrouter/auto' },
        ],
      },
    });
    const stores: StoresResult = {
      generation: 'sqlite-shared',
      readPath: 'in-process',
      warnings: [],
      watchPaths: [],
      agents: {},
    };
    const s = buildSnapshot({ loc, config: cfg, stores, now: NOW, warnWindowMs: DAY, envCreds: [] });
    assert.deepEqual(
      providers(s, 'main').map((p) => [p.id, p.neededBy]),
      [['anthropic', ['agents.defaults.model']]],
    );
    assert.deepEqual(
      providers(s, 'work').map((p) => [p.id, p.neededBy]),
      [['openrouter', ['agents.list[1].model']]],
    );
  });

  it('with stores nobody could read, a needed provider is "not read", never "no credential"', () => {
    const cfg = config({ agents: { defaults: { model: 'anthropic/claude-opus-5' } } });
    const stores: StoresResult = {
      generation: 'sqlite-shared',
      readPath: 'cli',
      warnings: [],
      watchPaths: [],
      agents: {},
    };
    const s = buildSnapshot({
      loc,
      config: cfg,
      stores,
      now: NOW,
      warnWindowMs: DAY,
      envCreds: [],
      storesUnread: true,
    });
    const anthropic = must(provider(s, 'anthropic'), "provider(s, 'anthropic')");
    assert.deepEqual([anthropic.health, neededWords(anthropic, t)], ['unknown', 'needed by agents.defaults.model']);
    assert.doesNotMatch(contextValue({ kind: 'provider', agentId: 'main', provider: anthropic }, NOW), /signin/);
  });
});

describe('why: a profile OpenClaw does not use', () => {
  const stats = {
    'anthropic:max': {
      cooldownUntil: NOW + 12 * MIN,
      cooldownReason: 'rate_limit',
      errorCount: 3,
      failureCounts: { rate_limit: 2, timeout: 1, bogus: -1 },
      lastUsed: NOW - 2 * H,
      lastFailureAt: NOW - 3 * MIN,
    },
    'anthropic:work': { disabledUntil: NOW + 40 * MIN, disabledReason: 'billing', errorCount: 1 },
    'anthropic:auth': {
      cooldownUntil: NOW + 5 * MIN,
      cooldownReason: 'auth',
      cooldownClassification: 'wham_token_expired',
    },
  };
  const profiles = {
    'anthropic:max': cred({ type: 'token', provider: 'anthropic', token: 'sk-ant-oat01-FAKE-max' }),
    'anthropic:work': cred({
      type: 'token',
      provider: 'anthropic',
      token: 'sk-ant-oat01-FAKE-work',
      expires: NOW + 30 * DAY,
    }),
    'anthropic:auth': cred({
      type: 'oauth',
      provider: 'anthropic',
      access: 'FAKE-a',
      refresh: 'FAKE-r',
      expires: NOW + 3 * DAY,
    }),
  };

  it('the stored usage stats reach the snapshot: reason, classification, recovery, error and failure counts, last use', () => {
    const s = snapshotOf(config({}), profiles, stats);
    const row = (id: string): Profile =>
      must(
        must(provider(s, 'anthropic'), "provider(s, 'anthropic')").profiles.find((p) => p.id === id),
        "provider(s, 'anthropic').profiles.find((p) => p.id === id)",
      );
    assert.deepEqual(
      [row('anthropic:max').cooldownUntil, row('anthropic:max').cooldownReason, row('anthropic:max').recovery],
      [NOW + 12 * MIN, 'rate_limit', 'wait'],
    );
    assert.deepEqual(row('anthropic:max').usage, {
      lastUsed: NOW - 2 * H,
      errorCount: 3,
      failureCounts: { rate_limit: 2, timeout: 1 },
      lastFailureAt: NOW - 3 * MIN,
    });
    assert.deepEqual([row('anthropic:work').disabledReason, row('anthropic:work').recovery], ['billing', 'top-up']);
    assert.deepEqual(
      [row('anthropic:auth').cooldownClassification, row('anthropic:auth').recovery],
      ['wham_token_expired', 'reauthenticate'],
    );
    // Every profile is cooling down or disabled: the provider says when the first comes back (auth, in 5 minutes).
    assert.equal(must(provider(s, 'anthropic'), "provider(s, 'anthropic')").unavailableUntil, NOW + 5 * MIN);
    assert.match(
      must(
        unavailableWords(must(provider(s, 'anthropic'), "provider(s, 'anthropic')"), NOW, t),
        "unavailableWords(provider(s, 'anthropic'), NOW, t)",
      ),
      /^every profile cooling down or disabled · first back in 5m \(\d\d:\d\d\)$/,
    );
    assert.match(
      contextValue(
        { kind: 'provider', agentId: 'main', provider: must(provider(s, 'anthropic'), "provider(s, 'anthropic')") },
        NOW,
      ),
      /;signin;$/,
    );
    // One usable profile is enough.
    const one = snapshotOf(
      config({}),
      { ...profiles, 'anthropic:free': cred({ type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-FAKE' }) },
      stats,
    );
    assert.equal(must(provider(one, 'anthropic'), "provider(one, 'anthropic')").unavailableUntil, undefined);
    // A lapsed window is what OpenClaw clears: nothing to say.
    const later = snapshotOf(config({}), profiles, {
      'anthropic:max': { cooldownUntil: NOW - 1, cooldownReason: 'rate_limit' },
    });
    assert.deepEqual(
      [
        must(
          must(provider(later, 'anthropic'), "provider(later, 'anthropic')").profiles.find(
            (p) => p.id === 'anthropic:max',
          ),
          'profile anthropic:max',
        ).recovery,
        must(provider(later, 'anthropic'), "provider(later, 'anthropic')").unavailableUntil,
      ],
      [undefined, undefined],
    );
  });

  it('rows count down to the end of the window; the tooltip says why, what to do, and the stored counts', () => {
    const s = snapshotOf(config({}), profiles, stats);
    const row = (id: string): Profile =>
      must(
        must(provider(s, 'anthropic'), "provider(s, 'anthropic')").profiles.find((p) => p.id === id),
        "provider(s, 'anthropic').profiles.find((p) => p.id === id)",
      );
    assert.equal(cooldownWords(row('anthropic:max'), NOW, t), 'cooling down · rate_limit · 12m left');
    assert.equal(disabledWords(row('anthropic:work'), NOW, t), 'disabled · billing · 40m left');
    assert.equal(
      describeProfile(row('anthropic:max'), NOW, t),
      'token · no expiry recorded · cooling down · rate_limit · 12m left',
    );
    const tip = profileTooltip(row('anthropic:max'), { orderSource: 'automatic', count: 3 }, NOW, t);
    assert.match(tip, /- Cooling down: `rate_limit` until \d\d:\d\d \(in 12m\)/);
    assert.match(tip, /- What to do: Wait for the cooldown to end, or switch provider\./);
    assert.match(tip, /- Errors: 3/);
    assert.match(tip, /- Failures: `rate_limit` 2, `timeout` 1/);
    assert.match(tip, /- Last failure: .*\(3m ago\)/);
    assert.match(tip, /- Last used: .*\(2h ago\)/);
    assert.match(
      profileTooltip(row('anthropic:auth'), { orderSource: 'automatic', count: 3 }, NOW, t),
      /`auth` · `wham_token_expired`.*\n- What to do: Sign in again/,
    );
    assert.match(
      profileTooltip(row('anthropic:work'), { orderSource: 'automatic', count: 3 }, NOW, t),
      /- Disabled: `billing` until .*\n- What to do: Top up credits/,
    );
    // Untrusted reasons cannot form markdown or links in the tooltip.
    const hostile = {
      ...row('anthropic:max'),
      cooldownReason: 'x`](command:evil)',
      usage: { failureCounts: { '[a](b)': 1 } },
    };
    assert.ok(
      !/\]\(command:evil\)|\[a\]\(b\)/.test(profileTooltip(hostile, { orderSource: 'automatic', count: 1 }, NOW, t)),
    );
    // The countdown repaints every minute while a window runs, even for an api key that never expires.
    const key: Profile = {
      id: 'k',
      provider: 'anthropic',
      type: 'api_key',
      health: 'static',
      cooldownUntil: NOW + 3 * H,
    };
    const snap = {
      ...s,
      agents: [
        {
          ...at(s.agents, 0),
          providers: [
            { id: 'anthropic', order: ['k'], sequence: ['k'], orderSource: 'automatic' as const, profiles: [key] },
          ],
        },
      ],
    };
    assert.equal(nextRepaint(snap, NOW), NOW + 15 * MIN);
    assert.equal(
      nextRepaint(
        {
          ...snap,
          agents: [
            {
              ...at(snap.agents, 0),
              providers: [
                { ...at(at(snap.agents, 0).providers, 0), profiles: [{ ...key, cooldownUntil: NOW + 20 * MIN }] },
              ],
            },
          ],
        },
        NOW,
      ),
      NOW + MIN,
    );
  });

  it('expired OAuth with a refresh token: "OpenClaw refreshes it on next use", health still expired, not counted or notified as failing', () => {
    const s = snapshotOf(config({}), {
      'anthropic:max': cred({
        type: 'oauth',
        provider: 'anthropic',
        access: 'FAKE-a',
        refresh: 'FAKE-r',
        expires: NOW - H,
      }),
      'openrouter:o': cred({ type: 'oauth', provider: 'openrouter', access: 'FAKE-a', refresh: '', expires: NOW - H }),
    });
    const max = at(must(provider(s, 'anthropic'), "provider(s, 'anthropic')").profiles, 0);
    assert.equal(max.health, 'expired');
    assert.equal(describeProfile(max, NOW, t), 'oauth · expired — OpenClaw refreshes it on next use');
    assert.match(
      profileTooltip(max, { orderSource: 'automatic', count: 1 }, NOW, t),
      /- Token refresh: OpenClaw reports it as expired and refreshes it/,
    );
    const sum = summarize(s);
    assert.deepEqual(
      sum.all.map((a) => a.id),
      ['openrouter:o'],
      'only the OAuth without a refresh token fails',
    );
    assert.deepEqual(
      sum.selfRefreshing.map((a) => a.id),
      ['anthropic:max'],
    );
    assert.deepEqual(
      sum.expired.map((a) => a.id),
      ['openrouter:o'],
    );
    assert.equal(
      describeProfile(at(must(provider(s, 'openrouter'), "provider(s, 'openrouter')").profiles, 0), NOW, t),
      'oauth · expired 1h ago',
    );
  });

  it('a token saved without an expiry offers Record Expiry… (context token noexpiry); one with an expiry does not', () => {
    const s = snapshotOf(config({}), profiles);
    const nodes = profileNodes('main', must(provider(s, 'anthropic'), "provider(s, 'anthropic')"));
    const value = (id: string) =>
      contextValue(
        must(
          nodes.find((n) => n.profile.id === id),
          'nodes.find((n) => n.profile.id === id)',
        ),
        NOW,
      );
    assert.match(value('anthropic:max'), /^profile;token;static;.*noexpiry;$/);
    assert.doesNotMatch(value('anthropic:work'), /noexpiry/);
    assert.doesNotMatch(value('anthropic:auth'), /noexpiry/);
  });
});

describe('why: Why this profile? (which profile OpenClaw tries first)', () => {
  const tok = (tag: string, expires?: number) =>
    cred({ type: 'token', provider: 'anthropic', token: `sk-ant-oat01-FAKE-${tag}`, ...(expires ? { expires } : {}) });
  const key = cred({ type: 'api_key', provider: 'anthropic', key: 'sk-ant-api03-FAKE-key' });

  it('automatic: token before API key; a resting one is tried last and named with its reason and end', () => {
    const s = snapshotOf(
      config({}),
      { 'anthropic:key': key, 'anthropic:tok': tok('t') },
      {
        'anthropic:tok': { cooldownUntil: NOW + 10 * MIN, cooldownReason: 'rate_limit' },
      },
    );
    const answer = whyProfile(must(provider(s, 'anthropic'), "provider(s, 'anthropic')"), NOW);
    assert.deepEqual(
      [answer.first, answer.firstState, answer.source, answer.automatic, answer.lockedByConfig, answer.tried],
      ['anthropic:key', 'usable', 'automatic', true, false, ['anthropic:key', 'anthropic:tok']],
    );
    assert.deepEqual(answer.skipped, [
      { profileId: 'anthropic:tok', reason: 'cooldown', until: NOW + 10 * MIN, detail: 'rate_limit' },
    ]);
    const fresh = whyProfile(
      must(
        provider(snapshotOf(config({}), { 'anthropic:key': key, 'anthropic:tok': tok('t') }), 'anthropic'),
        'provider anthropic',
      ),
      NOW,
    );
    assert.equal(fresh.first, 'anthropic:tok');
  });

  it('config order is locked by config; profiles it leaves out are excluded; every one resting waits for the first back', () => {
    const cfg = config({
      auth: {
        profiles: {
          'anthropic:a': { provider: 'anthropic', mode: 'token' },
          'anthropic:b': { provider: 'anthropic', mode: 'token' },
        },
        order: { anthropic: ['anthropic:b', 'anthropic:a'] },
      },
    });
    const profiles = { 'anthropic:a': tok('a'), 'anthropic:b': tok('b'), 'anthropic:key': key };
    const s = snapshotOf(cfg, profiles, {
      'anthropic:a': { disabledUntil: NOW + 40 * MIN, disabledReason: 'billing' },
      'anthropic:b': { cooldownUntil: NOW + 5 * MIN, cooldownReason: 'timeout' },
    });
    const answer = whyProfile(must(provider(s, 'anthropic'), "provider(s, 'anthropic')"), NOW);
    assert.deepEqual([answer.source, answer.lockedByConfig], ['config-order', true]);
    assert.deepEqual([answer.first, answer.firstState], ['anthropic:b', 'resting']);
    assert.deepEqual(
      answer.skipped.map((x) => [x.profileId, x.reason]),
      [
        ['anthropic:b', 'cooldown'],
        ['anthropic:a', 'disabled'],
        ['anthropic:key', 'excluded'],
      ],
    );
  });

  it('an expired token is not tried; with nothing to try the environment key is named', () => {
    const s = snapshotOf(config({}), { 'anthropic:old': tok('old', NOW - DAY) }, {}, [
      { provider: 'anthropic', variable: 'ANTHROPIC_API_KEY', source: 'process', masked: 'sk-...abcd' },
    ]);
    const answer = whyProfile(must(provider(s, 'anthropic'), "provider(s, 'anthropic')"), NOW);
    // models status lists it (nothing else to list), but a request with it can only fail.
    assert.deepEqual([answer.first, answer.firstState, answer.tried], [undefined, 'none', ['anthropic:old']]);
    assert.deepEqual(
      answer.skipped.map((x) => [x.profileId, x.reason]),
      [['anthropic:old', 'expired']],
    );
    assert.deepEqual(answer.envFallback, ['ANTHROPIC_API_KEY']);
  });
});

describe("why: a probe Anthropic refuses with 'only authorized for use with Claude Code'", () => {
  it('is recognised for an auth failure of anthropic only, so Test Connection can explain the fix', () => {
    const msg =
      'This credential is only authorized for use with Claude Code and cannot be used for other API requests.';
    assert.equal(probeHint('anthropic', 'auth', msg), 'claude-code-only');
    assert.equal(probeHint('Anthropic', 'auth', `HTTP 400: ${msg}`), 'claude-code-only');
    assert.equal(probeHint('anthropic', 'rate_limit', msg), undefined);
    assert.equal(probeHint('openai', 'auth', msg), undefined);
    assert.equal(probeHint('anthropic', 'auth', 'invalid x-api-key'), undefined);
    assert.equal(probeHint('anthropic', 'auth', undefined), undefined);
  });
});

describe('why: the quick pick words, one short line each', () => {
  // A quick pick cuts a label, description or detail longer than its width (~70 characters) off.
  const LIMIT = 64;
  const skipped = [
    { profileId: 'anthropic:b', reason: 'cooldown' as const, until: NOW + 30 * MIN, detail: 'rate_limit' },
    { profileId: 'anthropic:c', reason: 'disabled' as const, until: NOW + 2 * H, detail: 'billing' },
    { profileId: 'anthropic:d', reason: 'expired' as const },
    { profileId: 'anthropic:e', reason: 'missing' as const, detail: 'unresolved_ref' },
    { profileId: 'anthropic:f', reason: 'excluded' as const },
    { profileId: 'anthropic:g', reason: 'declared-only' as const },
    { profileId: 'anthropic:h', reason: 'not-eligible' as const, detail: 'mode_mismatch' },
  ];
  const answers = (['stored', 'config-order', 'config-profiles', 'automatic'] as const).flatMap((source) =>
    (['usable', 'resting', 'none'] as const).map((firstState) => ({
      provider: 'anthropic',
      ...(firstState === 'none' ? {} : { first: 'anthropic:a' }),
      firstState,
      source,
      lockedByConfig: source === 'config-order',
      automatic: source === 'automatic',
      tried: ['anthropic:a', 'anthropic:b', 'anthropic:c'],
      skipped,
      envFallback: firstState === 'none' && source === 'stored' ? ['ANTHROPIC_API_KEY'] : [],
    })),
  );

  it('every label, description and detail fits one line; the explanation is split into items', () => {
    for (const answer of answers) {
      const items = whyItems(answer, NOW, t);
      for (const item of items)
        for (const text of [item.label, item.description, item.detail])
          if (text !== undefined) assert.ok(text.length <= LIMIT, `${text.length} > ${LIMIT}: ${text}`);
      // Why the order is so: more than one item between the first line and the order, none of them a separator.
      const why = items.slice(
        2,
        items.findIndex((i, n) => n > 1 && i.separator),
      );
      assert.ok(why.length >= 2, answer.source);
    }
  });

  it('keeps what the answer says: the first profile, the order, each skipped profile with its reason', () => {
    const automatic = must(
      answers.find((a) => a.source === 'automatic' && a.firstState === 'usable'),
      'automatic answer',
    );
    const items = whyItems(automatic, NOW, t);
    assert.equal(items[0]?.label, 'OpenClaw tries anthropic:a first.');
    assert.deepEqual(
      items.filter((i) => i.separator).map((i) => i.label),
      ['Why this order', 'Order OpenClaw tries', 'Not tried'],
    );
    const b = items.find((i) => i.profileId === 'anthropic:b');
    assert.match(b?.description ?? '', /^cooling down \(rate_limit\) until /);
    assert.equal(b?.detail, 'Tried only when nothing else is left.');
    assert.equal(items.find((i) => i.profileId === 'anthropic:a')?.description, 'used first');
    assert.equal(
      items.find((i) => i.profileId === 'anthropic:e')?.description,
      'no usable credential (unresolved secret reference)',
    );
    assert.deepEqual(
      items.filter((i) => i.profileId && !automatic.tried.includes(i.profileId)).map((i) => i.label),
      ['anthropic:d', 'anthropic:e', 'anthropic:f', 'anthropic:g', 'anthropic:h'],
    );
  });
});
