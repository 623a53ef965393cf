// A remote gateway's rows right after a change made through it: the read asked after the write is the one that stays.
// A periodic read that was already under way when the write went through must not land after it with the older
// answer (the rows then stayed stale until the next periodic read). A fake client stands in for the gateway.

import * as assert from 'node:assert/strict';
import type { GatewayClientOptions } from '@openclaw/gateway-client';
import type { ClientLike } from '../../src/openclaw/gateway/connection';
import { createDeviceIdentity } from '../../src/openclaw/gateway/deviceIdentity';
import { RemoteGatewaySession } from '../../src/openclaw/gateway/remoteSession';

const statusWith = (order: string[] | undefined) => ({
  ts: 1,
  providers: [
    {
      provider: 'anthropic',
      status: 'static',
      profiles: [
        { profileId: 'anthropic:a', type: 'api_key', status: 'static' },
        { profileId: 'anthropic:b', type: 'api_key', status: 'static' },
      ],
      ...(order ? { profileOrder: order, profileOrderStored: true } : {}),
    },
  ],
});

/** A gateway whose stored order is `order`; each authStatus answer can be held back until `release()`. */
function fakeGateway() {
  const gw = {
    order: undefined as string[] | undefined,
    held: [] as (() => void)[],
    holdNext: false,
    /** How many of the next authStatus requests fail as a gateway still preparing its catalog does. */
    unavailableNext: 0,
    asked: 0,
    make: (opts: GatewayClientOptions): ClientLike => ({
      start: () => void setImmediate(() => opts.onHelloOk?.({ server: { version: '2026.9.6' } })),
      stop: () => undefined,
      stopAndWait: () => Promise.resolve(),
      request: <T>(method: string): Promise<T> => {
        if (method === 'agents.list') return Promise.resolve({ defaultId: 'main', agents: [{ id: 'main' }] } as T);
        if (method !== 'models.authStatus') return Promise.reject(new Error(`unknown method ${method}`));
        gw.asked++;
        if (gw.unavailableNext > 0) {
          gw.unavailableNext--;
          return Promise.reject(Object.assign(new Error('unavailable'), { code: 'PREPARED_MODEL_AUTH_UNAVAILABLE' }));
        }
        // The answer is what the gateway holds when it is asked.
        const answer = statusWith(gw.order) as T;
        if (!gw.holdNext) return Promise.resolve(answer);
        gw.holdNext = false;
        return new Promise<T>((resolve) => gw.held.push(() => resolve(answer)));
      },
    }),
  };
  return gw;
}

const orderShown = (session: RemoteGatewaySession) =>
  session.view.agents?.[0]?.authStatus?.providers[0]?.profileOrder?.join(',') ?? 'none';

/** A session on the fake gateway, started and connected with its first answer. */
async function connectedSession(
  gw: ReturnType<typeof fakeGateway>,
  extra: { refreshMs: number; unansweredBackoffMs?: number[] },
) {
  const session = new RemoteGatewaySession({
    config: { id: 'gw-000000000001', url: 'ws://127.0.0.1:1', addedAt: 0 },
    secrets: { token: 'fake-token-for-tests' },
    identity: createDeviceIdentity(),
    tokens: { load: () => undefined, store: () => undefined, clear: () => undefined },
    make: gw.make,
    clientVersion: 'test',
    ...extra,
  });
  const connected = new Promise<void>((resolve) => {
    const sub = session.onDidChange((v) => {
      if (v.status === 'connected' && v.fetchedAt) {
        sub.dispose();
        resolve();
      }
    });
  });
  session.start();
  await connected;
  return session;
}

describe('remote gateway session: a read after a write is not overtaken by an older one', () => {
  it('a read that got no answer (the gateway still preparing after a write) is asked again soon, not at the next period', async () => {
    const gw = fakeGateway();
    const session = await connectedSession(gw, { refreshMs: 60_000, unansweredBackoffMs: [10, 20] });
    try {
      assert.equal(orderShown(session), 'none');
      gw.order = ['anthropic:b', 'anthropic:a'];
      gw.unavailableNext = 3;
      const asked = gw.asked;
      await session.fetch();
      // The older answer stays, marked as not read this time.
      assert.equal(orderShown(session), 'none');
      assert.equal(session.view.agents?.[0]?.failed, 'PREPARED_MODEL_AUTH_UNAVAILABLE');
      const deadline = Date.now() + 2000;
      while (orderShown(session) === 'none' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.equal(orderShown(session), 'anthropic:b,anthropic:a');
      assert.equal(session.view.agents?.[0]?.failed, undefined);
      // Three unanswered reads, then the answer: no more than that, and nothing more once answered (the period is long).
      assert.equal(gw.asked - asked, 4);
      await new Promise((r) => setTimeout(r, 60));
      assert.equal(gw.asked - asked, 4);
    } finally {
      await session.dispose();
    }
  });

  it('a periodic read under way during the write does not overwrite the fresh answer', async () => {
    const gw = fakeGateway();
    const session = await connectedSession(gw, { refreshMs: 0 });
    try {
      assert.equal(orderShown(session), 'none');
      // The periodic read starts; the gateway is slow to answer it.
      gw.holdNext = true;
      const periodic = session.fetch();
      await new Promise((r) => setImmediate(r));
      assert.equal(gw.held.length, 1);
      // Meanwhile a write goes through the gateway, then the command reads again.
      gw.order = ['anthropic:b', 'anthropic:a'];
      const afterWrite = session.fetch();
      await new Promise((r) => setTimeout(r, 20));
      // Only now does the older answer (from before the write) arrive.
      for (const release of gw.held.splice(0)) release();
      await Promise.all([periodic, afterWrite]);
      assert.equal(orderShown(session), 'anthropic:b,anthropic:a');
    } finally {
      await session.dispose();
    }
  });
});
