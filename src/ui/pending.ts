// Rows with a change under way (a paste, an order, a removal): the tree shows them as pending until the
// change is back in the snapshot. One registry for the window; commands add, the tree reads.

import vscode = require('vscode');
import { normalizeProviderId } from '../openclaw/ids';

export type PendingTarget = { agentId: string; provider?: string; profileId?: string };

const key = (agentId: string, provider = '', profileId = ''): string =>
  `${agentId}\u0000${normalizeProviderId(provider)}\u0000${profileId}`;

class PendingRows implements vscode.Disposable {
  private readonly counts = new Map<string, number>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  /** Marks the target (and its provider row) pending until the returned disposable is disposed. */
  add(target: PendingTarget): vscode.Disposable {
    const keys = [key(target.agentId, target.provider, target.profileId)];
    if (target.profileId && target.provider) keys.push(key(target.agentId, target.provider));
    for (const k of keys) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    this.emitter.fire();
    let done = false;
    return new vscode.Disposable(() => {
      if (done) return;
      done = true;
      for (const k of keys) {
        const n = (this.counts.get(k) ?? 1) - 1;
        if (n <= 0) this.counts.delete(k);
        else this.counts.set(k, n);
      }
      this.emitter.fire();
    });
  }

  has(agentId: string, provider?: string, profileId?: string): boolean {
    return this.counts.has(key(agentId, provider, profileId));
  }

  get size(): number {
    return this.counts.size;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export const pendingRows = new PendingRows();
