// Remote gateways: which URLs OpenClaw's client accepts, TLS pins, the client options a paired device uses, and
// what a failed connect means. The rules are the reference client's own (`@openclaw/gateway-client` 2026.9.1,
// dist/index.mjs `isSecureWebSocketUrl`, `normalizeTlsFingerprint`): `wss://` anywhere; plain `ws://` only to
// localhost, loopback, private/link-local/CGNAT IPv4, loopback/link-local/unique-local IPv6, `.local` and `.ts.net`
// (the client refuses the rest before it dials). Checked here first so the user hears it while typing.
// No `vscode` import; nothing here holds a secret longer than a call.

import * as net from 'node:net';
import type { GatewayClientOptions } from '@openclaw/gateway-client';
import type { GatewayDiscovery } from './config';
import type { ClientFactory, ClientLike } from './connection';
import { deviceHostDeps, type DeviceIdentity, type DeviceTokenStore } from './deviceIdentity';

export type UrlProblem = 'INVALID_URL' | 'UNSUPPORTED_SCHEME' | 'PLAINTEXT_PUBLIC_HOST' | 'URL_HAS_CREDENTIALS';

export type UrlCheck = { ok: true; url: string; tls: boolean; host: string } | { ok: false; problem: UrlProblem };

function ipv4Parts(host: string): number[] | undefined {
  if (net.isIPv4(host)) return host.split('.').map(Number);
  return undefined;
}

/** Loopback, private, link-local or carrier-grade NAT, as ipaddr.js ranges the client trusts for plain ws://. */
function isTrustedIpv4(p: number[]): boolean {
  const [a, b] = p as [number, number];
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** ::1, fe80::/10 (link-local), fc00::/7 (unique local), fec0::/10 (deprecated site-local). */
function isTrustedIpv6(host: string): boolean {
  if (!net.isIPv6(host)) return false;
  const h = host.toLowerCase();
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const first = parseInt(h.split(':')[0] || '0', 16);
  return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfec0;
}

/** Whether the client would dial this host over plain ws://. */
export function isTrustedPlaintextHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
  if (host === 'localhost') return true;
  const v4 = ipv4Parts(host);
  if (v4) return isTrustedIpv4(v4);
  if (net.isIPv6(host)) return isTrustedIpv6(host);
  return host.endsWith('.local') || host.endsWith('.ts.net');
}

/**
 * Checks a gateway URL as typed. http(s) is taken as ws(s), as the client does. A user name, password or query in
 * the URL is refused: the URL is kept in globalState and shown in the tree, so it must not carry a secret.
 */
export function checkGatewayUrl(raw: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'INVALID_URL' };
  }
  const scheme = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  if (scheme !== 'ws:' && scheme !== 'wss:') return { ok: false, problem: 'UNSUPPORTED_SCHEME' };
  if (!url.hostname) return { ok: false, problem: 'INVALID_URL' };
  if (url.username || url.password || url.search) return { ok: false, problem: 'URL_HAS_CREDENTIALS' };
  if (scheme === 'ws:' && !isTrustedPlaintextHost(url.hostname)) return { ok: false, problem: 'PLAINTEXT_PUBLIC_HOST' };
  const path = url.pathname === '/' ? '' : url.pathname;
  return { ok: true, url: `${scheme}//${url.host}${path}`, tls: scheme === 'wss:', host: url.hostname };
}

const SHA256_HEX = /^[a-f0-9]{64}$/i;
const SHA256_COLON = /^(?:[a-f0-9]{2}:){31}[a-f0-9]{2}$/i;

/** A SHA-256 certificate fingerprint as 64 lowercase hex chars (hex, colon-separated or `sha256:`-prefixed in). */
export function normalizeTlsFingerprint(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim().replace(/^sha256:/i, '');
  if (SHA256_HEX.test(value)) return value.toLowerCase();
  return SHA256_COLON.test(value) ? value.replaceAll(':', '').toLowerCase() : undefined;
}

/** AB:CD:… as `openssl x509 -fingerprint -sha256` prints it, for display. */
export function formatTlsFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
}

/** What a remote gateway is asked for: reading auth status, and the admin scope so later changes need no re-pairing. */
export const REMOTE_SCOPES = ['operator.read', 'operator.admin'] as const;

/** What the user gave for one remote gateway (no secrets) — persisted in globalState. */
export interface RemoteGatewayConfig {
  /** Our id: `gw-` + random hex; names the secrets of this gateway. */
  id: string;
  url: string;
  label?: string;
  /** 64 lowercase hex chars. */
  tlsFingerprint?: string;
  addedAt: number;
}

export interface RemoteSecrets {
  token?: string;
  password?: string;
}

export type RemoteFailureCode =
  | 'PAIRING_REQUIRED'
  | 'AUTH_TOKEN_MISSING'
  | 'AUTH_TOKEN_MISMATCH'
  | 'AUTH_PASSWORD_MISMATCH'
  | 'DEVICE_TOKEN_MISMATCH'
  | 'MISSING_SCOPE'
  | 'TLS_FINGERPRINT_MISMATCH'
  | 'TLS_SELF_SIGNED'
  | 'TLS_UNTRUSTED'
  | 'UNREACHABLE'
  | 'OTHER';

