// Every agent of a remote gateway: `agents.list` parsed (shape of 2026.9.6's listAgentsForGateway), each agent's
// auth status fetched with the older answer kept on a failure, the stored last answer validated, and the status
// bar's summary over all agents (an inherited profile counted once).

import * as assert from 'node:assert/strict';
import {
  fetchAgentStatuses,
  markUnresolved,
  parseAgentsList,
  parseStoredAgents,
  parseUnresolvedProfiles,
  type AgentStatusSource,
} from '../../src/openclaw/gateway/remoteAgents';
import { summarizeRemotes } from '../../src/openclaw/gateway/remoteSummary';
import type { RemoteView } from '../../src/openclaw/gateway/remoteSession';
import type { AuthStatus } from '../../src/openclaw/gateway/schemas';

/** As 2026.9.6 answers (fields it adds per agent trimmed to a few). */
const answer = {
  defaultId: 'main',
  ownership: 'config',
  selectionRequired: false,
  mainKey: 'main',
  scope: 'per-sender',
  agents: [
    { id: 'main', name: 'Main', workspace: '/w/main', model: { primary: 'anthropic/claude-opus-5' } },
    { id: 'ops', identity: { name: 'Ops bot', emoji: 'x' }, workspace: '/w/ops' },
  ],
};

const status = (profileId: string, st: string, source = 'saved'): AuthStatus => ({
  ts: 1,
  providers: [
    {
      provider: 'anthropic',
      status: st,
      profiles: [{ profileId, type: 'api_key', status: st, source }],
    },
  ],
});

describe('remote gateway: agents.list', () => {
  it('keeps id, name (or identity name) and default, default first', () => {
    assert.deepEqual(parseAgentsList(answer), {
      agents: [
        { id: 'main', name: 'Main', isDefault: true },
        { id: 'ops', name: 'Ops bot', isDefault: false },
      ],
      dropped: 0,
    });
    const reversed = { ...answer, defaultId: 'ops' };
    assert.deepEqual(
      parseAgentsList(reversed)?.agents.map((a) => a.id),
      ['ops', 'main'],
    );
  });

  it('drops ids outside the agent grammar, repeats and odd entries; caps the count', () => {
    const parsed = parseAgentsList({
      defaultId: 'main',
      agents: [
        { id: 'main' },
        { id: '--help' },
        { id: 'a b' },
        { id: 'main' },
        42,
        null,
        { name: 'no id' },
        { id: 'w2' },
      ],
    });
    assert.deepEqual(
      parsed?.agents.map((a) => a.id),
      ['main', 'w2'],
    );
    const many = parseAgentsList({ agents: Array.from({ length: 60 }, (_, i) => ({ id: `a${i}` })) }, 50);
    assert.equal(many?.agents.length, 50);
    assert.equal(many?.dropped, 10);
  });

  it('an answer without an agents array is no list', () => {
    assert.equal(parseAgentsList(undefined), undefined);
    assert.equal(parseAgentsList({ defaultId: 'main' }), undefined);
    assert.equal(parseAgentsList({ agents: 'main' }), undefined);
  });
});

describe('remote gateway: every agent fetched', () => {
  const source = (
    statuses: Record<string, AuthStatus | Error>,
    list: unknown = answer,
  ): AgentStatusSource & {
    asked: string[];
  } => {
    const asked: string[] = [];
    return {
      asked,
      request: (method) => (method === 'agents.list' ? Promise.resolve(list) : Promise.reject(new Error(method))),
      authStatus: (agentId) => {
        asked.push(agentId ?? '(none)');
        const s = statuses[agentId ?? ''];
        return s instanceof Error || !s ? Promise.reject(s ?? new Error('unknown')) : Promise.resolve(s);
      },
    };
  };

  it('asks authStatus once per listed agent', async () => {
    const src = source({ main: status('anthropic:a', 'ok'), ops: status('anthropic:b', 'expired') });
    const agents = await fetchAgentStatuses(src, undefined);
    assert.deepEqual(src.asked.sort(), ['main', 'ops']);
    assert.equal(agents?.[1]?.authStatus?.providers[0]?.profiles[0]?.profileId, 'anthropic:b');
  });

  it('a failed agent keeps its older answer and says why', async () => {
    const failing = Object.assign(new Error('boom'), { code: 'UNAVAILABLE' });
    const before = [{ id: 'ops', isDefault: false, authStatus: status('anthropic:old', 'ok') }];
    const agents = await fetchAgentStatuses(source({ main: status('anthropic:a', 'ok'), ops: failing }), before);
    const ops = agents?.find((a) => a.id === 'ops');
    assert.equal(ops?.failed, 'UNAVAILABLE');
    assert.equal(ops?.authStatus?.providers[0]?.profiles[0]?.profileId, 'anthropic:old');
  });

  it('no agents.list (an older gateway): undefined, the caller reads the default agent', async () => {
    const src = source({});
    src.request = () => Promise.reject(Object.assign(new Error('unknown method'), { code: 'INVALID_REQUEST' }));
    assert.equal(await fetchAgentStatuses(src, undefined), undefined);
    assert.deepEqual(src.asked, []);
  });

  it('MISSING_SCOPE is not swallowed (the session shows it as a failure)', async () => {
    const src = source({});
    src.request = () => Promise.reject(Object.assign(new Error('missing scope'), { code: 'MISSING_SCOPE' }));
    await assert.rejects(fetchAgentStatuses(src, undefined), /missing scope/);
  });

  it('a stored last answer is validated entry by entry', () => {
    const stored = parseStoredAgents([
      { id: 'main', isDefault: true, authStatus: status('anthropic:a', 'ok') },
      { id: '../x', authStatus: status('anthropic:b', 'ok') },
      { id: 'ops', name: 'Ops', authStatus: 'not an answer' },
    ]);
    assert.deepEqual(
      stored?.map((a) => [a.id, a.isDefault, !!a.authStatus]),
      [
        ['main', true, true],
        ['ops', false, false],
      ],
    );
    assert.equal(parseStoredAgents({}), undefined);
  });
});

