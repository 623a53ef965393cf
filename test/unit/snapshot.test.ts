import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Location, ParsedConfig, StoredCredential, StoresResult } from '../../src/openclaw/model';
import { buildSnapshot, Reader } from '../../src/openclaw/snapshot';
import type { Snapshot } from '../../src/openclaw/types';
import { describeProfile, untranslated } from '../../src/ui/format';
import { must } from '../fixtures/must';

const NOW = 1_795_600_000_000;
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

const config: ParsedConfig = {
  exists: true,
  auth: {
    profiles: {
      'anthropic:max': { provider: 'anthropic', mode: 'oauth', email: 'me@example.com' },
      'anthropic:ghost': { provider: 'anthropic', mode: 'token' },
    },
    order: {},
  },
  agents: [
    { id: 'main', agentDir: '/h/.openclaw/agents/main/agent', isDefault: true },
    { id: 'work', name: 'Work', agentDir: '/h/.openclaw/agents/work/agent', isDefault: false },
  ],
  envVars: {},
  raw: {},
};

const stores: StoresResult = {
  generation: 'sqlite-shared',
  readPath: 'in-process',
  warnings: [{ code: 'STORE_UNREADABLE', message: 'from the store reader' }],
  watchPaths: ['/h/.openclaw/state/openclaw.sqlite-wal'],
  agents: {
    main: {
      agentId: 'main',
      profiles: {
        'anthropic:max': cred({
          type: 'oauth',
          provider: 'anthropic',
          access: 'FAKE-access',
          refresh: 'FAKE-refresh',
          expires: NOW + 2 * 3_600_000,
        }),
        'anthropic:manual': cred({
          type: 'token',
          provider: 'anthropic',
          token: 'sk-ant-oat01-FAKE-manual-token-0000000000',
        }),
        'openrouter:manual': cred({ type: 'api_key', provider: 'openrouter', key: 'sk-or-FAKE' }),
        'openrouter:old': cred({
          type: 'token',
          provider: 'openrouter',
          token: 'FAKE-old-token-value',
          expires: 1_795_600_000,
        }),
      },
      state: {
        order: {},
        lastGood: {},
        usageStats: { 'anthropic:max': { cooldownUntil: NOW + 60_000, cooldownReason: 'rate_limit' } },
      },
    },
  },
};

function build(extra: Partial<Parameters<typeof buildSnapshot>[0]> = {}): Snapshot {
  return buildSnapshot({
    loc,
    config,
    stores,
    now: NOW,
    warnWindowMs: DAY,
    envCreds: [{ provider: 'openai', variable: 'OPENAI_API_KEY', source: 'process', masked: 'sk-proj-...abcdefgh' }],
    cli: { path: '/usr/bin/openclaw', version: '2026.9.6', nodeCandidates: [] },
    ...extra,
  });
}

/** The i-th item; fails the test with a plain message (not a TypeError later) when the list is shorter. */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  assert.ok(item !== undefined, `no item ${i} in a list of ${list.length}`);
  return item;
}

