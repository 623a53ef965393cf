// The rules beside the live gateway, on plain data: the local read against `models.authStatus` (compare.ts),
// usage windows (usage.ts) and which writes go through the gateway (writes.ts). The real gateway is in
// test/interop/gateway-differential.test.ts; these pin the edge cases it cannot easily reach.

import * as assert from 'node:assert/strict';
import { compareAgent, differencesFor, heldByWrite, HOLD_AFTER_WRITE_MS } from '../../src/openclaw/gateway/compare';
import { authStatusSchema, type AuthStatus } from '../../src/openclaw/gateway/schemas';
import {
  statusBarPart,
  usageAlerts,
  usageParts,
  usageState,
  usageUnavailableReason,
  windowKey,
} from '../../src/openclaw/gateway/usage';
import {
  clearOrderViaGateway,
  confirmWhenAnswered,
  logoutViaGateway,
  setOrderViaGateway,
  type GatewayWriter,
} from '../../src/openclaw/gateway/writes';
import type { Agent, Profile, Provider } from '../../src/openclaw/types';
import { must } from '../fixtures/must';

const AT = Date.UTC(2026, 11, 30, 12, 0, 0);

function profile(over: Partial<Profile> & { id: string }): Profile {
  return { provider: 'anthropic', type: 'token', health: 'ok', ...over };
}
function provider(over: Partial<Provider> & { id: string; profiles: Profile[] }): Provider {
  return {
    order: over.profiles.map((p) => p.id),
    orderSource: 'automatic',
    sequence: over.profiles.map((p) => p.id),
    ...over,
  };
}
function agent(providers: Provider[]): Agent {
  return { id: 'main', isDefault: true, agentDir: '/h/.openclaw/agents/main/agent', providers };
}
/** Through the real schema, as the connection does, so the test sees what the UI sees. */
function status(raw: unknown): AuthStatus {
  return authStatusSchema().parse(raw);
}

const local = agent([
  provider({
    id: 'anthropic',
    profiles: [
      profile({ id: 'anthropic:work', expiresAt: AT }),
      profile({ id: 'anthropic:manual', type: 'api_key', health: 'static' }),
    ],
    orderSource: 'stored',
    storedOrder: ['anthropic:manual', 'anthropic:work'],
  }),
  provider({
    id: 'openrouter',
    profiles: [profile({ id: 'openrouter:default', provider: 'openrouter', type: 'api_key', health: 'static' })],
  }),
]);
type RawProfile = { profileId: string; type: string; status: string; [k: string]: unknown };
type RawProvider = { provider: string; status: string; profiles: RawProfile[]; [k: string]: unknown };
const agreeing: { ts: number; providers: RawProvider[] } = {
  ts: 1,
  providers: [
    {
      provider: 'anthropic',
      status: 'ok',
      profiles: [
        {
          profileId: 'anthropic:work',
          type: 'token',
          status: 'ok',
          source: 'saved',
          expiry: { at: AT },
          lastUsedAt: 5,
          logoutSupported: true,
        },
        { profileId: 'anthropic:manual', type: 'api_key', status: 'static', source: 'saved', logoutSupported: true },
      ],
      profileOrder: ['anthropic:manual', 'anthropic:work'],
      profileOrderStored: true,
    },
    {
      provider: 'openrouter',
      status: 'static',
      profiles: [{ profileId: 'openrouter:default', type: 'api_key', status: 'static' }],
    },
    // An environment key: a provider with no profile is not compared.
    { provider: 'openai', status: 'static', profiles: [], apiKey: { source: 'env' } },
  ],
};

