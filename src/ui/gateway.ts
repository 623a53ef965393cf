// The live local gateway beside the local read: owns one connection for the current state dir, fetches
// `models.authStatus` (every agent) and `usage.status` after each snapshot, and says what it found. The local
// snapshot stays the instant path: nothing here runs before the first snapshot, and nothing waits for it.
// The connection code (reference client + ws) is its own bundle, `dist/gateway.js`, loaded on first use.

import vscode = require('vscode');
import { t } from './l10n';
import {
  discoverLocalGateway,
  sameTarget,
  type DiscoverOptions,
  type GatewayDiscovery,
} from '../openclaw/gateway/config';
import { UNANSWERED_BACKOFF_MS, unansweredWait } from '../openclaw/gateway/backoff';
import type { GatewayConnection, GatewayState } from '../openclaw/gateway/connection';
import type { GatewayRequester } from '../openclaw/gateway/pins';
import type { AuthStatus, ProbeResult, UsageProvider, UsageStatus } from '../openclaw/gateway/schemas';
import type { AgentComparison } from '../openclaw/gateway/compare';
import type { GatewayWriter } from '../openclaw/gateway/writes';
// Types only: the module itself is loaded from dist/gateway.js on first use.
import type * as GatewayIndex from '../openclaw/gateway/index';
import { GatewayLive, WriteHold } from './gatewayLive';
import { gatewayStateWords, type LiveRow } from './gatewayWords';
import type { SnapshotStore } from './snapshotStore';
import { coalesced } from '../openclaw/coalesce';
import { usageForProvider } from '../openclaw/gateway/usage';

export type GatewayModule = typeof GatewayIndex;

/** What the API returns and the tree shows: the connection's state plus what was last fetched while connected. */
export interface GatewayView extends GatewayState {
  /** `models.authStatus` per agent id. */
  agents: Readonly<Record<string, AuthStatus>>;
  usage?: UsageStatus;
  fetchedAt?: number;
}

export interface GatewayStoreOptions {
  snapshots: Pick<SnapshotStore, 'current' | 'onDidChange'>;
  log: { info(message: string): void; warn(message: string): void };
  /** Loads `dist/gateway.js` (the tests' and the bundle's path differ). */
  load: () => GatewayModule;
  /** Where to look: the same env / state dir / profile the Reader uses. */
  locate: () => DiscoverOptions;
  clientVersion: string;
  /** Nothing is fetched (nor `dist/gateway.js` loaded) before this settles: the tree's first paint comes first. */
  notBefore?: Promise<unknown>;
}

const CONTEXT_KEY = 'openclawAuth.gatewayConnected';
const FETCH_DELAY_MS = 200;
const USAGE_RETRY_MS = 2500;

function frozen(view: GatewayView): GatewayView {
  return Object.freeze({ ...view, agents: Object.freeze({ ...view.agents }) });
}

export class GatewayStore implements vscode.Disposable {
  private view: GatewayView = frozen({ kind: 'not-configured', since: Date.now(), agents: {} });
  private discovery: GatewayDiscovery | undefined;
  private connection: GatewayConnection | undefined;
  private readonly emitter = new vscode.EventEmitter<GatewayView>();
  readonly onDidChange: vscode.Event<GatewayView> = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [this.emitter];
  private timer: NodeJS.Timeout | undefined;
  private usageTimer: NodeJS.Timeout | undefined;
  private usageRetries = 0;
  private unansweredTimer: NodeJS.Timeout | undefined;
  private unansweredReads = 0;
  private disposed = false;
  /** Our own writes: the comparison waits until both sides were read again (compare.ts heldByWrite). */
  private readonly hold = new WriteHold();

  private notBefore: Promise<unknown> | undefined;

  constructor(private readonly opts: GatewayStoreOptions) {
    this.notBefore = opts.notBefore;
    // Every snapshot (a file change, a poll, a setting) may mean a new config, port or token, and new auth to fetch.
    this.subscriptions.push(opts.snapshots.onDidChange(() => this.schedule()));
    if (opts.snapshots.current) this.schedule();
  }

  get current(): GatewayView {
    return this.view;
  }

  private schedule(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    const after = this.notBefore;
    if (after) {
      this.notBefore = undefined;
      void after.then(() => this.schedule());
      return;
    }
    this.timer = setTimeout(() => this.sync(), FETCH_DELAY_MS);
  }

