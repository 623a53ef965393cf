// A remote gateway's rows as plain data: their ids (one per agent) and context values, checked against the menus in
// package.json, so a remote row offers Set/Clear Order, Remove and Test Connection exactly when that gateway can take
// them (connected with a known agent; an order not locked by config; a profile the gateway can log out).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuthStatusProvider } from '../../src/openclaw/gateway/schemas';
import { contextValue, nodeId, type TreeNode } from '../../src/ui/treeNodes';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, { command: string; when?: string }[]> };
};

/** The commands a row's context menu offers, by the `viewItem =~ /…/` clauses of the remote entries. */
function offered(node: TreeNode): string[] {
  const value = contextValue(node, 0);
  return (pkg.contributes.menus['view/item/context'] ?? [])
    .filter((m) => /viewItem =~ \/\^remote/.test(m.when ?? ''))
    .filter((m) => {
      const source = /viewItem =~ \/(.*?)\/(?: |$)/.exec(m.when ?? '')?.[1];
      return source !== undefined && new RegExp(source).test(value);
    })
    .map((m) => m.command.replace('openclawAuth.', ''))
    .sort();
}

const provider = (extra: Partial<AuthStatusProvider> = {}): AuthStatusProvider => ({
  provider: 'anthropic',
  status: 'ok',
  profiles: [
    { profileId: 'anthropic:a', type: 'token', status: 'ok', logoutSupported: true },
    { profileId: 'anthropic:b', type: 'api_key', status: 'static' },
  ],
  ...extra,
});
const [a, b] = provider().profiles;

describe('ui/treeNodes: remote rows', () => {
  it('ids name the agent, so two agents of one gateway never share a row id', () => {
    const main: TreeNode = { kind: 'remoteProvider', remoteId: 'gw-1', agentId: 'main', provider: provider() };
    const ops: TreeNode = { kind: 'remoteProvider', remoteId: 'gw-1', agentId: 'ops', provider: provider() };
    assert.notEqual(nodeId(main), nodeId(ops));
    assert.equal(nodeId({ kind: 'remoteAgent', remoteId: 'gw-1', agentId: 'ops' }), 'connection/gw-1/agent/ops');
  });

  it('a connected provider row offers order, clear (when stored) and Test Connection', () => {
    const live = { kind: 'remoteProvider', remoteId: 'g', agentId: 'main', live: true } as const;
    assert.deepEqual(offered({ ...live, provider: provider() }), ['setOrder', 'testConnection']);
    assert.deepEqual(offered({ ...live, provider: provider({ profileOrderStored: true }) }), [
      'clearOrder',
      'setOrder',
      'testConnection',
    ]);
    // Locked by config on the host: the gateway refuses order changes, so they are not offered.
    assert.deepEqual(
      offered({ ...live, provider: provider({ profileOrderStored: true, profileOrderLocked: 'auth-config' }) }),
      ['testConnection'],
    );
  });

  it('a profile row offers Remove only when the gateway can log it out', () => {
    const live = { kind: 'remoteProfile', remoteId: 'g', agentId: 'main', live: true, provider: 'anthropic' } as const;
    assert.ok(a && b);
    assert.deepEqual(offered({ ...live, profile: a }), ['removeProfile', 'testConnection']);
    assert.deepEqual(offered({ ...live, profile: b }), ['testConnection']);
  });

  it('rows of a gateway that is not connected (or did not list its agents) offer no change', () => {
    assert.ok(a);
    assert.deepEqual(offered({ kind: 'remoteProvider', remoteId: 'g', agentId: 'main', provider: provider() }), []);
    assert.deepEqual(offered({ kind: 'remoteProfile', remoteId: 'g', provider: 'anthropic', profile: a }), []);
  });
});
