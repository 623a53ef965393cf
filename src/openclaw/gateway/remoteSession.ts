// One remote gateway, kept connected: a `GatewayConnection` with the device's identity, the pairing loop (after
// PAIRING_REQUIRED the owner approves on the host; we ask again with backoff until the gateway says yes and issues
// a device token), every agent's `models.authStatus` fetched while connected (remoteAgents.ts), and the last answer
// kept (marked stale) when the gateway goes away. Writes and probes to it go through the same connection
// (`writer`, `probe`): a remote's changes never touch the local CLI. No `vscode` import: the UI supplies the stores
// and shows the codes.

import type { GatewayClientOptions } from '@openclaw/gateway-client';
import { GatewayConnection, GatewayRequestError, type ClientLike, type GatewayState } from './connection';
import { unansweredWait } from './backoff';
import type { DeviceIdentity, DeviceTokenStore } from './deviceIdentity';
import {
  classifyConnectError,
  remoteClientFactory,
  remoteDiscovery,
  type RemoteFailure,
  type RemoteGatewayConfig,
  type RemoteSecrets,
} from './remote';
import { coalesced } from '../coalesce';
import { fetchAgentStatuses, fetchUnresolvedProfiles, markUnresolved, type RemoteAgentStatus } from './remoteAgents';
import type { AuthStatus, ProbeResult } from './schemas';
import type { GatewayWriter } from './writes';

export type RemoteStatus = 'connecting' | 'pairing' | 'connected' | 'failed' | 'unreachable';

export interface RemoteView {
  id: string;
  url: string;
  label?: string;
  status: RemoteStatus;
  failure?: RemoteFailure;
  /** The gateway's last `models.authStatus` of its default agent; kept after the gateway goes away. */
  authStatus?: AuthStatus;
  /**
   * Every agent `agents.list` named, default first, each with its last `models.authStatus` (the default's is
   * `authStatus` too). Absent when the gateway did not list its agents: then only `authStatus` is known.
   */
  agents?: RemoteAgentStatus[];
  /** Epoch ms of that answer. */
  fetchedAt?: number;
  /** Not connected now, but an older answer is shown. */
  stale: boolean;
  serverVersion?: string;
  since: number;
}

export interface RemoteSessionOptions {
  config: RemoteGatewayConfig;
  secrets: RemoteSecrets;
  identity: DeviceIdentity;
  tokens: DeviceTokenStore;
  make: (opts: GatewayClientOptions) => ClientLike;
  clientVersion: string;
  /** Waits between pairing attempts; the last repeats. */
  pairingBackoffMs?: readonly number[];
  /** How often a connected gateway is asked again (0: never). */
  refreshMs?: number;
  /** Waits before asking again after a read that left an agent without an answer; the last repeats (≤ refreshMs). */
  unansweredBackoffMs?: readonly number[];
  now?: () => number;
  log?: (line: string) => void;
}

const DEFAULT_PAIRING_BACKOFF = [2000, 4000, 8000, 15_000, 30_000];

