// The remote gateways the user added: their list (id, URL, label, TLS pin — no secrets) in globalState, their
// secrets in SecretStorage (the gateway token or password, this device's Ed25519 private key, the device token
// the gateway issued), one RemoteGatewaySession each, and the last answer of each (globalState: every agent's auth
// status) so an unreachable gateway still shows what it said, marked stale. Sessions load the gateway bundle
// (`dist/gateway.js`) on first use. Commands reach the store through the extension context (`remoteGatewaysOf`,
// keyed by the context's globalState, which the store is built with).

import * as crypto from 'node:crypto';
import vscode = require('vscode');
import * as z from 'zod/mini';
import {
  createDeviceIdentity,
  identityFromPrivateKeyPem,
  type DeviceTokenRecord,
  type DeviceTokenStore,
} from '../openclaw/gateway/deviceIdentity';
import {
  checkGatewayUrl,
  normalizeTlsFingerprint,
  type RemoteGatewayConfig,
  type RemoteSecrets,
} from '../openclaw/gateway/remote';
import { parseStoredAgents, type RemoteAgentStatus } from '../openclaw/gateway/remoteAgents';
import type { RemoteGatewaySession, RemoteView } from '../openclaw/gateway/remoteSession';
import { authStatusSchema, type AuthStatus } from '../openclaw/gateway/schemas';
import type { GatewayModule } from './gateway';
import { forgetProbeWarned, remoteProbeGateway } from './probeWarnings';

const LIST_KEY = 'openclawAuth.remoteGateways';
const LAST_KEY = (id: string) => `openclawAuth.remoteGateway.${id}.last`;
const SECRET = (id: string, what: 'credential' | 'deviceKey' | 'deviceToken') => `openclawAuth.gateway.${id}.${what}`;
const ID_RE = /^gw-[a-f0-9]{12}$/;
/** After a write its gateway has not confirmed yet: one more read this much later. */
const REFRESH_AGAIN_MS = 2000;

const listSchema = () =>
  z.array(
    z.object({
      id: z.string().check(z.regex(ID_RE)),
      url: z.string(),
      label: z.optional(z.string().check(z.maxLength(100))),
      tlsFingerprint: z.optional(z.string()),
      addedAt: z.number(),
    }),
  );
const credentialSchema = () => z.object({ token: z.optional(z.string()), password: z.optional(z.string()) });
const deviceTokenSchema = () => z.object({ token: z.string(), scopes: z.array(z.string()) });

