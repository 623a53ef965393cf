// Finds the local gateway the way OpenClaw's own CLI does for a local call (`connection-details.ts`,
// `paths.ts` resolveGatewayPort, `credential-planner.ts` + `credentials.ts` in local mode, config-first):
// - URL: always `ws://127.0.0.1:<port>`, whatever `gateway.bind` says (lan/auto/custom/tailnet bind 0.0.0.0 or a
//   given address; the CLI still dials loopback, so do we);
// - port: `OPENCLAW_GATEWAY_PORT` (`--profile dev`: 19001) > `gateway.port` > a named profile's derived port > 18789;
// - token: `gateway.auth.token` (string, `$NAME`/`${NAME}` or an env SecretRef) > `OPENCLAW_GATEWAY_TOKEN` >
//   `gateway.remote.token` (only when no local token is configured); password likewise.
// Env values come from the process env, then `$STATE/.env` (and `~/.config/openclaw/gateway.env` for the default
// state dir), then config `env.vars`, as the CLI loads them. The result holds the secret: never log it.

import path = require('node:path');
import * as z from 'zod/mini';
import { readConfig } from '../config';
import { parseDotenv } from '../env';
import { envValue, locate, type LocateOptions } from '../locate';
import type { Location, ParsedConfig } from '../model';
import { readTextFile } from '../safefs';
import { lazy } from '../schemas';

export const DEFAULT_GATEWAY_PORT = 18789;
const DEV_GATEWAY_PORT = 19001;
const PROFILE_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const ENV_NAME_RE = /^[A-Z][A-Z0-9_]{0,127}$/;
const ENV_TEMPLATE_RE = /^\$\{([A-Z][A-Z0-9_]{0,127})\}$/;
const ENV_SHORTHAND_RE = /^\$([A-Z][A-Z0-9_]{0,127})$/;
// A literal containing `${VAR}` is an unresolved placeholder to OpenClaw, never a credential.
const PLACEHOLDER_RE = /\$\{[A-Z][A-Z0-9_]*\}/;

export type GatewayAuthMode = 'token' | 'password' | 'none' | 'trusted-proxy';
export type CredentialSource = 'config' | 'config-env-ref' | 'env' | 'remote-config';

export interface GatewayTarget {
  url: string;
  port: number;
  portSource: 'env' | 'config' | 'profile' | 'default';
  bind: string;
  authMode?: GatewayAuthMode;
  /** Secret: in memory only, never logged, never shown. */
  token?: string;
  /** Secret: in memory only, never logged, never shown. */
  password?: string;
  /** Where the credential came from, for the log and the tooltip (never the value). */
  credentialSource?: CredentialSource;
  /** A configured credential the extension cannot resolve (a file/exec/store SecretRef, a missing env var). */
  unresolved?: string;
  configPath: string;
}

export type NotConfiguredReason = 'no-config' | 'remote-mode' | 'tls';

export type GatewayDiscovery =
  | { kind: 'local'; target: GatewayTarget }
  | { kind: 'not-configured'; reason: NotConfiguredReason; configPath: string };

/**
 * Only the parts of `gateway` discovery reads; anything else is kept and ignored. Each field falls back to
 * "absent" on its own when mistyped, so a string port cannot hide a valid token.
 */
const gatewaySchema = lazy(() => {
  const opt = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);
  const secretInput = () => opt(z.union([z.string(), z.looseObject({ source: z.string(), id: z.string() })]));
  return z.looseObject({
    mode: opt(z.string()),
    port: opt(z.number()),
    bind: opt(z.string()),
    tls: opt(z.looseObject({ enabled: opt(z.boolean()) })),
    auth: opt(z.looseObject({ mode: opt(z.string()), token: secretInput(), password: secretInput() })),
    remote: opt(z.looseObject({ token: secretInput(), password: secretInput() })),
  });
});

export type EnvLookup = (name: string) => string | undefined;

/**
 * Env lookup as the CLI sees it: process env > `$STATE/.env` > `~/.config/openclaw/gateway.env` (default state dir
 * only) > config `env.vars`. Files are read at most once, and only if a name is looked up.
 */