export class RemoteGatewaySession {
  private connection: GatewayConnection | undefined;
  private current: RemoteView;
  private lastConnectError: RemoteFailure | undefined;
  private pairingAttempts = 0;
  private unansweredReads = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(view: RemoteView) => void>();
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly opts: RemoteSessionOptions) {
    this.now = opts.now ?? Date.now;
    const c = opts.config;
    this.current = {
      id: c.id,
      url: c.url,
      ...(c.label ? { label: c.label } : {}),
      status: 'connecting',
      stale: false,
      since: this.now(),
    };
  }

  get view(): RemoteView {
    return this.current;
  }

  onDidChange(listener: (view: RemoteView) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Seeds the last known answer (from an earlier session) so an unreachable gateway still shows it, marked stale. */
  seed(authStatus: AuthStatus, fetchedAt: number, agents?: RemoteAgentStatus[]): void {
    if (this.current.authStatus) return;
    this.update({ authStatus, fetchedAt, ...(agents ? { agents } : {}) });
  }

  start(): void {
    if (this.disposed || this.connection) return;
    const sent = () => Boolean(this.opts.secrets.token || this.opts.secrets.password || this.opts.tokens.load());
    const factory = remoteClientFactory(this.opts.make, {
      identity: this.opts.identity,
      tokens: this.opts.tokens,
      ...(this.opts.config.tlsFingerprint ? { tlsFingerprint: this.opts.config.tlsFingerprint } : {}),
      onConnectError: (error) => {
        this.lastConnectError = classifyConnectError(error, sent());
      },
    });
    const connection = new GatewayConnection(remoteDiscovery(this.opts.config, this.opts.secrets), factory, {
      clientVersion: this.opts.clientVersion,
      ...(this.opts.now ? { now: this.opts.now } : {}),
      ...(this.opts.log ? { log: this.opts.log } : {}),
    });
    this.connection = connection;
    connection.onDidChangeState((state) => this.onState(connection, state));
    connection.start();
  }

  private onState(connection: GatewayConnection, state: GatewayState): void {
    if (this.disposed || connection !== this.connection) return;
    const failure =
      this.lastConnectError ?? (state.code ? classifyConnectError({ code: state.code }, true) : undefined);
    switch (state.kind) {
      case 'connected':
        this.pairingAttempts = 0;
        this.lastConnectError = undefined;
        this.update({
          status: 'connected',
          failure: undefined,
          ...(state.serverVersion ? { serverVersion: state.serverVersion } : {}),
        });
        void this.fetch();
        return;
      case 'connecting':
        if (this.current.status !== 'pairing') this.update({ status: 'connecting' });
        return;
      case 'auth-failed':
        if (failure?.code === 'PAIRING_REQUIRED') {
          this.update({ status: 'pairing', failure });
          this.retryPairing();
        } else {
          this.update({ status: 'failed', ...(failure ? { failure } : {}) });
        }
        return;
      default: {
        // not-running / error: the client keeps trying with its own backoff; TLS problems need the user.
        const tls = failure && failure.code.startsWith('TLS_');
        this.update({ status: tls ? 'failed' : 'unreachable', ...(failure ? { failure } : {}) });
      }
    }
  }

  /** The connection stopped itself after PAIRING_REQUIRED: a fresh one after a wait asks again. */
  private retryPairing(): void {
    const steps = this.opts.pairingBackoffMs ?? DEFAULT_PAIRING_BACKOFF;
    const wait = steps[Math.min(this.pairingAttempts, steps.length - 1)] ?? 30_000;
    this.pairingAttempts++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      const old = this.connection;
      this.connection = undefined;
      void old?.dispose().then(() => this.start());
    }, wait);
  }

  /**
   * Asks the gateway for every agent's auth status now (also every `refreshMs` while connected). One read at a time:
   * asked during a read (the periodic one, while a write went through), it reads once more after that one, so an
   * answer from before a write never lands after the answer that shows it, and the caller waits for the fresh one.
   */
  fetch(): Promise<void> {
    return this.fetchCoalesced();
  }

  private readonly fetchCoalesced = coalesced(
    () => this.fetchOnce(),
    () => this.disposed,
  );

  private async fetchOnce(): Promise<void> {
    const connection = this.connection;
    clearTimeout(this.refreshTimer);
    if (!connection || connection.state.kind !== 'connected') return;
    const log = (line: string) => this.opts.log?.(`gateway ${this.opts.config.url}: ${line}`);
    // No answer at all (the default agent's status failed) counts as unanswered too.
    let unanswered = true;
    try {
      const agents = await fetchAgentStatuses(connection, this.current.agents, log);
      const listed = agents && (agents.find((a) => a.isDefault) ?? agents[0])?.authStatus;
      // Not listed (an older gateway): the default agent alone, as the gateway picks it without an id.
      const status =
        listed ??
        markUnresolved(await connection.authStatus(), await fetchUnresolvedProfiles(connection, log), undefined);
      if (connection !== this.connection || this.disposed) return;
      this.update({ authStatus: status, agents, fetchedAt: this.now() });
      unanswered = !!agents?.some((agent) => agent.failed !== undefined);
    } catch (error) {
      if (connection !== this.connection || this.disposed) return;
      if (error instanceof GatewayRequestError && error.code === 'MISSING_SCOPE') {
        this.update({ status: 'failed', failure: { code: 'MISSING_SCOPE', raw: 'MISSING_SCOPE' } });
        return;
      }
      this.opts.log?.(`gateway ${this.opts.config.url}: models.authStatus failed (${(error as Error).message})`);
    }
    this.scheduleNextRead(unanswered);
  }

  /** The periodic read; sooner (with backoff) while an agent is left without an answer. */
  private scheduleNextRead(unanswered: boolean): void {
    const every = this.opts.refreshMs ?? 60_000;
    if (every <= 0 || this.disposed) return;
    const soon = unanswered ? unansweredWait(this.unansweredReads, this.opts.unansweredBackoffMs) : undefined;
    this.unansweredReads = unanswered ? this.unansweredReads + 1 : 0;
    const wait = soon === undefined ? every : Math.min(soon, every);
    if (soon !== undefined) this.opts.log?.(`gateway ${this.opts.config.url}: asking again in ${wait} ms`);
    this.refreshTimer = setTimeout(() => void this.fetch(), wait);
    this.refreshTimer.unref?.();
  }

  /** The connection for a write to one agent, with that agent's last auth status, while connected. */
  writer(agentId: string): { gateway: GatewayWriter; known: AuthStatus | undefined } | undefined {
    const connection = this.connection;
    if (!connection || connection.state.kind !== 'connected') return undefined;
    const known = this.current.agents?.find((a) => a.id === agentId)?.authStatus;
    return { gateway: connection, known };
  }

  /** `models.probe` through this gateway (a real request to the provider; see GatewayConnection.probe). */
  probe(
    params: { provider: string; profileId?: string; agentId?: string },
    signal?: AbortSignal,
  ): Promise<ProbeResult> {
    const connection = this.connection;
    if (!connection || connection.state.kind !== 'connected')
      return Promise.reject(new GatewayRequestError('The gateway is not connected.', 'models.probe', 'NOT_CONNECTED'));
    return connection.probe(params, signal);
  }

  private update(patch: Partial<RemoteView>): void {
    if (this.disposed) return;
    const next: RemoteView = { ...this.current, ...patch };
    if (patch.failure === undefined && 'failure' in patch) delete next.failure;
    if (patch.agents === undefined && 'agents' in patch) delete next.agents;
    next.stale = next.status !== 'connected' && next.authStatus !== undefined;
    if (patch.status && patch.status !== this.current.status) next.since = this.now();
    this.current = next;
    for (const l of [...this.listeners]) l(next);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    this.listeners.clear();
    const old = this.connection;
    this.connection = undefined;
    await old?.dispose();
  }
}