  private sync(): void {
    let discovery: GatewayDiscovery;
    try {
      discovery = discoverLocalGateway(this.opts.locate());
    } catch (error) {
      // An invalid openclaw.json (often mid-write): keep what we have; the tree already warns about the file.
      this.opts.log.warn(`gateway: cannot read the config (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    if (!sameTarget(this.discovery, discovery)) this.rebuild(discovery);
    else void this.fetch();
  }

  private rebuild(discovery: GatewayDiscovery): void {
    const old = this.connection;
    this.connection = undefined;
    void old?.dispose();
    this.discovery = discovery;
    if (discovery.kind !== 'local') {
      this.setView({ kind: 'not-configured', reason: discovery.reason, since: Date.now(), agents: {} });
      return;
    }
    const target = discovery.target;
    this.opts.log.info(
      `gateway: ${target.url} (port from ${target.portSource}; ${target.authMode ?? 'auth mode unset'}; credential from ${target.credentialSource ?? (target.unresolved ? `nowhere: ${target.unresolved}` : 'nowhere')})`,
    );
    let mod: GatewayModule;
    try {
      mod = this.opts.load();
    } catch (error) {
      this.setView({
        kind: 'error',
        url: target.url,
        code: 'CLIENT_NOT_LOADED',
        message: error instanceof Error ? error.message : String(error),
        since: Date.now(),
        agents: {},
      });
      return;
    }
    const connection = mod.createGatewayConnection(discovery, {
      clientVersion: this.opts.clientVersion,
      log: (line) => this.opts.log.info(line),
    });
    this.connection = connection;
    connection.onDidChangeState((state) => {
      if (this.connection !== connection) return;
      if (state.kind === 'connected') {
        this.setView({ ...state, agents: this.view.agents, ...(this.view.usage ? { usage: this.view.usage } : {}) });
        void this.fetch();
      } else {
        this.setView({ ...state, agents: {} });
      }
    });
    this.setView({ ...connection.state, agents: {} });
    connection.start();
  }

  private setView(view: GatewayView): void {
    if (this.disposed) return;
    const wasConnected = this.view.kind === 'connected';
    this.view = frozen(view);
    if (wasConnected !== (view.kind === 'connected'))
      void vscode.commands.executeCommand('setContext', CONTEXT_KEY, view.kind === 'connected');
    this.emitter.fire(this.view);
  }

  /** Fetches auth status for every agent of the current snapshot, then usage; coalesced like the snapshot store. */
  private readonly fetch = coalesced(
    () => this.fetchOnce(),
    () => this.disposed,
  );

  private async fetchOnce(): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.state.kind !== 'connected') return;
    const askedAt = Date.now();
    const ids = this.opts.snapshots.current?.agents.map((a) => a.id) ?? [];
    const agents: Record<string, AuthStatus> = {};
    let unanswered = false;
    // A few at a time: each is 5-250 ms on loopback; 50 agents at once would only queue inside the gateway.
    for (let i = 0; i < ids.length; i += 4) {
      await Promise.all(
        ids.slice(i, i + 4).map(async (id) => {
          try {
            agents[id] = await connection.authStatus(id);
          } catch (error) {
            unanswered = true;
            this.opts.log.warn(
              `gateway: models.authStatus for ${id} failed: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }),
      );
    }
    let usage = this.view.usage;
    try {
      usage = await connection.usageStatus();
      this.scheduleUsageRetry(usage.refreshing === true && usage.providers.length === 0);
    } catch (error) {
      this.opts.log.warn(`gateway: usage.status failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.connection !== connection || connection.state.kind !== 'connected') return;
    this.hold.answerAskedAt = askedAt;
    this.setView({ ...this.view, agents, ...(usage ? { usage } : {}), fetchedAt: Date.now() });
    this.scheduleUnansweredRetry(unanswered);
  }

  /**
   * An agent left without an answer (the gateway still preparing after a write: backoff.ts) is asked again with backoff, a few times; the next snapshot asks again anyway.
   */
  private scheduleUnansweredRetry(unanswered: boolean): void {
    clearTimeout(this.unansweredTimer);
    if (!unanswered) {
      this.unansweredReads = 0;
      return;
    }
    if (this.unansweredReads >= UNANSWERED_BACKOFF_MS.length || this.disposed) return;
    const wait = unansweredWait(this.unansweredReads++);
    this.opts.log.info(`gateway: asking again in ${wait} ms`);
    this.unansweredTimer = setTimeout(() => void this.fetch(), wait);
  }

  /** A cold `usage.status` answers `{ refreshing: true }` and has data about 2 s later: ask again, a few times. */
  private scheduleUsageRetry(refreshing: boolean): void {
    if (!refreshing) {
      this.usageRetries = 0;
      return;
    }
    if (this.usageRetries >= 3 || this.disposed) return;
    this.usageRetries++;
    clearTimeout(this.usageTimer);
    this.usageTimer = setTimeout(() => void this.fetch(), USAGE_RETRY_MS);
  }

  /** The usage the gateway reports for a provider, when connected and it reports something. */
  usageFor(provider: string): UsageProvider | undefined {
    // Under the id OpenClaw reports usage for: a minimax-portal row shows minimax's windows (usage.ts).
    return this.view.kind === 'connected' ? usageForProvider(this.view.usage, provider) : undefined;
  }

  /** Changes when the rows would show change: usage, or what the gateway says about auth (the tree repaints only then). */
  usageKey(): string {
    if (this.view.kind !== 'connected') return '';
    return JSON.stringify([this.view.usage?.providers ?? [], this.view.agents, this.hold.ends]);
  }

  private readonly live = new GatewayLive((line) => this.opts.log.info(line));

  /** The local read of one agent against the gateway's last authStatus for it (gatewayLive.ts). */
  comparison(agentId: string): AgentComparison | undefined {
    const status = this.view.kind === 'connected' ? this.view.agents[agentId] : undefined;
    return this.live.comparison(this.opts.snapshots.current, status, agentId);
  }

  /** A write of ours to an agent begins (gateway or CLI); call the returned function when it is over. */
  noteWrite(agentId: string): () => void {
    return this.hold.note(agentId, () => {
      if (!this.disposed) this.emitter.fire(this.view);
    });
  }

  /**
   * What the gateway adds to a provider row (no profileId) or a profile row, while connected; no difference while
   * our own write to the agent has not been read back on both sides yet (`held`).
   */
  liveRow(agentId: string, provider: string, profileId: string | undefined, now: number): LiveRow | undefined {
    if (this.view.kind !== 'connected') return undefined;
    const snapshot = this.opts.snapshots.current;
    const held = this.hold.held(agentId, snapshot?.takenAt);
    return this.live.row(snapshot, this.view.agents[agentId], { agentId, provider, profileId, now, held });
  }

  /** The connection for a write, with the last authStatus of the agent, when connected. */
  writer(agentId: string): { gateway: GatewayWriter; known: AuthStatus | undefined } | undefined {
    const connection = this.connection;
    if (!connection || this.view.kind !== 'connected') return undefined;
    return { gateway: connection, known: this.view.agents[agentId] };
  }

  /** The connection for session-pin reads and re-pins (src/openclaw/gateway/pins.ts), when connected. */
  sessions(): GatewayRequester | undefined {
    const connection = this.connection;
    return connection && this.view.kind === 'connected' ? connection : undefined;
  }

  /** Re-fetches authStatus and usage now (after a write through the gateway). */
  refetch(): Promise<void> {
    return this.fetch();
  }

  /** Untyped requests for the sign-in wizard (commands/signInWizard.ts, gateway/wizard.ts), when connected. */
  requester():
    ((method: string, params: unknown, opts?: { timeoutMs?: number | null }) => Promise<unknown>) | undefined {
    const connection = this.connection;
    if (!connection || this.view.kind !== 'connected') return undefined;
    return (method, params, opts) =>
      connection.request(method, params, opts?.timeoutMs ? { timeoutMs: opts.timeoutMs } : {});
  }

  /** Beside the view title. */
  words(): string | undefined {
    return gatewayWords(this.view);
  }

  /**
   * `models.authRefresh { operation }` after a CLI write the gateway could not pick up; then re-fetch and confirm:
   * resolves true when the gateway's authStatus now agrees with the local read for `agentId` (see compare.ts),
   * false when it still differs (the caller says so), and rejects when the refresh itself failed.
   */
  async refreshAuth(operation: 'login' | 'logout' | 'update' = 'update', agentId?: string): Promise<boolean> {
    const connection = this.connection;
    if (!connection) throw new Error('not connected');
    await connection.authRefresh(operation);
    await this.fetch();
    if (!agentId) return true;
    return (this.comparison(agentId)?.differences.length ?? 1) === 0;
  }

  probe(
    params: { provider: string; profileId?: string; agentId?: string },
    signal?: AbortSignal,
  ): Promise<ProbeResult> {
    const connection = this.connection;
    if (!connection || this.view.kind !== 'connected')
      return Promise.reject(new Error(gatewayWords(this.view) ?? 'not connected'));
    return connection.probe(params, signal);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    clearTimeout(this.usageTimer);
    clearTimeout(this.unansweredTimer);
    this.hold.dispose();
    const connection = this.connection;
    this.connection = undefined;
    void connection?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

/** Beside the view title: `gateway: connected`, `gateway: not running`, `gateway: token rejected`, … */
export function gatewayWords(view: Pick<GatewayView, 'kind' | 'code' | 'reason'>): string | undefined {
  return gatewayStateWords(view, t);
}

/**
 * After a CLI write the gateway did not pick up: `refresh` it over our connection when connected; say nothing about
 * gateways when none runs; otherwise keep the Restart Gateway advice (one may run that we cannot reach).
 */
export function gatewayAdvice(view: GatewayView | undefined): 'refresh' | 'none' | 'restart' {
  if (view?.kind === 'connected') return 'refresh';
  if (view?.kind === 'not-running' || (view?.kind === 'not-configured' && view.reason === 'no-config')) return 'none';
  return 'restart';
}

const stores = new WeakMap<vscode.ExtensionContext, GatewayStore>();

/** Commands reach the gateway through the extension context they already hold (see extension.ts). */
export function attachGateway(context: vscode.ExtensionContext, store: GatewayStore): void {
  stores.set(context, store);
}

export function gatewayOf(context: vscode.ExtensionContext): GatewayStore | undefined {
  return stores.get(context);
}

// Test Connection lives in its own file; commands import it from here.
export { testConnectionCommand } from './gatewayProbe';
