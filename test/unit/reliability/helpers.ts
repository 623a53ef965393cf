// Shared by the reliability tests: scenario homes on real files, SQLite written by Node 24's node:sqlite
// (the stores the 2026.9 CLI writes), the real Reader with the child SQLite source, and checksums that
// prove the reader wrote nothing.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliInfo } from '../../../src/openclaw/cli';
import type { SqliteSource } from '../../../src/openclaw/model';
import { Reader } from '../../../src/openclaw/snapshot';
import { createChildSource } from '../../../src/openclaw/sqlite';
import type { Profile, Snapshot, Warning } from '../../../src/openclaw/types';
import { node24Path } from '../../fixtures/openclaw';

export const NODE24 = node24Path();
export const READER = path.resolve(__dirname, '../../../src/openclaw/sqlite/reader-main.js');
export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
export const TOKEN = (tag: string): string => `sk-ant-oat01-FAKE-${tag}-`.padEnd(100, 'x');

export function tmp(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `oc-rel-${tag}-`));
}

export function childSource(): Promise<SqliteSource> {
  return createChildSource({ nodeCandidates: [NODE24], readerScript: READER }).then((s) => {
    assert.ok(s, `no node:sqlite child from ${NODE24}`);
    return s;
  });
}

/** The hooks every reliability file shares: one child reader for the file, and its temp root removed after it. */
export function childReaderHooks(root: string, use: (source: SqliteSource) => void): void {
  let source: SqliteSource | undefined;
  before(async () => {
    source = await childSource();
    use(source);
  });
  after(() => {
    source?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });
}

/**
 * Everything under dir: sha256 of every file (SQLite's `-shm` and `-wal` included: a reader must create neither, issue
 * 12), symlinks by target text, directories and special files by kind. Equal before and after ⇒ nothing written,
 * created or removed.
 */
export function checksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) out[p] = `link:${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) {
        out[p] = 'dir';
        walk(p);
      } else if (e.isFile()) out[p] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
      else out[p] = 'special'; // a FIFO or device: never opened here
    }
  };
  walk(dir);
  return out;
}

/** Runs SQL in Node 24 (node:sqlite), synchronously; no CLI is running meanwhile. */
export function sql(db: string, statements: string, params: Record<string, string> = {}): void {
  fs.mkdirSync(path.dirname(db), { recursive: true });
  const script = `const {DatabaseSync}=require('node:sqlite');const d=new DatabaseSync(process.argv[1]);const p=JSON.parse(process.argv[3]);