describe('gateway compare: the local read against models.authStatus', () => {
  it('agrees when ids, types, status, expiry and stored order match, and keeps what the gateway adds', () => {
    const c = compareAgent(local, status(agreeing));
    assert.deepEqual(c.differences, []);
    assert.equal(c.profiles['anthropic:work']?.lastUsedAt, 5);
    assert.equal(c.profiles['anthropic:work']?.source, 'saved');
    assert.equal(c.providers.anthropic?.orderStored, true);
  });

  it('names each disagreement with both values: status, expiry, type, order, and profiles only one side has', () => {
    const raw = structuredClone(agreeing);
    const work = must(must(raw.providers[0], 'raw.providers[0]').profiles[0], 'raw.providers[0].profiles[0]');
    work.status = 'expired';
    work.expiry = { at: AT - 1000 };
    must(must(raw.providers[0], 'raw.providers[0]').profiles[1], 'raw.providers[0].profiles[1]').type = 'token';
    must(raw.providers[0], 'raw.providers[0]').profileOrder = ['anthropic:work', 'anthropic:manual'];
    must(raw.providers[1], 'raw.providers[1]').profiles.push({
      profileId: 'openrouter:old',
      type: 'api_key',
      status: 'static',
    });
    const c = compareAgent(local, status(raw));
    const kinds = c.differences.map(
      (d) => `${d.kind} ${d.profileId ?? d.provider} ${d.local ?? '-'} ${d.gateway ?? '-'}`,
    );
    assert.deepEqual(kinds.sort(), [
      `expiry anthropic:work ${AT} ${AT - 1000}`,
      'order anthropic anthropic:manual,anthropic:work anthropic:work,anthropic:manual',
      'profile-only-in-gateway openrouter:old - -',
      'status anthropic:work ok expired',
      'type anthropic:manual api_key token',
    ]);
    assert.equal(differencesFor(c, 'anthropic').length, 1, 'the provider row gets the order');
    assert.equal(differencesFor(c, 'anthropic', 'anthropic:work').length, 2);
  });

  it('ok vs expiring with the same expiry is the warning window, not a disagreement; unknown local health claims nothing', () => {
    const raw = structuredClone(agreeing);
    must(must(raw.providers[0], 'raw.providers[0]').profiles[0], 'raw.providers[0].profiles[0]').status = 'expiring';
    assert.deepEqual(compareAgent(local, status(raw)).differences, []);
    const unread = agent([
      provider({
        ...must(local.providers[0], 'local.providers[0]'),
        profiles: must(local.providers[0], 'local.providers[0]').profiles.map((p) => ({
          ...p,
          health: 'unknown' as const,
        })),
      }),
      must(local.providers[1], 'local.providers[1]'),
    ]);
    must(must(raw.providers[0], 'raw.providers[0]').profiles[0], 'raw.providers[0].profiles[0]').status = 'expired';
    assert.deepEqual(compareAgent(unread, status(raw)).differences, []);
  });

  it('an expired token: the gateway withholds its expiry (2026.9.6) — not a difference; a withheld live expiry is', () => {
    const expired = agent([
      provider({ id: 'anthropic', profiles: [profile({ id: 'anthropic:old', expiresAt: AT, health: 'expired' })] }),
    ]);
    const raw = {
      providers: [
        {
          provider: 'anthropic',
          status: 'expired',
          profiles: [{ profileId: 'anthropic:old', type: 'token', status: 'expired', reasonCode: 'expired' }],
        },
      ],
    };
    assert.deepEqual(compareAgent(expired, status(raw)).differences, []);
    must(must(raw.providers[0], 'raw.providers[0]').profiles[0], 'raw.providers[0].profiles[0]').status = 'ok';
    assert.deepEqual(
      compareAgent(expired, status(raw))
        .differences.map((d) => d.kind)
        .sort(),
      ['expiry', 'status'],
    );
  });

  it('a change the gateway has not loaded: a provider or profile only in the files, and no stored order on its side', () => {
    const raw = structuredClone(agreeing);
    must(raw.providers[0], 'raw.providers[0]').profiles.pop();
    delete (raw.providers[0] as { profileOrderStored?: boolean }).profileOrderStored;
    raw.providers.splice(1, 1);
    const c = compareAgent(local, status(raw));
    assert.deepEqual(c.differences.map((d) => `${d.kind} ${d.profileId ?? d.provider}`).sort(), [
      'order anthropic',
      'profile-only-local anthropic:manual',
      'provider-only-local openrouter',
    ]);
  });

  it('declared-only profiles are skipped on both sides; the locked order (a string in 2026.9.6) is kept', () => {
    const declared = agent([
      provider({
        ...must(local.providers[0], 'local.providers[0]'),
        profiles: [
          ...must(local.providers[0], 'local.providers[0]').profiles,
          profile({ id: 'anthropic:cfg', declaredOnly: true, health: 'missing' }),
        ],
      }),
      must(local.providers[1], 'local.providers[1]'),
    ]);
    const raw = structuredClone(agreeing);
    must(raw.providers[0], 'raw.providers[0]').profiles.push({
      profileId: 'anthropic:cfg',
      type: 'token',
      status: 'missing',
    });
    must(raw.providers[0], 'raw.providers[0]').profileOrderLocked = 'auth-config';
    const c = compareAgent(declared, status(raw));
    assert.deepEqual(c.differences, []);
    assert.equal(c.providers.anthropic?.locked, 'auth-config');
  });
});

