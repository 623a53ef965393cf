import vscode = require('vscode');
import type { Snapshot } from '../openclaw/types';

/**
 * The one place the current snapshot lives. Reads are coalesced: a refresh asked for while a read
 * runs gets the result of a read that starts after it (so a caller that just changed something sees it).
 */
export class SnapshotStore implements vscode.Disposable {
  private snapshot: Snapshot | undefined;
  private running: Promise<Snapshot> | undefined;
  private next: Promise<Snapshot> | undefined;
  private readonly emitter = new vscode.EventEmitter<Snapshot>();
  readonly onDidChange: vscode.Event<Snapshot> = this.emitter.event;
  private disposed = false;

  constructor(
    private readonly read: () => Promise<Snapshot>,
    private readonly onError: (error: unknown, reason: string) => void,
  ) {}

  get current(): Snapshot | undefined {
    return this.snapshot;
  }

  refresh(reason = 'manual'): Promise<Snapshot> {
    if (!this.running) {
      this.running = this.readOnce(reason).finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.refresh(reason);
      });
    return this.next;
  }

  /** Refreshes until `done(snapshot)` holds or the time runs out (then rejects with `timeoutMessage`). */
  async waitFor(done: (snapshot: Snapshot) => boolean, timeoutMessage: string, timeoutMs = 6000): Promise<Snapshot> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snapshot = await this.refresh('verify');
      if (done(snapshot)) return snapshot;
      if (Date.now() > deadline) throw new Error(timeoutMessage);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  private async readOnce(reason: string): Promise<Snapshot> {
    try {
      const snapshot = await this.read();
      if (!this.disposed) {
        this.snapshot = snapshot;
        this.emitter.fire(snapshot);
      }
      return snapshot;
    } catch (error) {
      this.onError(error, reason);
      throw error;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.emitter.dispose();
  }
}
