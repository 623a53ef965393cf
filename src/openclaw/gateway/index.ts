// The gateway code loaded on demand from its own bundle (`dist/gateway.js`): the reference client with `ws` is
// ~115 KB minified, which would push `dist/extension.js` past its 250 KB budget and onto the activation path.
// The UI loads this module after the first paint; nothing here runs at load.

import { GatewayClient } from '@openclaw/gateway-client';
import type { GatewayDiscovery } from './config';
import { GatewayConnection, type ConnectionOptions } from './connection';
import { RemoteGatewaySession, type RemoteSessionOptions } from './remoteSession';

export { GatewayConnection, GatewayRequestError } from './connection';
export { RemoteGatewaySession } from './remoteSession';

/** A connection that uses the reference client. Call `start()` on it. */
export function createGatewayConnection(discovery: GatewayDiscovery, options: ConnectionOptions): GatewayConnection {
  return new GatewayConnection(discovery, (opts) => new GatewayClient(opts), options);
}

/** A remote gateway's session (paired device, TLS pin) over the reference client. Call `start()` on it. */
export function createRemoteSession(options: Omit<RemoteSessionOptions, 'make'>): RemoteGatewaySession {
  return new RemoteGatewaySession({ ...options, make: (opts) => new GatewayClient(opts) });
}
