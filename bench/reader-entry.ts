// What the snapshot bench needs from the domain, bundled by scripts/bench.mjs the same way as the extension.
export { Reader, buildSnapshot } from '../src/openclaw/snapshot';
export { locate } from '../src/openclaw/locate';
export { readConfig } from '../src/openclaw/config';
export { readStores } from '../src/openclaw/stores';
export { createInProcessSource, ChildSqliteSource } from '../src/openclaw/sqlite';