describe('remote gateway: status bar summary over every agent', () => {
  it('counts each agent, an inherited profile once, and names the agent', () => {
    const view: RemoteView = {
      id: 'gw-000000000001',
      url: 'wss://gw.example',
      status: 'connected',
      stale: false,
      since: 0,
      authStatus: status('anthropic:a', 'expired'),
      agents: [
        { id: 'main', isDefault: true, authStatus: status('anthropic:a', 'expired') },
        { id: 'ops', isDefault: false, authStatus: status('anthropic:a', 'expired', 'inherited') },
        { id: 'work', isDefault: false, authStatus: status('anthropic:w', 'expiring') },
      ],
    };
    const summary = summarizeRemotes([view]);
    assert.equal(summary.expired, 1);
    assert.equal(summary.expiring, 1);
    assert.deepEqual(
      summary.all.map((a) => [a.agentId, a.profileId]),
      [
        ['main', 'anthropic:a'],
        ['work', 'anthropic:w'],
      ],
    );
    // One agent: no agent on the line, as before.
    const one = summarizeRemotes([{ ...view, agents: (view.agents ?? []).slice(0, 1) }]);
    assert.equal(one.all[0]?.agentId, undefined);
  });
});

describe('remote gateway: key references it cannot resolve', () => {
  // The `status` answer of a real 2026.9.6 gateway whose openrouter:default key is an env SecretRef to an unset
  // variable (`models.authStatus` said `static` for it); other fields trimmed.
  const gatewayStatus = {
    runtimeVersion: '2026.9.6',
    degradedSecretOwners: [
      {
        ownerKind: 'account',
        ownerId: '["/h/.openclaw/agents/main/agent/openclaw-agent.sqlite","openrouter:default"]',
        state: 'unavailable',
        degradationState: 'cold',
        paths: ['/h/.openclaw/agents/main/agent.auth-profiles.openrouter:default.key'],
        reason: 'secret reference was not found',
      },
      // A channel account: not an auth profile.
      { ownerKind: 'account', ownerId: 'telegram:default', paths: ['channels.telegram.botToken'], reason: 'x' },
      { ownerKind: 'account', paths: ['/h/.openclaw/agents/../agent.auth-profiles.a b.key'] },
      'odd',
    ],
  };
  const onlyRef: AuthStatus = {
    ts: 1,
    providers: [
      {
        provider: 'openrouter',
        status: 'static',
        profiles: [{ profileId: 'openrouter:default', type: 'api_key', status: 'static', source: 'inherited' }],
      },
      {
        provider: 'anthropic',
        status: 'static',
        profiles: [{ profileId: 'anthropic:manual', type: 'api_key', status: 'static', logoutSupported: true }],
      },
    ],
  };

  it('reads the auth profiles from status.degradedSecretOwners, with their agent', () => {
    assert.deepEqual(parseUnresolvedProfiles(gatewayStatus), [{ profileId: 'openrouter:default', agentId: 'main' }]);
    assert.deepEqual(parseUnresolvedProfiles({}), []);
    assert.deepEqual(parseUnresolvedProfiles('nope'), []);
  });

  it('the profile shows as missing (unresolved_ref), and so does a provider with nothing else', () => {
    const marked = markUnresolved(onlyRef, parseUnresolvedProfiles(gatewayStatus), 'main');
    const openrouter = marked.providers.find((p) => p.provider === 'openrouter');
    assert.equal(openrouter?.status, 'missing');
    assert.deepEqual(
      [openrouter?.profiles[0]?.status, openrouter?.profiles[0]?.reasonCode],
      ['missing', 'unresolved_ref'],
    );
    assert.equal(marked.providers.find((p) => p.provider === 'anthropic')?.status, 'static');
    // Another agent of the gateway is not touched; the answer itself is not changed in place.
    assert.equal(markUnresolved(onlyRef, parseUnresolvedProfiles(gatewayStatus), 'ops'), onlyRef);
    assert.equal(onlyRef.providers[0]?.status, 'static');
  });

  it('fetching every agent asks status once and marks what it names', async () => {
    const asked: string[] = [];
    const src: AgentStatusSource = {
      request: (method) => {
        asked.push(method);
        return Promise.resolve(
          method === 'agents.list' ? { defaultId: 'main', agents: [{ id: 'main' }] } : gatewayStatus,
        );
      },
      authStatus: () => Promise.resolve(onlyRef),
    };
    const agents = await fetchAgentStatuses(src, undefined);
    assert.deepEqual(asked.sort(), ['agents.list', 'status']);
    assert.equal(agents?.[0]?.authStatus?.providers[0]?.profiles[0]?.reasonCode, 'unresolved_ref');
  });
});