describe('buildSnapshot', () => {
  it('assembles providers in effective order with health, usage, masking and exclusions', () => {
    const snap = build();
    const main = at(snap.agents, 0);
    assert.deepEqual(
      main.providers.map((p) => [p.id, p.orderSource, p.health]),
      [
        ['anthropic', 'config-profiles', 'expiring'],
        ['openai', 'automatic', 'static'],
        ['openrouter', 'automatic', 'static'],
      ],
    );
    const anthropic = at(main.providers, 0);
    // `order` is what `models status` calls effectiveProfiles: the declared-only ghost cannot be tried.
    assert.deepEqual(
      [anthropic.order, anthropic.sequence, anthropic.storedOrder],
      [['anthropic:max'], ['anthropic:max'], undefined],
    );
    assert.deepEqual(
      anthropic.profiles.map((p) => [p.id, p.health, p.orderIndex, p.excluded, p.declaredOnly]),
      [
        ['anthropic:max', 'expiring', 0, undefined, undefined],
        ['anthropic:ghost', 'missing', undefined, undefined, true],
        ['anthropic:manual', 'static', undefined, true, undefined],
      ],
    );
    const max = at(anthropic.profiles, 0);
    assert.deepEqual(
      [max.cooldownUntil, max.cooldownReason, max.refreshable, max.email, max.store, max.masked],
      [NOW + 60_000, 'rate_limit', true, 'me@example.com', 'sqlite-shared', undefined],
    );
    assert.equal(at(anthropic.profiles, 2).masked, 'sk-ant-o...00000000');
    const openrouter = at(main.providers, 2);
    assert.deepEqual(
      openrouter.profiles.map((p) => [p.id, p.health, p.masked, p.expiryLooksLikeSeconds]),
      [
        ['openrouter:manual', 'static', 'sk...KE', undefined],
        ['openrouter:old', 'expired', 'FAKE-old...en-value', true],
      ],
    );
    assert.deepEqual(
      at(main.providers, 1).env?.map((e) => e.variable),
      ['OPENAI_API_KEY'],
    );
    assert.equal(JSON.stringify(snap).includes('FAKE-access'), false);
    assert.equal(JSON.stringify(snap).includes('sk-ant-oat01-FAKE-manual'), false);
  });

  it('warns about declared-only profiles per agent, seconds expiries, and keeps store warnings', () => {
    const snap = build();
    const codes = snap.warnings.map((w) => `${w.code}:${w.agent ?? ''}:${w.profileId ?? ''}`);
    assert.deepEqual(codes.sort(), [
      'EXPIRY_IN_SECONDS:main:openrouter:old',
      'PROFILE_DECLARED_NOT_STORED:main:anthropic:ghost',
      'PROFILE_DECLARED_NOT_STORED:work:anthropic:ghost',
      'STORE_UNREADABLE::',
    ]);
    // anthropic:max is declared in the shared config and held by main: not a missing profile of work.
    assert.equal(
      at(at(snap.agents, 1).providers, 0).profiles.some((p) => p.id === 'anthropic:max'),
      false,
    );
    const work = at(snap.agents, 1);
    assert.deepEqual([work.name, at(work.providers, 0).health], ['Work', 'missing']);
  });

  it('warns when the CLI is missing or too old', () => {
    assert.ok(build({ cli: undefined }).warnings.some((w) => w.code === 'CLI_MISSING'));
    const old = build({ cli: { path: '/x/openclaw', version: '2026.4.1', nodeCandidates: [] } });
    assert.ok(old.warnings.some((w) => w.code === 'CLI_TOO_OLD' && w.message.includes('2026.4.1')));
    assert.equal(old.cli?.version, '2026.4.1');
  });

  it("keeps OpenClaw's own default agent (the UI's choice is applied in ui/) and freezes everything", () => {
    const snap = build();
    assert.deepEqual(
      snap.agents.map((a) => a.isDefault),
      [true, false],
    );
    assert.ok(
      Object.isFrozen(snap) &&
        Object.isFrozen(at(at(at(snap.agents, 0).providers, 0).profiles, 0)) &&
        Object.isFrozen(snap.warnings),
    );
    assert.throws(() => {
      (at(at(at(snap.agents, 0).providers, 0).profiles, 0) as { health: string }).health = 'ok';
    }, TypeError);
    assert.deepEqual(
      [snap.takenAt, snap.warnWindowMs, snap.generation, snap.readPath, snap.stateFound],
      [NOW, DAY, 'sqlite-shared', 'in-process', true],
    );
    assert.ok(snap.watchPaths.includes('/h/.openclaw/openclaw.json') && snap.watchPaths.includes('/h/.openclaw/.env'));
  });

  it('rolls up a provider whose only profile is an explicitly ordered expired token', () => {
    const s2: StoresResult = {
      ...stores,
      agents: {
        main: {
          agentId: 'main',
          profiles: { 'x:t': cred({ type: 'token', provider: 'x', token: 'tok-FAKE-0000', expires: NOW - 1 }) },
          state: { order: { x: ['x:t'] }, lastGood: {}, usageStats: {} },
        },
      },
    };
    const p = at(
      build({ stores: s2, config: { ...config, auth: { profiles: {}, order: {} } } }).agents,
      0,
    ).providers.find((q) => q.id === 'x');
    assert.deepEqual([p?.orderSource, p?.order, p?.health], ['stored', ['x:t'], 'expired']);
  });

  it('order is what OpenClaw tries; sequence adds the skipped ones; an empty explicit order tries nothing', () => {
    const profiles = {
      'x:old': cred({ type: 'token', provider: 'x', token: 'tok-FAKE-0001', expires: NOW - 1 }),
      'x:new': cred({ type: 'token', provider: 'x', token: 'tok-FAKE-0002', expires: NOW + 30 * DAY }),
    };
    const withOrder = (order: Record<string, string[]>) =>
      must(
        at(
          build({
            stores: {
              ...stores,
              agents: { main: { agentId: 'main', profiles, state: { order, lastGood: {}, usageStats: {} } } },
            },
            config: { ...config, auth: { profiles: {}, order: {} } },
          }).agents,
          0,
        ).providers.find((q) => q.id === 'x'),
        'provider x',
      );
    const p = withOrder({ x: ['x:old', 'x:new'] });
    assert.deepEqual(
      [p.order, p.sequence, p.storedOrder, p.health],
      [['x:new'], ['x:new', 'x:old'], ['x:old', 'x:new'], 'ok'],
    );
    assert.deepEqual(
      p.profiles.map((r) => [r.id, r.orderIndex]),
      [
        ['x:new', 0],
        ['x:old', 1],
      ],
    );
    const empty = withOrder({ x: [] });
    assert.deepEqual([empty.order, empty.health], [[], 'missing']);
  });
});

