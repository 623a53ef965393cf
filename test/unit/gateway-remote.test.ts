// Remote gateways: the URL rule and TLS pin format of OpenClaw's own client, the device identity (id derivation and
// signatures checked with Node's crypto independently), the host hooks, and how connect failures map to codes.

import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import {
  createDeviceIdentity,
  deviceHostDeps,
  deviceIdFromPublicKeyPem,
  identityFromPrivateKeyPem,
  memoryTokenStore,
  publicKeyRawBase64UrlFromPem,
  signDevicePayload,
  verifyDevicePayload,
} from '../../src/openclaw/gateway/deviceIdentity';
import {
  checkGatewayUrl,
  classifyConnectError,
  formatTlsFingerprint,
  isTrustedPlaintextHost,
  normalizeTlsFingerprint,
  remoteClientFactory,
  REMOTE_SCOPES,
} from '../../src/openclaw/gateway/remote';

describe('remote gateway: URL rule (as @openclaw/gateway-client isSecureWebSocketUrl)', () => {
  it('accepts wss:// to any host and ws:// only to loopback, private ranges, .local and .ts.net', () => {
    for (const ok of [
      'wss://gateway.example.com',
      'wss://203.0.113.5:8443/gw',
      'ws://127.0.0.1:18789',
      'ws://localhost:18789',
      'ws://[::1]:18789',
      'ws://10.1.2.3:18789',
      'ws://172.16.0.1',
      'ws://172.31.255.255',
      'ws://192.168.1.20:18789',
      'ws://169.254.10.1',
      'ws://100.100.1.1',
      'ws://[fd12:3456::1]',
      'ws://[fe80::1]',
      'ws://studio.local:18789',
      'ws://box.tail1234.ts.net',
      'https://gw.example.com',
    ]) {
      assert.equal(checkGatewayUrl(ok).ok, true, ok);
    }
    for (const [bad, problem] of [
      ['ws://gateway.example.com', 'PLAINTEXT_PUBLIC_HOST'],
      ['ws://203.0.113.5:18789', 'PLAINTEXT_PUBLIC_HOST'],
      ['ws://172.32.0.1', 'PLAINTEXT_PUBLIC_HOST'],
      ['ws://100.128.0.1', 'PLAINTEXT_PUBLIC_HOST'],
      ['ws://[2001:db8::1]', 'PLAINTEXT_PUBLIC_HOST'],
      ['ws://local.example.com', 'PLAINTEXT_PUBLIC_HOST'],
      ['ftp://10.0.0.1', 'UNSUPPORTED_SCHEME'],
      ['not a url', 'INVALID_URL'],
      ['wss://user:pw@gw.example.com', 'URL_HAS_CREDENTIALS'],
      ['wss://gw.example.com/?token=abc', 'URL_HAS_CREDENTIALS'],
    ] as const) {
      const r = checkGatewayUrl(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.equal(r.problem, problem, bad);
    }
  });

  it('normalises http(s) to ws(s) and drops a bare slash', () => {
    const r = checkGatewayUrl(' https://GW.example.com/ ');
    assert.deepEqual(r, { ok: true, url: 'wss://gw.example.com', tls: true, host: 'gw.example.com' });
    assert.equal(isTrustedPlaintextHost('STUDIO.LOCAL.'), true);
  });
});

describe('remote gateway: TLS fingerprint', () => {
  const hex = crypto.createHash('sha256').update('cert').digest('hex');
  it('takes hex, colon-separated and sha256:-prefixed forms to 64 lowercase hex', () => {
    const colon = formatTlsFingerprint(hex);
    assert.match(colon, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    for (const form of [hex, hex.toUpperCase(), colon, `sha256:${colon}`, `SHA256:${hex}`, `  ${colon}  `]) {
      assert.equal(normalizeTlsFingerprint(form), hex, form);
    }
  });
  it('refuses anything else', () => {
    for (const bad of [
      '',
      'sha1:abcd',
      hex.slice(2),
      `${hex}00`,
      colon(hex).replace(':', '-'),
      `${hex.slice(0, 62)}zz`,
    ]) {
      assert.equal(normalizeTlsFingerprint(bad), undefined, bad);
    }
    function colon(h: string) {
      return formatTlsFingerprint(h);
    }
  });
});

describe('remote gateway: device identity', () => {
  it('deviceId is the hex sha256 of the raw 32-byte public key', () => {
    const id = createDeviceIdentity();
    const jwk = crypto.createPublicKey(id.publicKeyPem).export({ format: 'jwk' });
    const raw = Buffer.from(String(jwk.x), 'base64url');
    assert.equal(raw.length, 32);
    assert.equal(id.deviceId, crypto.createHash('sha256').update(raw).digest('hex'));
    assert.equal(deviceIdFromPublicKeyPem(id.publicKeyPem), id.deviceId);
    assert.equal(publicKeyRawBase64UrlFromPem(id.publicKeyPem), jwk.x);
  });

  it('signatures are base64url Ed25519 that verify with the public key, and not with another key', () => {
    const id = createDeviceIdentity();
    const other = createDeviceIdentity();
    const payload = 'v3|device|gateway-client|backend|operator|operator.read,operator.admin|1700000000000|tok|nonce';
    const sig = signDevicePayload(id.privateKeyPem, payload);
    assert.match(sig, /^[A-Za-z0-9_-]+$/);
    assert.equal(Buffer.from(sig, 'base64url').length, 64);
    assert.equal(
      crypto.verify(null, Buffer.from(payload), crypto.createPublicKey(id.publicKeyPem), Buffer.from(sig, 'base64url')),
      true,
    );
    assert.equal(verifyDevicePayload(other.publicKeyPem, payload, sig), false);
    assert.equal(verifyDevicePayload(id.publicKeyPem, `${payload}x`, sig), false);
  });

  it('rebuilds the same identity from the stored private key; refuses a non-Ed25519 key', () => {
    const id = createDeviceIdentity();
    assert.deepEqual(identityFromPrivateKeyPem(id.privateKeyPem), id);
    const rsa = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.equal(identityFromPrivateKeyPem(String(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }))), undefined);
    assert.equal(identityFromPrivateKeyPem('garbage'), undefined);
  });

  it('host hooks load, store and clear only this device’s operator token', () => {
    const id = createDeviceIdentity();
    const store = memoryTokenStore();
    const deps = deviceHostDeps(id, store);
    deps.storeDeviceAuthToken?.({ deviceId: 'f'.repeat(64), role: 'operator', token: 'x', scopes: [] });
    deps.storeDeviceAuthToken?.({ deviceId: id.deviceId, role: 'node', token: 'x', scopes: [] });
    assert.equal(store.load(), undefined);
    deps.storeDeviceAuthToken?.({
      deviceId: id.deviceId,
      role: 'operator',
      token: 'dev-tok',
      scopes: ['operator.read'],
    });
    assert.deepEqual(deps.loadDeviceAuthToken?.({ deviceId: id.deviceId, role: 'operator' }), {
      token: 'dev-tok',
      scopes: ['operator.read'],
    });
    assert.equal(deps.loadDeviceAuthToken?.({ deviceId: 'f'.repeat(64), role: 'operator' }), null);
    deps.clearDeviceAuthToken?.({ deviceId: id.deviceId, role: 'operator' });
    assert.equal(store.load(), undefined);
  });

  it('the client factory adds identity, hooks, pin and the read + admin scopes', () => {
    const id = createDeviceIdentity();
    let seen: Record<string, unknown> | undefined;
    const errors: string[] = [];
    const factory = remoteClientFactory(
      (opts) => {
        seen = opts;
        return {
          start() {},
          stop() {},
          stopAndWait: () => Promise.resolve(),
          request: () => Promise.resolve({} as never),
        };
      },
      {
        identity: id,
        tokens: memoryTokenStore(),
        tlsFingerprint: 'a'.repeat(64),
        onConnectError: (e) => errors.push(e.message),
      },
    );
    factory({
      url: 'wss://gw',
      scopes: ['operator.admin'],
      deviceIdentity: null,
      onConnectError: (e) => errors.push(`base ${e.message}`),
    });
    assert.deepEqual(seen?.scopes, [...REMOTE_SCOPES]);
    assert.equal((seen?.deviceIdentity as { deviceId: string }).deviceId, id.deviceId);
    assert.equal(seen?.tlsFingerprint, 'a'.repeat(64));
    (seen?.onConnectError as (e: Error) => void)(new Error('boom'));
    assert.deepEqual(errors, ['boom', 'base boom']);
  });
});