export interface RemoteGatewayStoreOptions {
  globalState: vscode.Memento;
  secrets: vscode.SecretStorage;
  log: { info(message: string): void; warn(message: string): void; withSecret(secret: string): vscode.Disposable };
  load: () => GatewayModule;
  clientVersion: string;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class RemoteGatewayStore implements vscode.Disposable {
  private readonly sessions = new Map<string, RemoteGatewaySession>();
  private readonly masks = new Map<string, vscode.Disposable[]>();
  private readonly emitter = new vscode.EventEmitter<RemoteView | undefined>();
  /** Each view change of any remote gateway; `undefined` when the list itself changed (one was removed). */
  readonly onDidChange: vscode.Event<RemoteView | undefined> = this.emitter.event;
  private disposed = false;

  constructor(private readonly opts: RemoteGatewayStoreOptions) {
    stores.set(opts.globalState, this);
  }

  /** The configured gateways, validated (an entry that fails the URL or pin rule is dropped, not trusted). */
  list(): RemoteGatewayConfig[] {
    const parsed = listSchema().safeParse(this.opts.globalState.get(LIST_KEY) ?? []);
    if (!parsed.success) return [];
    return parsed.data.filter((c) => {
      const url = checkGatewayUrl(c.url);
      return (
        url.ok &&
        url.url === c.url &&
        (c.tlsFingerprint === undefined || normalizeTlsFingerprint(c.tlsFingerprint) === c.tlsFingerprint)
      );
    });
  }

  /** Every configured gateway's current view (a not-yet-started one shows as connecting). */
  views(): RemoteView[] {
    return this.list().map(
      (c) =>
        this.sessions.get(c.id)?.view ?? {
          id: c.id,
          url: c.url,
          ...(c.label ? { label: c.label } : {}),
          status: 'connecting',
          stale: false,
          since: c.addedAt,
        },
    );
  }

  get(id: string): RemoteGatewayConfig | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** The running session of a configured gateway (writes, probes and re-reads go through it). */
  session(id: string): RemoteGatewaySession | undefined {
    return this.get(id) ? this.sessions.get(id) : undefined;
  }

  /**
   * Reads a gateway's state again now, after a change made through it, so its rows show the change without waiting
   * for the periodic read; `again` reads once more a little later, for a change the gateway's answer did not show yet.
   */
  async refresh(id: string, again = false): Promise<void> {
    const session = this.session(id);
    if (!session) return;
    await session.fetch();
    if (again && !this.disposed) setTimeout(() => void this.session(id)?.fetch(), REFRESH_AGAIN_MS).unref?.();
  }

  /** Starts a session for every configured gateway (after the first paint). */
  async startAll(): Promise<void> {
    for (const c of this.list()) await this.startOne(c);
  }

  async add(input: Omit<RemoteGatewayConfig, 'id' | 'addedAt'>, secrets: RemoteSecrets): Promise<RemoteGatewayConfig> {
    const config: RemoteGatewayConfig = {
      ...input,
      id: `gw-${crypto.randomBytes(6).toString('hex')}`,
      addedAt: Date.now(),
    };
    await this.opts.secrets.store(SECRET(config.id, 'credential'), JSON.stringify(secrets));
    await this.opts.globalState.update(LIST_KEY, [...this.list(), config]);
    this.opts.log.info(`remote gateway added: ${config.id} ${config.url}${config.tlsFingerprint ? ' (TLS pin)' : ''}`);
    await this.startOne(config);
    return config;
  }

  /** Changes what a gateway is reached with (a new token, a TLS pin) and connects again. */
  async update(id: string, change: { secrets?: RemoteSecrets; tlsFingerprint?: string }): Promise<void> {
    const config = this.get(id);
    if (!config) return;
    if (change.secrets) await this.opts.secrets.store(SECRET(id, 'credential'), JSON.stringify(change.secrets));
    const next = change.tlsFingerprint ? { ...config, tlsFingerprint: change.tlsFingerprint } : config;
    await this.opts.globalState.update(
      LIST_KEY,
      this.list().map((c) => (c.id === id ? next : c)),
    );
    await this.restart(next);
  }

  /** Forgets the issued device token (the next connect asks to pair again). */
  async forgetDeviceToken(id: string): Promise<void> {
    await this.opts.secrets.delete(SECRET(id, 'deviceToken'));
    const config = this.get(id);
    if (config) await this.restart(config);
  }

  /** Stops the session and deletes the gateway's secrets, last answer and list entry. */
  async remove(id: string): Promise<void> {
    await this.stopOne(id);
    await Promise.all([
      this.opts.secrets.delete(SECRET(id, 'credential')),
      this.opts.secrets.delete(SECRET(id, 'deviceKey')),
      this.opts.secrets.delete(SECRET(id, 'deviceToken')),
      this.opts.globalState.update(LAST_KEY(id), undefined),
      forgetProbeWarned(this.opts.globalState, remoteProbeGateway(id)),
    ]);
    await this.opts.globalState.update(
      LIST_KEY,
      this.list().filter((c) => c.id !== id),
    );
    this.opts.log.info(`remote gateway removed: ${id}`);
    this.emitter.fire(undefined);
  }

  private async restart(config: RemoteGatewayConfig): Promise<void> {
    await this.stopOne(config.id);
    await this.startOne(config);
  }

  private async stopOne(id: string): Promise<void> {
    const old = this.sessions.get(id);
    this.sessions.delete(id);
    for (const m of this.masks.get(id) ?? []) m.dispose();
    this.masks.delete(id);
    await old?.dispose();
  }

  private async startOne(config: RemoteGatewayConfig): Promise<void> {
    if (this.disposed || this.sessions.has(config.id)) return;
    const secrets = this.opts.secrets;
    const credential = credentialSchema().safeParse(parseJson(await secrets.get(SECRET(config.id, 'credential'))));
    const remoteSecrets: RemoteSecrets = credential.success ? credential.data : {};
    let identity = identityFromPrivateKeyPem((await secrets.get(SECRET(config.id, 'deviceKey'))) ?? '');
    if (!identity) {
      identity = createDeviceIdentity();
      await secrets.store(SECRET(config.id, 'deviceKey'), identity.privateKeyPem);
    }
    const stored = deviceTokenSchema().safeParse(parseJson(await secrets.get(SECRET(config.id, 'deviceToken'))));
    const tokens = this.tokenStore(config.id, stored.success ? stored.data : undefined);
    // Mask every secret of this gateway in the log, whatever line might carry it.
    const masks = [remoteSecrets.token, remoteSecrets.password, stored.success ? stored.data.token : undefined]
      .filter((s): s is string => Boolean(s))
      .map((s) => this.opts.log.withSecret(s));
    this.masks.set(config.id, masks);
    let mod: GatewayModule;
    try {
      mod = this.opts.load();
    } catch (error) {
      this.opts.log.warn(`remote gateway ${config.id}: client not loaded (${(error as Error).message})`);
      return;
    }
    if (this.disposed || this.sessions.has(config.id)) return;
    const session = mod.createRemoteSession({
      config,
      secrets: remoteSecrets,
      identity,
      tokens,
      clientVersion: this.opts.clientVersion,
      log: (line) => this.opts.log.info(line),
    });
    this.sessions.set(config.id, session);
    const last = this.lastAnswer(config.id);
    if (last) session.seed(last.authStatus, last.fetchedAt, last.agents);
    let fetchedAt = last?.fetchedAt;
    session.onDidChange((view) => {
      if (view.authStatus && view.fetchedAt && view.fetchedAt !== fetchedAt) {
        fetchedAt = view.fetchedAt;
        void this.opts.globalState.update(LAST_KEY(config.id), {
          authStatus: view.authStatus,
          ...(view.agents ? { agents: view.agents } : {}),
          fetchedAt,
        });
      }
      this.emitter.fire(view);
    });
    session.start();
    this.emitter.fire(session.view);
  }

  private lastAnswer(
    id: string,
  ): { authStatus: AuthStatus; agents?: RemoteAgentStatus[]; fetchedAt: number } | undefined {
    const raw = this.opts.globalState.get<{ authStatus?: unknown; agents?: unknown; fetchedAt?: unknown }>(
      LAST_KEY(id),
    );
    const status = authStatusSchema().safeParse(raw?.authStatus);
    if (!status.success || typeof raw?.fetchedAt !== 'number') return undefined;
    const agents = parseStoredAgents(raw.agents);
    return { authStatus: status.data, ...(agents ? { agents } : {}), fetchedAt: raw.fetchedAt };
  }

  /** The client reads the device token synchronously: keep it in memory, persist each change to SecretStorage. */
  private tokenStore(id: string, initial: DeviceTokenRecord | undefined): DeviceTokenStore {
    let record = initial;
    return {
      load: () => record,
      store: (r) => {
        record = { token: r.token, scopes: [...r.scopes] };
        this.masks.get(id)?.push(this.opts.log.withSecret(r.token));
        void this.opts.secrets.store(SECRET(id, 'deviceToken'), JSON.stringify(record));
      },
      clear: () => {
        record = undefined;
        void this.opts.secrets.delete(SECRET(id, 'deviceToken'));
      },
    };
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.sessions.keys()]) void this.stopOne(id);
    this.emitter.dispose();
  }
}

/** Each store by the globalState it was given: the extension context's own, which commands already hold. */
const stores = new WeakMap<vscode.Memento, RemoteGatewayStore>();

/** The remote gateways of this extension context (commands/remoteWrites.ts). */
export function remoteGatewaysOf(context: vscode.ExtensionContext): RemoteGatewayStore | undefined {
  return stores.get(context.globalState);
}