describe('gateway usage rules', () => {
  const usage = (windows: Array<{ label: string; usedPercent: number; resetAt?: number }>, refreshing?: boolean) => ({
    providers: windows.length ? [{ provider: 'anthropic', displayName: 'Claude', windows }] : [],
    ...(refreshing ? { refreshing } : {}),
  });

  it('the status bar names the fullest window, the earliest reset on a tie; percentages are clamped', () => {
    const u = usage([
      { label: 'Week', usedPercent: 62, resetAt: AT + 5 },
      { label: '5h', usedPercent: 62, resetAt: AT },
      { label: 'Opus', usedPercent: 140 },
    ]);
    assert.equal(statusBarPart(u)?.label, 'Opus');
    assert.equal(statusBarPart(u)?.usedPercent, 100);
    assert.equal(statusBarPart(usage(must(u.providers[0], 'u.providers[0]').windows.slice(0, 2)))?.label, '5h');
    assert.equal(statusBarPart(undefined), undefined);
  });

  it('states: none, refreshing (cold answer), empty, windows', () => {
    assert.equal(usageState(undefined), 'none');
    assert.equal(usageState(usage([], true)), 'refreshing');
    assert.equal(usageState(usage([])), 'empty');
    assert.equal(usageState(usage([{ label: '5h', usedPercent: 1 }])), 'windows');
    assert.equal(usageParts(usage([{ label: '5h', usedPercent: Number.NaN }])).length, 0);
  });

  it('warns once per window per reset; a window with no reset time warns again only after dropping below', () => {
    let warned = new Set<string>();
    const step = (u: ReturnType<typeof usage>, threshold = 90) => {
      const r = usageAlerts(u, threshold, warned);
      warned = r.warned;
      return r.alerts.map((a) => `${a.label} ${a.usedPercent}`);
    };
    assert.deepEqual(step(usage([{ label: '5h', usedPercent: 89, resetAt: AT }])), []);
    assert.deepEqual(step(usage([{ label: '5h', usedPercent: 91, resetAt: AT }])), ['5h 91']);
    assert.deepEqual(step(usage([{ label: '5h', usedPercent: 95, resetAt: AT }])), [], 'not twice in one window');
    assert.deepEqual(step(usage([], true)), [], 'refreshing is not a reset');
    assert.deepEqual(step(usage([{ label: '5h', usedPercent: 95, resetAt: AT }])), [], 'still the same window');
    assert.deepEqual(
      step(usage([{ label: '5h', usedPercent: 92, resetAt: AT + 5 * 3_600_000 }])),
      ['5h 92'],
      'after the reset',
    );
    assert.deepEqual(step(usage([{ label: 'Week', usedPercent: 90 }])), ['Week 90']);
    assert.deepEqual(step(usage([{ label: 'Week', usedPercent: 50 }])), []);
    assert.deepEqual(step(usage([{ label: 'Week', usedPercent: 99 }])), ['Week 99'], 'climbed again');
    assert.deepEqual(step(usage([{ label: 'Week', usedPercent: 100 }]), 0), [], '0 turns warnings off');
    assert.equal(windowKey({ provider: 'Anthropic', label: '5h', usedPercent: 1, resetAt: 7 }), 'anthropic|5h|7');
  });

  it('an Anthropic API key cannot report usage; a token, or another provider, says nothing', () => {
    const key = profile({ id: 'anthropic:manual', type: 'api_key' });
    assert.equal(usageUnavailableReason({ id: 'anthropic', profiles: [key] }), 'api-key');
    assert.equal(
      usageUnavailableReason({ id: 'anthropic', profiles: [key, profile({ id: 'anthropic:work' })] }),
      undefined,
    );
    assert.equal(usageUnavailableReason({ id: 'openai', profiles: [{ ...key, provider: 'openai' }] }), undefined);
    assert.equal(usageUnavailableReason({ id: 'anthropic', profiles: [] }), undefined);
  });
});