export function envLookup(
  loc: Location,
  config: ParsedConfig,
  processEnv: NodeJS.ProcessEnv,
  readFile: (file: string) => string = readTextFile,
): EnvLookup {
  const files = [path.join(loc.stateDir, '.env')];
  if (path.resolve(loc.stateDir) === path.resolve(loc.home, '.openclaw') && !processEnv.OPENCLAW_STATE_DIR?.trim()) {
    files.push(path.join(loc.home, '.config', 'openclaw', 'gateway.env'));
  }
  let parsed: Record<string, string>[] | undefined;
  const dotenvs = (): Record<string, string>[] =>
    (parsed ??= files.map((f) => {
      try {
        return parseDotenv(readFile(f));
      } catch {
        return {};
      }
    }));
  return (name) => {
    const fromProcess = envValue(processEnv[name]);
    if (fromProcess) return fromProcess;
    for (const d of dotenvs()) {
      const v = envValue(d[name]);
      if (v) return v;
    }
    return envValue(config.envVars[name]);
  };
}

/** OpenClaw's port for a named profile without a configured port (`resolveGatewayPort`): FNV-1a of the name. */
export function profilePort(profile: string): number {
  let hash = 2166136261;
  for (const byte of Buffer.from(profile, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return 20000 + (hash % 40000);
}

function parsePortEnv(raw: string | undefined): number | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const port = /^\d+$/.test(text) ? text : (/^\[[^\]]+\]:(\d+)$/.exec(text)?.[1] ?? /^[^:]+:(\d+)$/.exec(text)?.[1]);
  if (port === undefined) return undefined;
  const n = Number(port);
  return Number.isSafeInteger(n) && n > 0 && n <= 65535 ? n : undefined;
}

function normaliseProfile(raw: string | undefined): string | undefined {
  const p = raw?.trim();
  return p && p.toLowerCase() !== 'default' && PROFILE_NAME_RE.test(p) ? p : undefined;
}

interface SecretResolution {
  configured: boolean;
  value?: string;
  fromRef?: boolean;
  /** Why a configured value gave nothing (for the tooltip): the ref's source, or the missing variable's name. */
  unresolved?: string;
}

/** A literal, `$NAME` / `${NAME}`, or a SecretRef `{source, provider?, id}`; only env refs can be resolved here. */
function resolveSecret(input: unknown, env: EnvLookup, where: string): SecretResolution {
  if (typeof input === 'string') {
    const trimmed = input.trim();
    if (!trimmed) return { configured: false };
    const envName = ENV_TEMPLATE_RE.exec(trimmed)?.[1] ?? ENV_SHORTHAND_RE.exec(trimmed)?.[1];
    if (envName) return fromEnvRef(envName, env, where);
    if (PLACEHOLDER_RE.test(trimmed)) return { configured: false };
    return { configured: true, value: trimmed };
  }
  if (input && typeof input === 'object') {
    const ref = input as { source?: unknown; id?: unknown };
    const id = typeof ref.id === 'string' ? ref.id.trim() : '';
    if (!id || typeof ref.source !== 'string') return { configured: false };
    if (ref.source !== 'env') return { configured: true, unresolved: `${where}: a ${ref.source} SecretRef` };
    if (!ENV_NAME_RE.test(id))
      return { configured: true, unresolved: `${where}: an env SecretRef with an invalid name` };
    return fromEnvRef(id, env, where);
  }
  return { configured: false };
}

function fromEnvRef(name: string, env: EnvLookup, where: string): SecretResolution {
  const value = env(name);
  return value
    ? { configured: true, value, fromRef: true }
    : { configured: true, fromRef: true, unresolved: `${where}: ${name} is not set` };
}

export interface DiscoverOptions extends LocateOptions {
  /** Reads `.env` files; tests pass a fake. */
  readFile?: (file: string) => string;
}

/** Locate, read openclaw.json, resolve. Throws only what `readConfig` throws (an invalid config). */
export function discoverLocalGateway(opts: DiscoverOptions): GatewayDiscovery {
  const loc = locate(opts);
  if (!loc.configExists) return { kind: 'not-configured', reason: 'no-config', configPath: loc.configPath };
  const config = readConfig(loc);
  return resolveLocalGateway(
    loc,
    config,
    opts.env,
    normaliseProfile(opts.profile) ?? normaliseProfile(opts.env.OPENCLAW_PROFILE),
    opts.readFile,
  );
}

