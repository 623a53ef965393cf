// What the gateway bench case (bench/gateway.mjs) needs: the extension's own connection, writes and local read,
// and the test fixture that starts a real `openclaw gateway run`. Bundled by bench/gateway.mjs.
export { createGatewayConnection } from '../src/openclaw/gateway/index';
export { discoverLocalGateway } from '../src/openclaw/gateway/config';
export { setOrderViaGateway } from '../src/openclaw/gateway/writes';
export { compareAgent } from '../src/openclaw/gateway/compare';
export { Reader } from '../src/openclaw/snapshot';
export { ChildSqliteSource } from '../src/openclaw/sqlite';
export { configureGateway, freePort, startGateway } from '../test/fixtures/gateway';