describe('gateway writes: which go through the gateway', () => {
  /** Records calls; answers like the 2026.9.6 gateway (the interop test checks the real one). */
  function recorder(after: AuthStatus, refuse?: string): GatewayWriter & { calls: string[] } {
    const calls: string[] = [];
    const fail = () => Object.assign(new Error('refused'), { name: 'GatewayRequestError', code: refuse });
    return {
      calls,
      authStatus: () => Promise.resolve(after),
      authOrderSet: (p) => {
        calls.push(`order ${p.provider} ${p.profileIds === null ? 'null' : p.profileIds.join(',')} ${p.agentId}`);
        return refuse ? Promise.reject(fail()) : Promise.resolve({});
      },
      authLogout: (p) => {
        calls.push(`logout ${p.provider} ${p.profileIds.join(',')}`);
        return refuse ? Promise.reject(fail()) : Promise.resolve({ removedProfiles: p.profileIds });
      },
    };
  }
  const known = status(agreeing);

  it('order set with every profile goes through the gateway and is confirmed in authStatus', async () => {
    const after = structuredClone(agreeing);
    must(after.providers[0], 'after.providers[0]').profileOrder = ['anthropic:work', 'anthropic:manual'];
    const gw = recorder(status(after));
    const r = await setOrderViaGateway(gw, known, {
      agentId: 'main',
      provider: 'anthropic',
      profileIds: ['anthropic:work', 'anthropic:manual'],
    });
    assert.equal(r.route, 'gateway');
    assert.equal(r.route === 'gateway' && r.confirmed, true);
    assert.deepEqual(gw.calls, ['order anthropic anthropic:work,anthropic:manual main']);
  });

  it('a subset, a locked order or an id the gateway does not know stays with the CLI, and nothing is sent', async () => {
    const gw = recorder(known);
    const subset = await setOrderViaGateway(gw, known, {
      agentId: 'main',
      provider: 'anthropic',
      profileIds: ['anthropic:work'],
    });
    assert.deepEqual(subset, { route: 'cli', reason: 'subset' });
    const unknown = await setOrderViaGateway(gw, known, {
      agentId: 'main',
      provider: 'anthropic',
      profileIds: ['anthropic:new', 'anthropic:work', 'anthropic:manual'],
    });
    assert.deepEqual(unknown, { route: 'cli', reason: 'unknown-to-gateway' });
    const lockedRaw = structuredClone(agreeing);
    must(lockedRaw.providers[0], 'lockedRaw.providers[0]').profileOrderLocked = 'provider-config';
    assert.deepEqual(await clearOrderViaGateway(gw, status(lockedRaw), { agentId: 'main', provider: 'anthropic' }), {
      route: 'cli',
      reason: 'locked',
    });
    assert.deepEqual(await logoutViaGateway(gw, known, { agentId: 'main', profileId: 'openrouter:default' }), {
      route: 'cli',
      reason: 'not-removable',
    });
    assert.deepEqual(gw.calls, []);
  });

  it('a refusal before writing (INVALID_REQUEST) hands over to the CLI; a confirmed logout is gone from authStatus', async () => {
    const refused = await setOrderViaGateway(recorder(known, 'INVALID_REQUEST'), known, {
      agentId: 'main',
      provider: 'anthropic',
      profileIds: ['anthropic:work', 'anthropic:manual'],
    });
    assert.deepEqual(refused, { route: 'cli', reason: 'refused', code: 'INVALID_REQUEST' });
    await assert.rejects(
      setOrderViaGateway(recorder(known, 'UNAVAILABLE'), known, {
        agentId: 'main',
        provider: 'anthropic',
        profileIds: ['anthropic:work', 'anthropic:manual'],
      }),
      /refused/,
    );
    const after = structuredClone(agreeing);
    must(after.providers[0], 'after.providers[0]').profiles.shift();
    const gw = recorder(status(after));
    const r = await logoutViaGateway(gw, known, { agentId: 'main', profileId: 'anthropic:work' });
    assert.equal(r.route === 'gateway' && r.confirmed, true);
    assert.deepEqual(gw.calls, ['logout anthropic anthropic:work']);
  });

  it('a logout the gateway cannot answer for yet (still preparing, `unavailable`) is confirmed once it answers', async () => {
    const after = structuredClone(agreeing);
    must(after.providers[0], 'after.providers[0]').profiles.shift();
    const gw = recorder(status(after));
    let unanswered = 1;
    gw.authStatus = () =>
      unanswered-- > 0
        ? Promise.reject(
            Object.assign(new Error('unavailable'), {
              name: 'GatewayRequestError',
              code: 'PREPARED_MODEL_AUTH_UNAVAILABLE',
            }),
          )
        : Promise.resolve(status(after));
    const r = await logoutViaGateway(gw, known, { agentId: 'main', profileId: 'anthropic:work' });
    assert.equal(r.route === 'gateway' && r.confirmed, true, JSON.stringify(r));
    assert.equal(unanswered, -1, 'asked twice');
  });

  it('the confirmation gives up within its budget while unanswered; another failure or a real "no" is false at once', async () => {
    const unavailable = () => Promise.reject(Object.assign(new Error('x'), { code: 'UNAVAILABLE' }));
    let asked = 0;
    const started = performance.now();
    assert.equal(
      await confirmWhenAnswered(() => {
        asked++;
        return unavailable();
      }, 700),
      false,
    );
    assert.equal(asked, 2, 'asked, waited 500 ms, asked again; the next wait would pass the budget');
    assert.ok(performance.now() - started < 700);
    asked = 0;
    assert.equal(
      await confirmWhenAnswered(() => {
        asked++;
        return Promise.reject(new Error('socket closed'));
      }, 700),
      false,
    );
    assert.equal(asked, 1);
    assert.equal(await confirmWhenAnswered(() => Promise.resolve(false), 700), false);
  });
});