export interface RemoteFailure {
  code: RemoteFailureCode;
  /** The gateway's code as sent (for the log). */
  raw?: string;
  /** PAIRING_REQUIRED: the request to approve on the host (checked as an id before any UI uses it). */
  requestId?: string;
  deviceId?: string;
}

const REQUEST_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/**
 * One failed connect (the error the client reported) as a code. The gateway's connect errors carry
 * `details { code, requestId, deviceId }` (see the shared gateway doc); socket and TLS errors carry Node's `code`.
 */
export function classifyConnectError(error: unknown, sentCredential: boolean): RemoteFailure {
  const e = (error ?? {}) as {
    details?: Record<string, unknown>;
    gatewayCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const details = e.details && typeof e.details === 'object' ? e.details : {};
  const detail = typeof details.code === 'string' ? details.code : undefined;
  const top = typeof e.gatewayCode === 'string' ? e.gatewayCode : typeof e.code === 'string' ? e.code : undefined;
  const raw = detail ?? top;
  const message = typeof e.message === 'string' ? e.message : '';
  if (detail === 'PAIRING_REQUIRED') {
    const requestId =
      typeof details.requestId === 'string' && REQUEST_ID_RE.test(details.requestId) ? details.requestId : undefined;
    const deviceId =
      typeof details.deviceId === 'string' && /^[a-f0-9]{64}$/.test(details.deviceId) ? details.deviceId : undefined;
    return { code: 'PAIRING_REQUIRED', raw, ...(requestId ? { requestId } : {}), ...(deviceId ? { deviceId } : {}) };
  }
  if (detail === 'AUTH_TOKEN_MISMATCH') return { code: 'AUTH_TOKEN_MISMATCH', raw };
  if (detail === 'AUTH_PASSWORD_MISMATCH') return { code: 'AUTH_PASSWORD_MISMATCH', raw };
  if (detail === 'AUTH_DEVICE_TOKEN_MISMATCH') return { code: 'DEVICE_TOKEN_MISMATCH', raw };
  if (detail === 'AUTH_TOKEN_MISSING' || detail === 'AUTH_PASSWORD_MISSING' || detail === 'AUTH_REQUIRED')
    return { code: 'AUTH_TOKEN_MISSING', raw };
  if (raw === 'MISSING_SCOPE') return { code: 'MISSING_SCOPE', raw };
  if (!sentCredential && (raw === 'NOT_PAIRED' || raw === 'DEVICE_IDENTITY_REQUIRED'))
    return { code: 'AUTH_TOKEN_MISSING', raw };
  if (/tls fingerprint mismatch/i.test(message)) return { code: 'TLS_FINGERPRINT_MISMATCH', raw: 'TLS_PIN' };
  if (raw && SELF_SIGNED.has(raw)) return { code: 'TLS_SELF_SIGNED', raw };
  if (raw && UNTRUSTED.has(raw)) return { code: 'TLS_UNTRUSTED', raw };
  if (raw && UNREACHABLE.has(raw)) return { code: 'UNREACHABLE', raw };
  return { code: 'OTHER', ...(raw ? { raw } : {}) };
}

/** A failure the user must act on (the connection stops retrying by itself) versus one that may pass. */
export function isTerminal(code: RemoteFailureCode): boolean {
  return code !== 'UNREACHABLE' && code !== 'OTHER' && code !== 'PAIRING_REQUIRED';
}

/**
 * `GatewayConnection` is built for a discovered local target; a remote one is the same shape with our URL and
 * secrets (port and config path only feed local log lines).
 */
export function remoteDiscovery(config: RemoteGatewayConfig, secrets: RemoteSecrets): GatewayDiscovery {
  const port = Number(new URL(config.url).port) || (config.url.startsWith('wss:') ? 443 : 80);
  return {
    kind: 'local',
    target: {
      url: config.url,
      port,
      portSource: 'config',
      bind: 'remote',
      authMode: secrets.password && !secrets.token ? 'password' : 'token',
      ...(secrets.token ? { token: secrets.token } : {}),
      ...(secrets.password ? { password: secrets.password } : {}),
      configPath: '',
    },
  };
}

export interface RemoteClientParts {
  identity: DeviceIdentity;
  tokens: DeviceTokenStore;
  tlsFingerprint?: string;
  /** Sees every connect error first, with its details (the connection keeps only code and message). */
  onConnectError?: (error: Error) => void;
}

/**
 * Wraps a client factory so the connection's options gain what a remote, paired device sends: its identity and
 * signing hooks, the stored device token, the TLS pin, and the read + admin scopes.
 */
export function remoteClientFactory(
  make: (opts: GatewayClientOptions) => ClientLike,
  parts: RemoteClientParts,
): ClientFactory {
  return (base) => {
    const opts: GatewayClientOptions = {
      ...base,
      scopes: [...REMOTE_SCOPES],
      deviceIdentity: {
        deviceId: parts.identity.deviceId,
        publicKeyPem: parts.identity.publicKeyPem,
        privateKeyPem: parts.identity.privateKeyPem,
      },
      hostDeps: deviceHostDeps(parts.identity, parts.tokens),
      onConnectError: (error) => {
        parts.onConnectError?.(error);
        base.onConnectError?.(error);
      },
    };
    if (parts.tlsFingerprint) opts.tlsFingerprint = parts.tlsFingerprint;
    return make(opts);
  };
}
