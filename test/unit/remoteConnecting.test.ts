// "Connecting to …" after Add Gateway ends when the gateway's view leaves `connecting`: at the pairing prompt, when
// connected, on a failure, when the gateway is removed, on Cancel, or at the time limit.

import * as assert from 'node:assert/strict';
import type { RemoteStatus } from '../../src/openclaw/gateway/remoteSession';
import { untilConnectingEnds, type ViewSource } from '../../src/ui/remoteConnecting';

type View = { id: string; status: RemoteStatus };

function source(
  initial: View[],
): ViewSource & { set(view: View | undefined, remove?: string): void; listeners: number } {
  let views = [...initial];
  const listeners = new Set<(v: View | undefined) => void>();
  return {
    views: () => views,
    onDidChange(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    set(view, remove) {
      if (remove) views = views.filter((v) => v.id !== remove);
      if (view) views = [...views.filter((v) => v.id !== view.id), view];
      for (const l of [...listeners]) l(view);
    },
    get listeners() {
      return listeners.size;
    },
  };
}

describe('Add Gateway: "Connecting to …" ends when the gateway answers', () => {
  it('ends at the pairing prompt, not before', async () => {
    const src = source([{ id: 'gw-1', status: 'connecting' }]);
    let ended: RemoteStatus | undefined | 'open' = 'open';
    const wait = untilConnectingEnds(src, 'gw-1', 60_000).then((s) => (ended = s));
    src.set({ id: 'gw-2', status: 'pairing' });
    src.set({ id: 'gw-1', status: 'connecting' });
    await Promise.resolve();
    assert.equal(ended, 'open');
    src.set({ id: 'gw-1', status: 'pairing' });
    assert.equal(await wait, 'pairing');
    assert.equal(src.listeners, 0, 'stops listening');
  });

  it('ends at once when already past connecting; on removal; on cancel; at the time limit', async () => {
    assert.equal(await untilConnectingEnds(source([{ id: 'gw-1', status: 'connected' }]), 'gw-1', 60_000), 'connected');
    const removed = source([{ id: 'gw-1', status: 'connecting' }]);
    const gone = untilConnectingEnds(removed, 'gw-1', 60_000);
    removed.set(undefined, 'gw-1');
    assert.equal(await gone, undefined);
    let cancel: () => void = () => undefined;
    const cancelled = untilConnectingEnds(source([{ id: 'gw-1', status: 'connecting' }]), 'gw-1', 60_000, {
      onCancellationRequested: (l) => (cancel = l),
    });
    cancel();
    assert.equal(await cancelled, 'connecting');
    assert.equal(await untilConnectingEnds(source([{ id: 'gw-1', status: 'connecting' }]), 'gw-1', 5), 'connecting');
  });
});
