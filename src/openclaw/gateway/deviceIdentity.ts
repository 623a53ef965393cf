// The extension's own Ed25519 device identity for one remote gateway, and the host hooks the reference client
// needs to use it (`GatewayClientHostDeps`: it signs nothing and stores nothing by itself). Same rules as OpenClaw's:
// `dist/device-identity-*.mjs` fingerprintPublicKey (deviceId = hex sha256 of the raw 32-byte public key) and
// `dist/ed25519-signature-*.mjs` (SPKI prefix 302a300506032b6570032100, base64url signatures). No `vscode` import:
// the key and the issued device token are persisted by the caller (VS Code SecretStorage) through `DeviceTokenStore`.

import * as crypto from 'node:crypto';
import type { GatewayClientHostDeps } from '@openclaw/gateway-client';

export interface DeviceIdentity {
  /** 64 lowercase hex chars. */
  deviceId: string;
  publicKeyPem: string;
  /** Secret: only in memory and in SecretStorage. */
  privateKeyPem: string;
}

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const DEVICE_ID_RE = /^[a-f0-9]{64}$/;

/** The raw 32-byte Ed25519 public key inside an SPKI PEM; throws for any other key. */
export function publicKeyRaw(publicKeyPem: string): Buffer {
  const key = crypto.createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  const der = key.export({ type: 'spki', format: 'der' });
  if (der.length !== SPKI_PREFIX.length + 32 || !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) {
    throw new Error('unexpected Ed25519 SPKI encoding');
  }
  return der.subarray(SPKI_PREFIX.length);
}

export function publicKeyRawBase64UrlFromPem(publicKeyPem: string): string {
  return publicKeyRaw(publicKeyPem).toString('base64url');
}

export function deviceIdFromPublicKeyPem(publicKeyPem: string): string {
  return crypto.createHash('sha256').update(publicKeyRaw(publicKeyPem)).digest('hex');
}

export function createDeviceIdentity(): DeviceIdentity {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const publicKeyPem = String(publicKey.export({ type: 'spki', format: 'pem' }));
  const privateKeyPem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return { deviceId: deviceIdFromPublicKeyPem(publicKeyPem), publicKeyPem, privateKeyPem };
}

/**
 * Rebuilds the identity from the stored private key alone (the public key and id follow from it), so a stored
 * value cannot pair a key with someone else's id. Undefined when the text is not an Ed25519 PKCS#8 key.
 */
export function identityFromPrivateKeyPem(privateKeyPem: string): DeviceIdentity | undefined {
  try {
    const privateKey = crypto.createPrivateKey(privateKeyPem);
    if (privateKey.asymmetricKeyType !== 'ed25519') return undefined;
    const publicKeyPem = String(crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
    const canonical = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const deviceId = deviceIdFromPublicKeyPem(publicKeyPem);
    return DEVICE_ID_RE.test(deviceId) ? { deviceId, publicKeyPem, privateKeyPem: canonical } : undefined;
  } catch {
    return undefined;
  }
}

/** Ed25519 signature of the client's connect payload, base64url (what the gateway verifies). */
export function signDevicePayload(privateKeyPem: string, payload: string): string {
  return crypto.sign(null, Buffer.from(payload, 'utf8'), crypto.createPrivateKey(privateKeyPem)).toString('base64url');
}

export function verifyDevicePayload(publicKeyPem: string, payload: string, signatureBase64Url: string): boolean {
  return crypto.verify(
    null,
    Buffer.from(payload, 'utf8'),
    crypto.createPublicKey(publicKeyPem),
    Buffer.from(signatureBase64Url, 'base64url'),
  );
}

export interface DeviceTokenRecord {
  /** Secret. */
  token: string;
  scopes: string[];
}

/**
 * Where one gateway's issued device token lives. The client reads it synchronously while it builds a connect
 * request, so the caller keeps it in memory and persists writes on its own (SecretStorage is async).
 */
export interface DeviceTokenStore {
  load(): DeviceTokenRecord | undefined;
  store(record: DeviceTokenRecord): void;
  clear(): void;
}

/** A store that only keeps the token in memory (tests; the UI wraps it with SecretStorage). */
export function memoryTokenStore(initial?: DeviceTokenRecord): DeviceTokenStore & { readonly writes: number } {
  let record = initial;
  let writes = 0;
  return {
    load: () => record,
    store: (r) => {
      record = { token: r.token, scopes: [...r.scopes] };
      writes++;
    },
    clear: () => {
      record = undefined;
      writes++;
    },
    get writes() {
      return writes;
    },
  };
}

/**
 * The client's host hooks for one identity. Only the operator role is used; a token for another device id or
 * role is neither returned nor stored (the client asks by id and role).
 */
export function deviceHostDeps(identity: DeviceIdentity, tokens: DeviceTokenStore): GatewayClientHostDeps {
  const mine = (p: { deviceId: string; role: string }) => p.deviceId === identity.deviceId && p.role === 'operator';
  return {
    signDevicePayload,
    publicKeyRawBase64UrlFromPem,
    loadDeviceAuthToken: (p) => {
      const record = mine(p) ? tokens.load() : undefined;
      return record ? { token: record.token, scopes: [...record.scopes] } : null;
    },
    storeDeviceAuthToken: (p) => {
      if (mine(p) && p.token) tokens.store({ token: p.token, scopes: [...p.scopes] });
    },
    clearDeviceAuthToken: (p) => {
      if (mine(p)) tokens.clear();
    },
  };
}
