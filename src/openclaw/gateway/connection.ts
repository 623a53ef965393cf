// One connection to the local gateway, as OpenClaw's own CLI makes it on loopback: client `gateway-client`,
// mode `backend`, role `operator`, scope `operator.admin`, the shared token (or password), no device identity.
// The reference client (`@openclaw/gateway-client`) does the protocol and reconnects with backoff (1 s → 30 s);
// this class turns its callbacks into one state and validates every answer. No `vscode` import.

import type { GatewayClientOptions } from '@openclaw/gateway-client';
import type { GatewayDiscovery, GatewayTarget, NotConfiguredReason } from './config';
import {
  authLogoutSchema,
  authOrderSetSchema,
  authRefreshSchema,
  authStatusSchema,
  helloSchema,
  probeResultSchema,
  usageStatusSchema,
  type AuthStatus,
  type ProbeResult,
  type UsageStatus,
} from './schemas';

export type GatewayStateKind = 'not-configured' | 'not-running' | 'connecting' | 'connected' | 'auth-failed' | 'error';

export interface GatewayState {
  kind: GatewayStateKind;
  /** `ws://127.0.0.1:<port>`; absent when not configured. */
  url?: string;
  /** not-configured: why. */
  reason?: NotConfiguredReason;
  /**
   * auth-failed: AUTH_TOKEN_MISSING | AUTH_TOKEN_MISMATCH | AUTH_PASSWORD_MISSING | AUTH_PASSWORD_MISMATCH |
   * MISSING_SCOPE | another AUTH_* / pairing code; error: the gateway's or the socket's code.
   */
  code?: string;
  /** The gateway's own words (untrusted text: show it through `plain()`). Never holds a secret. */
  message?: string;
  /** A configured credential the extension could not resolve (file/exec SecretRef, unset variable). */
  unresolved?: string;
  serverVersion?: string;
  /** Epoch ms of the last change. */
  since: number;
}

/** What this module needs from the reference client; tests may pass a fake. */
export interface ClientLike {
  start(): void;
  stop(): void;
  stopAndWait(opts?: { timeoutMs?: number }): Promise<void>;
  request<T = Record<string, unknown>>(
    method: string,
    params?: unknown,
    opts?: { timeoutMs?: number | null; signal?: AbortSignal },
  ): Promise<T>;
}
export type ClientFactory = (opts: GatewayClientOptions) => ClientLike;

export interface ConnectionOptions {
  clientVersion: string;
  /** Per request, ms (the client's default is 30 s). */
  requestTimeoutMs?: number;
  now?: () => number;
  /** Debug lines; never called with a secret. */
  log?: (line: string) => void;
}

/** `models.authStatus` answered `unavailable`: how often to ask, and how long to wait between. */
const UNAVAILABLE_TRIES = 4;
const UNAVAILABLE_RETRY_MS = 1000;

/** The codes that say our credentials are wrong or missing, as distinct from a gateway that is down or broken. */
const AUTH_CODES = /^(AUTH_|DEVICE_IDENTITY_REQUIRED$|PAIRING_REQUIRED$|MISSING_SCOPE$|NOT_PAIRED$)/;

/** The gateway's detail code of a rejected connect or request, else its top-level code, else a socket's errno code. */
export function errorCode(error: unknown): string | undefined {
  const e = error as { details?: { code?: unknown }; gatewayCode?: unknown; code?: unknown } | undefined;
  if (e && typeof e.details?.code === 'string') return e.details.code;
  if (e && typeof e.gatewayCode === 'string') return e.gatewayCode;
  return e && typeof e.code === 'string' ? e.code : undefined;
}

export class GatewayRequestError extends Error {
  constructor(
    message: string,
    readonly method: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GatewayRequestError';
  }
}

type Listener = (state: GatewayState) => void;

export class GatewayConnection {
  private current: GatewayState;
  private client: ClientLike | undefined;
  private readonly listeners = new Set<Listener>();
  private disposed = false;
  /** We stopped the client after a refused credential: what it reports afterwards ("client stopped") is noise. */
  private halted = false;
  private readonly now: () => number;

  constructor(
    readonly discovery: GatewayDiscovery,
    private readonly factory: ClientFactory,
    private readonly options: ConnectionOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.current =
      discovery.kind === 'local'
        ? { kind: 'connecting', url: discovery.target.url, since: this.now() }
        : { kind: 'not-configured', reason: discovery.reason, since: this.now() };
  }

  get state(): GatewayState {
    return this.current;
  }

