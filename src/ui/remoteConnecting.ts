// How long "Connecting to …" stays up after Add Gateway: until the gateway's view leaves `connecting` (connected,
// waiting for pairing approval, failed or unreachable; each has its own message, remoteGateway.ts), or a time limit.
// The pairing prompt must not sit beside a progress that is no longer true. No `vscode` import.

import type { RemoteStatus, RemoteView } from '../openclaw/gateway/remoteSession';

export interface ViewSource {
  views(): readonly Pick<RemoteView, 'id' | 'status'>[];
  onDidChange(listener: (view: Pick<RemoteView, 'id' | 'status'> | undefined) => void): { dispose(): void };
}

/**
 * Resolves with the first status other than `connecting` of gateway `id` (at once when it already has one), with
 * `undefined` when it was removed, or at `timeoutMs` or `cancelled`.
 */
export function untilConnectingEnds(
  source: ViewSource,
  id: string,
  timeoutMs: number,
  cancelled?: { onCancellationRequested(listener: () => void): unknown },
): Promise<RemoteStatus | undefined> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: RemoteStatus | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      resolve(status);
    };
    const timer = setTimeout(() => finish(source.views().find((v) => v.id === id)?.status), timeoutMs);
    const subscription = source.onDidChange((view) => {
      const now = view?.id === id ? view : source.views().find((v) => v.id === id);
      if (!now) finish(undefined);
      else if (now.status !== 'connecting') finish(now.status);
    });
    cancelled?.onCancellationRequested(() => finish(source.views().find((v) => v.id === id)?.status));
    const current = source.views().find((v) => v.id === id);
    if (!current) finish(undefined);
    else if (current.status !== 'connecting') finish(current.status);
  });
}