describe('remote gateway: connect failures', () => {
  const gwError = (code: string, details: Record<string, unknown>) =>
    Object.assign(new Error('connect failed'), { gatewayCode: code, details });
  it('maps the gateway’s detail codes', () => {
    const deviceId = 'a'.repeat(64);
    assert.deepEqual(
      classifyConnectError(gwError('NOT_PAIRED', { code: 'PAIRING_REQUIRED', requestId: 'req-1', deviceId }), true),
      { code: 'PAIRING_REQUIRED', raw: 'PAIRING_REQUIRED', requestId: 'req-1', deviceId },
    );
    // An id that could be shell text is dropped, never passed on.
    assert.equal(
      classifyConnectError(gwError('NOT_PAIRED', { code: 'PAIRING_REQUIRED', requestId: 'x; rm -rf ~' }), true)
        .requestId,
      undefined,
    );
    assert.equal(
      classifyConnectError(gwError('INVALID_REQUEST', { code: 'AUTH_TOKEN_MISMATCH' }), true).code,
      'AUTH_TOKEN_MISMATCH',
    );
    assert.equal(
      classifyConnectError(gwError('INVALID_REQUEST', { code: 'AUTH_TOKEN_MISSING' }), false).code,
      'AUTH_TOKEN_MISSING',
    );
    assert.equal(classifyConnectError(gwError('NOT_PAIRED', {}), false).code, 'AUTH_TOKEN_MISSING');
    assert.equal(classifyConnectError({ code: 'MISSING_SCOPE' }, true).code, 'MISSING_SCOPE');
  });
  it('maps TLS and socket errors', () => {
    assert.equal(
      classifyConnectError(new Error('gateway tls fingerprint mismatch'), true).code,
      'TLS_FINGERPRINT_MISMATCH',
    );
    const selfSigned = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    assert.equal(classifyConnectError(selfSigned, true).code, 'TLS_SELF_SIGNED');
    assert.equal(
      classifyConnectError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), true).code,
      'UNREACHABLE',
    );
    assert.equal(classifyConnectError(new Error('x'), true).code, 'OTHER');
  });
});