describe('gateway compare: an env key reference set nowhere', () => {
  it("a local unresolved_ref against the gateway's static is no disagreement (authStatus never reports it)", () => {
    const unresolved = agent([
      must(local.providers[0], 'local.providers[0]'),
      provider({
        id: 'openrouter',
        profiles: [
          profile({
            id: 'openrouter:default',
            provider: 'openrouter',
            type: 'api_key',
            health: 'missing',
            reasonCode: 'unresolved_ref',
          }),
        ],
      }),
    ]);
    assert.deepEqual(compareAgent(unresolved, status(agreeing)).differences, []);
  });
});

describe('gateway compare: our own writes', () => {
  it('holds the comparison after our own write until both sides were read again, at most a few seconds', () => {
    const started = 1_000_000;
    const ended = started + 300;
    const sides = (localReadAt: number | undefined, gatewayAskedAt: number | undefined) => ({
      localReadAt,
      gatewayAskedAt,
    });
    // No write, or a write to another agent: never held.
    assert.equal(heldByWrite(undefined, 'main', sides(0, 0), started), false);
    assert.equal(heldByWrite({ agentId: 'work', startedAt: started }, 'main', sides(0, 0), started + 10), false);
    // While the write runs.
    assert.equal(
      heldByWrite({ agentId: 'main', startedAt: started }, 'main', sides(started + 100, 0), started + 200),
      true,
    );
    const write = { agentId: 'main', startedAt: started, endedAt: ended };
    // The moment of the screenshot: the local read has the new stored order, the gateway's answer is from before.
    assert.equal(heldByWrite(write, 'main', sides(started + 120, started - 5000), ended + 50), true);
    // The gateway re-asked after the write, the local read still from before it.
    assert.equal(heldByWrite(write, 'main', sides(started - 10, ended + 10), ended + 50), true);
    // Both read again: the comparison shows what it finds.
    assert.equal(heldByWrite(write, 'main', sides(started + 120, ended + 10), ended + 50), false);
    // A side that is never read again does not hide a real difference for long.
    assert.equal(heldByWrite(write, 'main', sides(started - 10, started - 10), ended + HOLD_AFTER_WRITE_MS), false);
  });
});