describe('Reader', () => {
  it('reads a home with a broken config: CONFIG_INVALID, defaults, dotenv credentials, Claude login', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-reader-'));
    fs.mkdirSync(path.join(home, '.openclaw'));
    fs.writeFileSync(path.join(home, '.openclaw', 'openclaw.json'), '{ auth: { profiles: ');
    fs.writeFileSync(
      path.join(home, '.openclaw', '.env'),
      'ANTHROPIC_API_KEY=sk-ant-api03-FAKEAPIKEY-0123456789abcdef\n',
    );
    fs.mkdirSync(path.join(home, '.claude'));
    fs.writeFileSync(
      path.join(home, '.claude', '.credentials.json'),
      JSON.stringify({ claudeAiOauth: { accessToken: 'FAKE', refreshToken: 'FAKE', expiresAt: NOW + 3 * DAY } }),
    );
    const reader = new Reader({ env: { HOME: home }, homedir: home, warnWindowMs: DAY, now: () => NOW });
    const snap = await reader.read();
    assert.ok(
      snap.warnings.some(
        (w) => w.code === 'CONFIG_INVALID' && w.path === path.join(home, '.openclaw', 'openclaw.json'),
      ),
    );
    assert.deepEqual(
      snap.agents.map((a) => [a.id, a.isDefault]),
      [['main', true]],
    );
    const anthropic = at(snap.agents, 0).providers.find((p) => p.id === 'anthropic');
    assert.deepEqual(anthropic?.env, [
      {
        provider: 'anthropic',
        variable: 'ANTHROPIC_API_KEY',
        source: 'dotenv',
        sourcePath: path.join(home, '.openclaw', '.env'),
        masked: 'sk-ant-a...89abcdef',
      },
    ]);
    assert.deepEqual([snap.claudeCli?.health, snap.claudeCli?.refreshable], ['ok', true]);
    assert.equal(snap.stateDir, path.join(home, '.openclaw'));
    assert.ok(snap.readMs >= 0);
    assert.equal(JSON.stringify(snap).includes('FAKEAPIKEY'), false);
  });
  it('SecretRef profiles say where the secret comes from; an env ref set nowhere is a SECRET_REF_UNSET warning', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-reader-refs-'));
    const agentDir = path.join(home, '.openclaw', 'agents', 'main', 'agent');
    fs.mkdirSync(agentDir, { recursive: true });
    fs.writeFileSync(path.join(home, '.openclaw', 'openclaw.json'), '{}');
    fs.writeFileSync(path.join(home, '.openclaw', '.env'), 'OC_REF_IN_DOTENV=FAKE-dotenv-value-0123456789\n');
    const ref = (source: string, id: string) => ({ source, provider: 'default', id });
    fs.writeFileSync(
      path.join(agentDir, 'auth-profiles.json'),
      JSON.stringify({
        version: 1,
        profiles: {
          'openrouter:ref': { type: 'api_key', provider: 'openrouter', keyRef: ref('env', 'OC_REF_UNSET') },
          'openai:ref': { type: 'api_key', provider: 'openai', keyRef: ref('env', 'OC_REF_IN_DOTENV') },
          'anthropic:ref': { type: 'token', provider: 'anthropic', tokenRef: ref('env', 'OC_REF_IN_PROCESS') },
          'xai:vault': { type: 'api_key', provider: 'xai', key: ref('exec', 'vault-xai') },
        },
      }),
    );
    const env = { HOME: home, OC_REF_IN_PROCESS: 'FAKE-process-value-0123456789' };
    const snap = await new Reader({ env, homedir: home, warnWindowMs: DAY, now: () => NOW }).read();
    const refs = Object.fromEntries(
      at(snap.agents, 0).providers.flatMap((p) => p.profiles.map((r) => [r.id, r.secretRef])),
    );
    assert.deepEqual(refs, {
      'anthropic:ref': {
        source: 'env',
        id: 'OC_REF_IN_PROCESS',
        provider: 'default',
        resolves: true,
        setIn: 'process',
      },
      'openai:ref': { source: 'env', id: 'OC_REF_IN_DOTENV', provider: 'default', resolves: true, setIn: 'dotenv' },
      'openrouter:ref': { source: 'env', id: 'OC_REF_UNSET', provider: 'default', resolves: false },
      // Never resolved: an exec ref would run a program.
      'xai:vault': { source: 'exec', id: 'vault-xai', provider: 'default' },
    });
    assert.deepEqual(
      snap.warnings.filter((w) => w.code === 'SECRET_REF_UNSET').map((w) => [w.profileId, w.params?.variable]),
      [['openrouter:ref', 'OC_REF_UNSET']],
    );
    assert.equal(JSON.stringify(snap).includes('FAKE-'), false, 'no value of a variable reaches the snapshot');
  });

  it('an API key that is only an env SecretRef to a variable set nowhere is missing (unresolved_ref), not healthy', async () => {
    // OpenClaw 2026.9.6 on such a home: profile `static` in auth health, but the route `indeterminate` in
    // `models status --json` (--check exit 1) and `status.degradedSecretOwners` on its gateway (health.ts withUnresolvedRef).
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-reader-unresolved-'));
    const agentDir = path.join(home, '.openclaw', 'agents', 'main', 'agent');
    fs.mkdirSync(agentDir, { recursive: true });
    fs.writeFileSync(path.join(home, '.openclaw', 'openclaw.json'), '{}');
    const ref = (id: string) => ({ source: 'env', provider: 'default', id });
    fs.writeFileSync(
      path.join(agentDir, 'auth-profiles.json'),
      JSON.stringify({
        version: 1,
        profiles: {
          'openrouter:default': { type: 'api_key', provider: 'openrouter', keyRef: ref('OPENROUTER_API_KEY') },
          'openai:ref': { type: 'api_key', provider: 'openai', keyRef: ref('OC_REF_SET') },
          'anthropic:ref': { type: 'token', provider: 'anthropic', tokenRef: ref('OC_REF_UNSET_TOKEN') },
        },
      }),
    );
    const env = { HOME: home, OC_REF_SET: 'FAKE-set-value-0123456789' };
    const snap = await new Reader({ env, homedir: home, warnWindowMs: DAY, now: () => NOW }).read();
    const providers = at(snap.agents, 0).providers;
    const row = (id: string) => providers.flatMap((p) => p.profiles).find((p) => p.id === id);
    assert.deepEqual(
      [row('openrouter:default')?.health, row('openrouter:default')?.reasonCode],
      ['missing', 'unresolved_ref'],
    );
    assert.deepEqual([row('anthropic:ref')?.health, row('anthropic:ref')?.reasonCode], ['missing', 'unresolved_ref']);
    assert.deepEqual([row('openai:ref')?.health, row('openai:ref')?.reasonCode], ['static', undefined]);
    assert.equal(providers.find((p) => p.id === 'openrouter')?.health, 'missing');
    assert.equal(providers.find((p) => p.id === 'openai')?.health, 'static');
    // Still in the order, as OpenClaw keeps it there (a configured ref is eligible).
    assert.deepEqual(providers.find((p) => p.id === 'openrouter')?.order, ['openrouter:default']);
    assert.equal(
      describeProfile(must(row('openrouter:default'), 'row'), NOW, untranslated),
      'api key · from env OPENROUTER_API_KEY (not set) · missing: unresolved secret reference',
    );
    assert.equal(JSON.stringify(snap).includes('FAKE-'), false);
  });
});
