// Session pins through the connected local gateway (issue 15 §3): after each snapshot, and when the gateway
// connects, `sessions.list` + `chat.metadata` per session (src/openclaw/gateway/pins.ts). A new answer asks for a
// new snapshot, whose Reader uses it in place of the store read (ReadOptions.gatewayPins), so the tree, the
// dangling flags, the status bar and the notifications keep one flow: files/gateway → snapshot → UI.
// The first paint never waits: until the gateway has answered, and whenever it is not connected or its read fails
// (a 2026.5.28 gateway has no chat.metadata), the snapshot reads the agents' stores as before.

import vscode = require('vscode');
import { GatewayPinsError, readGatewayPins, type GatewayRequester } from '../openclaw/gateway/pins';
import type { RawPin } from '../openclaw/pins';
import type { Snapshot } from '../openclaw/types';
import { coalesced } from '../openclaw/coalesce';

/** What this needs of the gateway store (src/ui/gateway.ts). */
export interface PinGateway {
  readonly current: { kind: string };
  readonly onDidChange: vscode.Event<unknown>;
  sessions(): GatewayRequester | undefined;
}

/** What this needs of the snapshot store (src/ui/snapshotStore.ts). */
export interface PinSnapshots {
  readonly current: Snapshot | undefined;
  readonly onDidChange: vscode.Event<Snapshot>;
  refresh(reason?: string): Promise<Snapshot>;
}

// After the snapshot's own gateway fetch (gateway.ts waits 200 ms) so the two do not both start on the same tick.
const FETCH_DELAY_MS = 250;

export class GatewayPins implements vscode.Disposable {
  private answer: Readonly<Record<string, RawPin[]>> | undefined;
  private answerKey = '';
  private connected = false;
  /** This connection's gateway cannot answer (no chat.metadata): do not ask again until it reconnects. */
  private unsupported = false;
  private ownSnapshot: Snapshot | undefined;
  private timer: NodeJS.Timeout | undefined;
  private triggers: (Snapshot | undefined)[] = [];
  private abort: AbortController | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;

  private gateway: PinGateway | undefined;
  private snapshots: PinSnapshots | undefined;

  /** Made before the snapshot store (whose reads ask `current()`), bound to it and the gateway once they exist. */
  constructor(private readonly log: { info(message: string): void; warn(message: string): void }) {}

  bind(gateway: PinGateway, snapshots: PinSnapshots): void {
    this.gateway = gateway;
    this.snapshots = snapshots;
    this.subscriptions.push(
      gateway.onDidChange(() => this.onGateway(gateway)),
      snapshots.onDidChange((s) => this.schedule(s)),
    );
    this.onGateway(gateway);
  }

  /** The pins for the next read, while connected and once the gateway has answered; else undefined (read the stores). */
  current(): Readonly<Record<string, RawPin[]>> | undefined {
    return this.connected ? this.answer : undefined;
  }

  /** After a re-pin or a clear: read the gateway's pins now and wait for the snapshot that shows them. */
  async refetch(): Promise<Snapshot | undefined> {
    clearTimeout(this.timer);
    await this.fetch();
    return this.snapshots?.refresh('gateway-pins');
  }

  private onGateway(gateway: PinGateway): void {
    const connected = gateway.current.kind === 'connected';
    if (connected === this.connected) return;
    this.connected = connected;
    this.unsupported = false;
    if (connected) {
      this.schedule();
      return;
    }
    this.abort?.abort();
    if (this.drop()) void this.refreshSnapshot();
  }

  /**
   * A read soon: after the gateway connects, and after a snapshot unless it is one this class asked for (nothing
   * the gateway says changed then). Every reason since the last read counts, so a file change is never lost
   * behind one of our own snapshots.
   */
  private schedule(after?: Snapshot): void {
    if (this.disposed || !this.connected || this.unsupported) return;
    this.triggers.push(after);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const triggers = this.triggers.splice(0);
      // Checked now, not when the event fired: refresh() resolves (and `ownSnapshot` is set) just after it fires.
      if (triggers.some((t) => t === undefined || t !== this.ownSnapshot)) void this.fetch();
    }, FETCH_DELAY_MS);
  }

  /** Coalesced like the gateway's own fetch: one read at a time, one more when asked meanwhile. */
  private readonly fetch = coalesced(
    () => this.fetchOnce(),
    () => this.disposed,
  );

  private async fetchOnce(): Promise<void> {
    const requester = this.gateway?.sessions();
    if (!requester || this.unsupported || this.disposed) return;
    const abort = new AbortController();
    this.abort = abort;
    let pins: Record<string, RawPin[]>;
    try {
      pins = await readGatewayPins(requester, abort.signal);
    } catch (error) {
      if (abort.signal.aborted || this.disposed) return;
      const unsupported = error instanceof GatewayPinsError && error.code === 'UNSUPPORTED';
      if (unsupported) this.unsupported = true;
      this.log.warn(
        `gateway: session pins not read through the gateway (${error instanceof Error ? error.message : String(error)}); reading the session stores${unsupported ? ' while this gateway is connected' : ''}`,
      );
      if (this.drop()) await this.refreshSnapshot();
      return;
    }
    if (abort.signal.aborted || this.disposed || !this.connected) return;
    const key = JSON.stringify(pins);
    if (this.answer && key === this.answerKey) return;
    const first = !this.answer;
    this.answer = Object.freeze(pins);
    this.answerKey = key;
    if (first) this.log.info('gateway: session pins now come from the gateway (sessions.list + chat.metadata)');
    await this.refreshSnapshot();
  }

  /** Forgets the gateway's answer; true when there was one (the snapshot then goes back to the stores). */
  private drop(): boolean {
    const had = this.answer !== undefined;
    this.answer = undefined;
    this.answerKey = '';
    return had;
  }

  private async refreshSnapshot(): Promise<void> {
    if (!this.snapshots) return;
    try {
      this.ownSnapshot = await this.snapshots.refresh('gateway-pins');
    } catch {
      // The snapshot store logs its own failures.
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.abort?.abort();
    for (const s of this.subscriptions) s.dispose();
  }
}

const byContext = new WeakMap<vscode.ExtensionContext, GatewayPins>();

/** Commands reach it through the extension context they already hold (like gatewayOf in gateway.ts). */
export function attachGatewayPins(context: vscode.ExtensionContext, pins: GatewayPins): void {
  byContext.set(context, pins);
}

export function gatewayPinsOf(context: vscode.ExtensionContext): GatewayPins | undefined {
  return byContext.get(context);
}