let s=process.argv[2];for(const [k,v] of Object.entries(p)) s=s.split('@'+k+'@').join("'"+v.replace(/'/g,"''")+"'");d.exec(s);d.close();`;
  const r = spawnSync(NODE24, ['--no-warnings', '-e', script, db, statements, JSON.stringify(params)], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
}

const AGENT_DDL = `CREATE TABLE IF NOT EXISTS auth_profile_store (store_key TEXT NOT NULL PRIMARY KEY, store_json TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS auth_profile_state (state_key TEXT NOT NULL PRIMARY KEY, state_json TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT;`;
const STATE_DDL =
  'CREATE TABLE IF NOT EXISTS config_machine_state (state_key TEXT NOT NULL PRIMARY KEY, value_json TEXT NOT NULL, updated_at_ms INTEGER NOT NULL) STRICT;';

/** The shared store as 2026.9.6 writes it (`auth.sharedStore = state-db`). Cells are raw text, so they may be broken. */
export function writeSharedStore(home: string, storeText: string, stateText?: string, userVersion = 18): string {
  const db = path.join(home, '.openclaw/state/openclaw.sqlite');
  const rows = [`('auth.sharedStore','{"location":"state-db"}',1)`, `('authProfiles.store',@store@,1)`];
  if (stateText !== undefined) rows.push(`('authProfiles.state',@state@,1)`);
  sql(
    db,
    `PRAGMA journal_mode=WAL; ${STATE_DDL} PRAGMA user_version=${userVersion}; INSERT OR REPLACE INTO config_machine_state VALUES ${rows.join(',')};`,
    stateText === undefined ? { store: storeText } : { store: storeText, state: stateText },
  );
  return db;
}

/** An agent-local store (`<agentDir>/openclaw-agent.sqlite`). */
export function writeAgentStore(agentDir: string, storeText: string, stateText?: string, userVersion = 23): string {
  const db = path.join(agentDir, 'openclaw-agent.sqlite');
  const rows = [`INSERT OR REPLACE INTO auth_profile_store VALUES ('primary',@store@,1);`];
  if (stateText !== undefined) rows.push(`INSERT OR REPLACE INTO auth_profile_state VALUES ('primary',@state@,1);`);
  sql(
    db,
    `PRAGMA journal_mode=WAL; ${AGENT_DDL} PRAGMA user_version=${userVersion}; ${rows.join('')}`,
    stateText === undefined ? { store: storeText } : { store: storeText, state: stateText },
  );
  return db;
}

/** A config with agents main (default unless said otherwise) and work. */
export function writeConfig(home: string, text: string): string {
  const p = path.join(home, '.openclaw/openclaw.json');
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

export const twoAgents = (home: string): string =>
  JSON.stringify({
    agents: {
      entries: { main: { default: true }, work: { agentDir: path.join(home, '.openclaw/agents/work/agent') } },
    },
  });

export const CLI: CliInfo = { path: '/usr/bin/openclaw', version: '2026.9.6', nodeCandidates: [] };

export function read(
  home: string,
  sqlite: SqliteSource | undefined,
  extra: Partial<ConstructorParameters<typeof Reader>[0]> = {},
): Promise<Snapshot> {
  return new Reader({
    env: { HOME: home },
    homedir: home,
    warnWindowMs: 86_400_000,
    now: () => NOW,
    cli: CLI,
    sqlite,
    ...extra,
  }).read();
}

export function profiles(s: Snapshot, agent = 'main'): Profile[] {
  return s.agents.find((a) => a.id === agent)?.providers.flatMap((p) => p.profiles) ?? [];
}

export function ids(s: Snapshot, agent = 'main'): string[] {
  return profiles(s, agent)
    .map((p) => p.id)
    .sort();
}

export function codes(s: Snapshot): string[] {
  return s.warnings.map((w) => w.code);
}

/** A warning is actionable: it names what to do and never carries a secret. */
export function assertActionable(s: Snapshot, code: string): void {
  const w = s.warnings.find((x) => x.code === code);
  assert.ok(w, `expected warning ${code}, got ${JSON.stringify(s.warnings)}`);
  assert.match(
    w.message,
    /run|fix|update|set|install|re-paste|paste|remove|check|grant|create|restart|wait|choose|pick/i,
    w.message,
  );
  assert.doesNotMatch(JSON.stringify(s.warnings), /FAKE-[a-z]+-x{8}/, 'a warning carries a secret');
}

export const store = (profiles: Record<string, unknown>): string => JSON.stringify({ version: 1, profiles });
export const tok = (tag: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'token',
  provider: 'anthropic',
  token: TOKEN(tag),
  ...extra,
});

/** `nobody` when the tests run as root (root ignores file modes, so a permission failure must be a real user's). */
export const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/**
 * The Reader, the in-process SQLite source and the env / Claude readers as one self-contained file in dir, for a child
 * Node: another user may not be able to enter the checkout (a clone under `mktemp -d` is 0700), and a read that
 * blocks must block the child, not the test.
 */
export function readerBundle(dir: string): string {
  const out = path.join(dir, 'reader-bundle.js');
  if (!fs.existsSync(out)) {
    esbuild.buildSync({
      stdin: {
        contents:
          "module.exports = { ...require('./snapshot.js'), ...require('./sqlite/index.js'), ...require('./env.js'), ...require('./claude.js'), ...require('./locate.js'), ...require('./config.js') };",
        resolveDir: path.resolve(__dirname, '../../../src/openclaw'),
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: out,
      external: ['node:sqlite'],
      logLevel: 'error',
    });
    fs.chmodSync(out, 0o644);
  }
  return out;
}

export interface ChildRead {
  snapshot?: Snapshot;
  /** Warnings from `envCredentials` and `readClaudeLogin` called with a warning list of their own. */
  fileWarnings?: Warning[];
  timedOut: boolean;
  status: number | null;
  stderr: string;
}

/**
 * Reads home with the real Reader in a child Node (node:sqlite in-process when that Node has it), as `user` when given,
 * killed after timeoutMs. Besides the snapshot it reports what `envCredentials` and `readClaudeLogin` warn.
 */
export function readInChild(
  bundle: string,
  home: string,
  opts: { node?: string; user?: { uid: number; gid: number }; timeoutMs?: number } = {},
): ChildRead {
  const script = `const m=require(process.argv[1]);const home=process.argv[2];const env={HOME:home};const sqlite=m.createInProcessSource();
const fileWarnings=[];const loc=m.locate({env,homedir:home});let config;try{config=m.readConfig(loc)}catch{config={envVars:{}}}
m.envCredentials(loc,config,env,fileWarnings);m.readClaudeLogin(env,home,${NOW},86400000,fileWarnings);
new m.Reader({env,homedir:home,warnWindowMs:86400000,now:()=>${NOW},cli:${JSON.stringify(CLI)},sqlite}).read()
.then((snapshot)=>{process.stdout.write(JSON.stringify({snapshot,fileWarnings}));sqlite?.dispose();});`;
  const r = spawnSync(opts.node ?? process.execPath, ['--no-warnings', '-e', script, bundle, home], {
    encoding: 'utf8',
    cwd: '/',
    timeout: opts.timeoutMs ?? 10_000,
    ...(opts.user ?? {}),
  });
  const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  const parsed = r.status === 0 ? (JSON.parse(r.stdout) as { snapshot: Snapshot; fileWarnings: Warning[] }) : undefined;
  return { ...(parsed ?? {}), timedOut, status: r.status, stderr: r.stderr };
}