/** The pure part: from a located, parsed config and an env to a target (or why there is none). */
export function resolveLocalGateway(
  loc: Location,
  config: ParsedConfig,
  processEnv: NodeJS.ProcessEnv,
  profile?: string,
  readFile?: (file: string) => string,
): GatewayDiscovery {
  const parsed = gatewaySchema().safeParse(config.raw.gateway ?? {});
  const gw = parsed.success ? parsed.data : {};
  const configPath = loc.configPath;
  // A remote-mode config points the CLI at another machine; that is the pairing flow, not this one.
  if (gw.mode === 'remote') return { kind: 'not-configured', reason: 'remote-mode', configPath };
  // A TLS gateway needs its certificate pinned (self-signed): not done yet.
  if (gw.tls?.enabled === true) return { kind: 'not-configured', reason: 'tls', configPath };

  const env = envLookup(loc, config, processEnv, readFile);
  // `--profile dev` sets OPENCLAW_GATEWAY_PORT=19001 unless the process env has one, before any .env is read.
  const devPort = profile === 'dev' && !envValue(processEnv.OPENCLAW_GATEWAY_PORT);
  const envPort = devPort ? DEV_GATEWAY_PORT : parsePortEnv(env('OPENCLAW_GATEWAY_PORT'));
  let port: number;
  let portSource: GatewayTarget['portSource'];
  if (envPort !== undefined) [port, portSource] = [envPort, devPort ? 'profile' : 'env'];
  else if (typeof gw.port === 'number' && Number.isInteger(gw.port) && gw.port > 0 && gw.port <= 65535)
    [port, portSource] = [gw.port, 'config'];
  else if (profile) [port, portSource] = [profilePort(profile), 'profile'];
  else [port, portSource] = [DEFAULT_GATEWAY_PORT, 'default'];

  const target: GatewayTarget = {
    url: `ws://127.0.0.1:${port}`,
    port,
    portSource,
    bind: gw.bind ?? 'loopback',
    configPath,
  };
  const mode = gw.auth?.mode;
  if (mode === 'token' || mode === 'password' || mode === 'none' || mode === 'trusted-proxy') target.authMode = mode;
  if (target.authMode === 'none') return { kind: 'local', target };

  // An env SecretRef's provider alias only names where OpenClaw looks; every env provider reads the environment.
  const localToken = resolveSecret(gw.auth?.token, env, 'gateway.auth.token');
  const localPassword = resolveSecret(gw.auth?.password, env, 'gateway.auth.password');
  const remoteToken = resolveSecret(gw.remote?.token, env, 'gateway.remote.token');
  const remotePassword = resolveSecret(gw.remote?.password, env, 'gateway.remote.password');

  const tokenCanWin = target.authMode !== 'password' && target.authMode !== 'trusted-proxy';
  const passwordCanWin = target.authMode !== 'token';
  if (tokenCanWin) {
    const envToken = env('OPENCLAW_GATEWAY_TOKEN');
    if (localToken.value)
      [target.token, target.credentialSource] = [localToken.value, localToken.fromRef ? 'config-env-ref' : 'config'];
    else if (envToken) [target.token, target.credentialSource] = [envToken, 'env'];
    else if (!localToken.configured && remoteToken.value)
      [target.token, target.credentialSource] = [remoteToken.value, 'remote-config'];
    if (!target.token) target.unresolved = localToken.unresolved ?? remoteToken.unresolved;
  }
  if (passwordCanWin && !(target.authMode !== 'password' && target.token)) {
    const envPassword = env('OPENCLAW_GATEWAY_PASSWORD');
    if (localPassword.value)
      [target.password, target.credentialSource] = [
        localPassword.value,
        localPassword.fromRef ? 'config-env-ref' : 'config',
      ];
    else if (envPassword) [target.password, target.credentialSource] = [envPassword, 'env'];
    else if (!localPassword.configured && target.authMode !== 'trusted-proxy' && remotePassword.value)
      [target.password, target.credentialSource] = [remotePassword.value, 'remote-config'];
    if (!target.password && !target.token) target.unresolved ??= localPassword.unresolved ?? remotePassword.unresolved;
  }
  if (target.token || target.password) delete target.unresolved;
  return { kind: 'local', target };
}

/** What to compare to know whether a rebuilt discovery needs a new connection (secrets compared in memory only). */
export function sameTarget(a: GatewayDiscovery | undefined, b: GatewayDiscovery | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === 'not-configured' || b.kind === 'not-configured')
    return a.kind === b.kind && (a as { reason: string }).reason === (b as { reason: string }).reason;
  const x = a.target;
  const y = b.target;
  return x.url === y.url && x.token === y.token && x.password === y.password && x.authMode === y.authMode;
}