  onDidChangeState(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Opens the socket; the client keeps it open (reconnecting with backoff) until `dispose()`. */
  start(): void {
    if (this.disposed || this.client || this.discovery.kind !== 'local') return;
    const target = this.discovery.target;
    this.setState({ kind: 'connecting' });
    this.client = this.factory(this.clientOptions(target));
    this.client.start();
  }

  private clientOptions(target: GatewayTarget): GatewayClientOptions {
    const opts: GatewayClientOptions = {
      url: target.url,
      clientName: 'gateway-client',
      clientDisplayName: 'OpenClaw Auth (VS Code)',
      clientVersion: this.options.clientVersion,
      mode: 'backend',
      role: 'operator',
      scopes: ['operator.admin'],
      deviceIdentity: null,
      requestTimeoutMs: this.options.requestTimeoutMs ?? 15_000,
      onHelloOk: (hello) => {
        const parsed = helloSchema().safeParse(hello);
        const version = parsed.success ? parsed.data.server?.version : undefined;
        this.options.log?.(`gateway ${target.url}: connected${version ? ` (OpenClaw ${version})` : ''}`);
        this.setState({ kind: 'connected', ...(version ? { serverVersion: version } : {}) });
      },
      onConnectError: (error) => this.connectFailed(error, target),
      onClose: (code, reason, info) => {
        if (this.disposed || this.halted) return;
        // A connection that was up went away: the client reconnects by itself; its next failure says why.
        if (info?.phase === 'post-hello' && this.current.kind === 'connected') {
          this.options.log?.(`gateway ${target.url}: closed (${code}${reason ? ` ${reason}` : ''}); reconnecting`);
          this.setState({ kind: 'connecting' });
        }
      },
      onReconnectPaused: (info) => {
        if (this.disposed || this.halted) return;
        this.setState({
          kind: info.detailCode && AUTH_CODES.test(info.detailCode) ? 'auth-failed' : 'error',
          ...(info.detailCode ? { code: info.detailCode } : {}),
          message: info.reason,
        });
      },
    };
    if (target.token) opts.token = target.token;
    if (target.password) opts.password = target.password;
    return opts;
  }

  private connectFailed(error: Error, target: GatewayTarget): void {
    if (this.disposed || this.halted) return;
    let code = errorCode(error);
    if (code === 'ECONNREFUSED') {
      if (this.current.kind !== 'not-running') this.options.log?.(`gateway ${target.url}: not running`);
      this.setState({ kind: 'not-running' });
      return;
    }
    if (code && AUTH_CODES.test(code)) {
      // Sent nothing and the gateway wants a credential: that is a missing token (or password), whatever the code.
      if (
        !target.token &&
        !target.password &&
        (code === 'DEVICE_IDENTITY_REQUIRED' || code === 'NOT_PAIRED' || code === 'AUTH_REQUIRED')
      ) {
        code = target.authMode === 'password' ? 'AUTH_PASSWORD_MISSING' : 'AUTH_TOKEN_MISSING';
      }
      this.options.log?.(`gateway ${target.url}: credentials refused (${code}); not retrying until the config changes`);
      this.setState({
        kind: 'auth-failed',
        code,
        message: error.message,
        ...(target.unresolved ? { unresolved: target.unresolved } : {}),
      });
      // Retrying a refused credential only fills the gateway's log and may trip its rate limit.
      this.halted = true;
      this.client?.stop();
      return;
    }
    this.setState({ kind: 'error', ...(code ? { code } : {}), message: error.message });
  }

  private setState(next: Omit<GatewayState, 'since' | 'url'>): void {
    if (this.disposed) return;
    const url = this.discovery.kind === 'local' ? this.discovery.target.url : undefined;
    const prev = this.current;
    const state: GatewayState = { ...next, ...(url ? { url } : {}), since: this.now() };
    if (
      prev.kind === state.kind &&
      prev.code === state.code &&
      prev.message === state.message &&
      prev.serverVersion === state.serverVersion
    )
      return;
    this.current = state;
    for (const l of [...this.listeners]) l(state);
  }

  private async call<T>(
    method: string,
    params: unknown,
    parse: (raw: unknown) => { success: true; data: T } | { success: false },
    opts: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    if (!this.client || this.current.kind !== 'connected') {
      throw new GatewayRequestError(`The gateway is not connected (${this.current.kind}).`, method, 'NOT_CONNECTED');
    }
    let raw: unknown;
    try {
      raw = await this.client.request(method, params, {
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (error) {
      const code = errorCode(error);
      // Connected but not allowed to read: the same state as a refused token, so the view says so.
      if (code === 'MISSING_SCOPE') this.setState({ kind: 'auth-failed', code, message: (error as Error).message });
      throw new GatewayRequestError(error instanceof Error ? error.message : String(error), method, code);
    }
    const parsed = parse(raw);
    if (!parsed.success)
      throw new GatewayRequestError(`The gateway's answer to ${method} has an unexpected shape.`, method, 'BAD_ANSWER');
    return parsed.data;
  }

  /**
   * `models.authStatus` for one agent (operator.read). An `unavailable` answer (no prepared catalog yet: at start,
   * for a moment after a probe) has an empty provider list that is not the gateway's view: asked again a few times
   * (it cleared within 3 s in test/interop/gateway-probe.test.ts), then a GatewayRequestError with its code, so
   * callers keep what they had and a write's confirmation does not read "profile gone" from an empty list.
   */
  async authStatus(agentId?: string, opts?: { signal?: AbortSignal }): Promise<AuthStatus> {
    for (let attempt = 1; ; attempt++) {
      const status = await this.call(
        'models.authStatus',
        agentId ? { agentId } : {},
        (r) => authStatusSchema().safeParse(r),
        opts,
      );
      if (!status.unavailable) return status;
      const code = status.unavailable.code ?? 'UNAVAILABLE';
      if (attempt >= UNAVAILABLE_TRIES || opts?.signal?.aborted)
        throw new GatewayRequestError(
          status.unavailable.message ?? 'Model authentication status is unavailable.',
          'models.authStatus',
          code,
        );
      this.options.log?.(`models.authStatus: unavailable (${code}); asking again`);
      await new Promise((r) => setTimeout(r, UNAVAILABLE_RETRY_MS));
    }
  }

  /** `usage.status` (operator.read); `refreshing: true` with no providers means "ask again in a moment". */
  usageStatus(opts?: { signal?: AbortSignal }): Promise<UsageStatus> {
    return this.call('usage.status', {}, (r) => usageStatusSchema().safeParse(r), opts);
  }

  /** `models.authRefresh` (operator.admin; untyped in the 2026.9.1 client): the gateway reloads auth from the stores. */
  async authRefresh(operation: 'login' | 'logout' | 'update' = 'update'): Promise<boolean> {
    return (await this.call('models.authRefresh', { operation }, (r) => authRefreshSchema().safeParse(r))).refreshed;
  }

  /**
   * `models.authOrderSet` (operator.admin; untyped in the 2026.9.1 client). `profileIds` must hold every profile of
   * the provider (the gateway refuses a subset, dist/models-auth-order-*.mjs); `null` clears the stored order (sent as no list).
   */
  async authOrderSet(params: { provider: string; profileIds: string[] | null; agentId?: string }) {
    // Clearing sends no `profileIds`: an explicit null fails the method's params schema (INVALID_REQUEST in
    // 2026.9.6); the handler reads a missing list as null (dist/models-auth-order-*.mjs).
    const { profileIds, ...rest } = params;
    const sent = profileIds === null ? rest : { ...rest, profileIds };
    return this.call('models.authOrderSet', sent, (r) => authOrderSetSchema().safeParse(r));
  }

  /** `models.authLogout` (operator.admin; untyped) for the named profiles of one provider. */
  async authLogout(params: { provider: string; profileIds: string[]; agentId?: string }) {
    return this.call('models.authLogout', params, (r) => authLogoutSchema().safeParse(r));
  }

  /**
   * `models.probe` (operator.admin): a real request to the provider; may cost tokens, and a failure puts the profile
   * into cooldown. Never called by the extension on its own. Aborting stops waiting; the gateway may still finish.
   */
  probe(
    params: { provider: string; profileId?: string; agentId?: string; timeoutMs?: number },
    signal?: AbortSignal,
  ): Promise<ProbeResult> {
    const timeoutMs = params.timeoutMs ?? 20_000;
    // The gateway may queue a probe behind an earlier one (each can take a minute offline): wait well past its own timeout.
    return this.call('models.probe', { ...params, timeoutMs }, (r) => probeResultSchema().safeParse(r), {
      timeoutMs: Math.max(timeoutMs * 6, 120_000),
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * An untyped request (`models.authLogin`, `wizard.*` are not in the 2026.9.1 typed schema): the caller validates
   * the answer (gateway/wizard.ts). `timeoutMs: null` would wait forever, so callers pass a bound.
   */
  request(method: string, params: unknown, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    return this.call(method, params, (r) => ({ success: true as const, data: r }), opts);
  }

  /** Stops the client and waits for the socket to close (bounded). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    if (client) await client.stopAndWait({ timeoutMs: 2000 }).catch(() => client.stop());
  }
}
