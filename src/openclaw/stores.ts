// Reads every auth store generation read-only and merges them the way the CLI does
// (`mergeAuthProfileStores` in `src/agents/auth-profiles/persisted.ts`): shared base, agent-local overlay.

import path = require('node:path');
import type { AgentEntry, AgentStores, Location, ParsedConfig, SqliteSource, StoresResult } from './model';
import { exists, readFailure, readTextFile, UnsafeFileError } from './safefs';
import { parseAuthState, parseCredentialStore } from './schemas';
import {
  readAgentDbCells,
  readStateDbCells,
  MAX_AGENT_DB_VERSION,
  MAX_STATE_DB_VERSION,
  type CellResult,
} from './sqlite/authdb';
import type { StoreKind, Warning } from './types';
import { emptyLayer, emptyState, mergeLayers, mergeState, type Layer } from './layers';
import { pluginUpgradeWarnings } from './pluginUpgrades';
import { DOCTOR, legacyOauthPath, owner, retiredFileWarnings, type Owner, type OwnersOf } from './migration';

export function agentDbPath(agentDir: string): string {
  return path.join(agentDir, 'openclaw-agent.sqlite');
}

export function stateDbPath(loc: Location): string {
  return path.join(loc.stateDir, 'state', 'openclaw.sqlite');
}

class Reader {
  readonly warnings: Warning[] = [];
  usedSqlite = false;

  constructor(private readonly sqlite: SqliteSource | undefined) {}

  warn(w: Warning): void {
    this.warnings.push(w);
  }

  /** Parses a JSON cell or file body; a malformed one becomes STORE_UNREADABLE (file named, content never). */
  json(text: string | undefined, where: string, agent?: string): unknown {
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      this.warn({
        code: 'STORE_UNREADABLE',
        params: { detail: 'not valid JSON' },
        message: `${where} is not valid JSON; OpenClaw cannot use it either — ${DOCTOR}.`,
        path: where,
        ...(agent ? { agent } : {}),
      });
      return undefined;
    }
  }

  layer(
    storeText: string | undefined,
    stateText: string | undefined,
    store: StoreKind,
    storePath: string,
    agent?: string,
  ): Layer {
    const layer = emptyLayer();
    const rawStore = this.json(storeText, storePath, agent);
    if (rawStore !== undefined) {
      const parsed = parseCredentialStore(rawStore, store, storePath, agent);
      if (parsed) {
        layer.profiles = parsed.profiles;
        layer.state = parsed.inlineState;
        parsed.warnings.forEach((w) => this.warn(w));
      } else {
        this.warn({
          code: 'STORE_UNREADABLE',
          params: { detail: 'no "profiles" object' },
          message: `${storePath} has no "profiles" object — ${DOCTOR}.`,
          path: storePath,
          ...(agent ? { agent } : {}),
        });
      }
    }
    const rawState = this.json(stateText, storePath, agent);
    if (rawState !== undefined) layer.state = mergeState(layer.state, parseAuthState(rawState));
    return layer;
  }

  private readonly ahead = new Map<string, Promise<CellResult>>();

  private static cells(sqlite: SqliteSource, kind: 'state' | 'agent', dbPath: string): Promise<CellResult> {
    return kind === 'state' ? readStateDbCells(sqlite, dbPath) : readAgentDbCells(sqlite, dbPath);
  }

  /**
   * Asks for a database before it is needed: a reader process then works through all of them while the answers
   * that came back are parsed here. Never rejects (errors come back as a CellResult), so one left unused is harmless.
   */
  prefetch(kind: 'state' | 'agent', dbPath: string): void {
    if (this.sqlite && !this.ahead.has(dbPath) && exists(dbPath))
      this.ahead.set(dbPath, Reader.cells(this.sqlite, kind, dbPath));
  }

  async db(kind: 'state' | 'agent', dbPath: string, agent?: string): Promise<CellResult | undefined> {
    const ahead = this.ahead.get(dbPath);
    this.ahead.delete(dbPath);
    if (!this.sqlite || (!ahead && !exists(dbPath))) return undefined;
    this.usedSqlite = true;
    const res = await (ahead ?? Reader.cells(this.sqlite, kind, dbPath));
    if (res.status === 'too-new') {
      const max = kind === 'state' ? MAX_STATE_DB_VERSION : MAX_AGENT_DB_VERSION;
      this.warn({
        code: 'SCHEMA_TOO_NEW',
        params: { version: res.userVersion, max },
        message: `${dbPath} has schema version ${res.userVersion} (this extension reads up to ${max}); update the extension. Not read.`,
        path: dbPath,
        ...(agent ? { agent } : {}),
      });
    } else if (res.status === 'error') {
      this.warn({
        code: 'STORE_UNREADABLE',
        params: { detail: res.message },
        message: res.message,
        path: dbPath,
        ...(agent ? { agent } : {}),
      });
    }
    return res;
  }

  /** A JSON store file's text; a FIFO, device or oversized file is not read (safefs) and is named in a warning. */
  readFile(file: string, agent?: string): string | undefined {
    try {
      return readTextFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const message =
        err instanceof UnsafeFileError
          ? `Cannot read ${file}: ${readFailure(err)}; check that it is the file OpenClaw writes, or remove it.`
          : `Cannot read ${file} (${code ?? 'error'}); check that it is a file and that you have permission to read it.`;
      if (code !== 'ENOENT')
        this.warn({
          code: 'STORE_UNREADABLE',
          params: { detail: err instanceof UnsafeFileError ? readFailure(err) : (code ?? 'error') },
          message,
          path: file,
          ...(agent ? { agent } : {}),
        });
      return undefined;
    }
  }
}

function mainAgentDir(loc: Location, agents: AgentEntry[]): string {
  return agents.find((a) => a.id === 'main')?.agentDir ?? path.join(loc.stateDir, 'agents', 'main', 'agent');
}

export async function readStores(
  loc: Location,
  config: ParsedConfig,
  sqlite: SqliteSource | undefined,
): Promise<StoresResult> {
  const r = new Reader(sqlite);
  const stateDb = stateDbPath(loc);
  const mainDir = mainAgentDir(loc, config.agents);
  const dirs = [...new Set([...config.agents.map((a) => a.agentDir), mainDir])];
  const watchPaths = [loc.configPath, path.join(loc.stateDir, '.env'), stateDb, `${stateDb}-wal`];
  for (const d of dirs)
    watchPaths.push(
      agentDbPath(d),
      `${agentDbPath(d)}-wal`,
      path.join(d, 'auth-profiles.json'),
      path.join(d, 'auth-state.json'),
      path.join(d, 'auth.json'),
    );
  watchPaths.push(legacyOauthPath(loc.stateDir));

  const hasSqlite = exists(stateDb) || dirs.some((d) => exists(agentDbPath(d)));
  if (hasSqlite && !sqlite) {
    r.warn({
      code: 'SQLITE_UNAVAILABLE',
      message:
        'OpenClaw keeps auth in SQLite, but no Node with node:sqlite was found; reading through the openclaw CLI instead.',
    });
    return {
      generation: exists(stateDb) ? 'sqlite-shared' : 'sqlite-agent',
      agents: {},
      warnings: r.warnings,
      readPath: 'cli',
      watchPaths,
    };
  }
  const result = hasSqlite ? await readSqlite(r, config, stateDb, mainDir, loc.stateDir) : readJson(r, config, mainDir);
  return { ...result, warnings: r.warnings, readPath: r.usedSqlite && sqlite ? sqlite.kind : 'json-only', watchPaths };
}

async function readSqlite(
  r: Reader,
  config: ParsedConfig,
  stateDb: string,
  mainDir: string,
  stateDir: string,
): Promise<Pick<StoresResult, 'generation' | 'agents'>> {
  r.prefetch('state', stateDb);
  for (const dir of new Set([mainDir, ...config.agents.map((a) => a.agentDir)])) r.prefetch('agent', agentDbPath(dir));
  let shared = emptyLayer();
  let ownership: 'state-db' | 'legacy-main' | 'invalid' = 'legacy-main';
  const stateCells = await r.db('state', stateDb);
  // Stores that exist but could not be read: whether they hold a profile is unknown, so no refusal is claimed for them.
  const unread = new Set<string>(stateCells && stateCells.status !== 'ok' ? [stateDb] : []);
  if (stateCells?.status === 'ok') {
    const raw = r.json(stateCells.cells['auth.sharedStore'], stateDb);
    const location = (raw as { location?: unknown } | undefined)?.location;
    if (raw === undefined && stateCells.cells['auth.sharedStore'] === undefined) ownership = 'legacy-main';
    else if (location === 'state-db' || location === 'legacy-main') ownership = location;
    else {
      ownership = 'invalid';
      r.warn({
        code: 'INVALID_SHARED_AUTH_STORE_OWNERSHIP',
        message: `The shared auth store owner in ${stateDb} is not recognised — ${DOCTOR}.`,
        path: stateDb,
      });
    }
    pluginUpgradeWarnings(stateCells.cells, stateDb).forEach((w) => r.warn(w));
    if (ownership === 'state-db')
      shared = r.layer(
        stateCells.cells['authProfiles.store'],
        stateCells.cells['authProfiles.state'],
        'sqlite-shared',
        stateDb,
      );
  }

  const locals = new Map<string, Layer>();
  const readLocal = async (dir: string, agent: string, kind: StoreKind): Promise<Layer> => {
    const known = locals.get(dir);
    if (known) return known;
    const db = agentDbPath(dir);
    const cells = await r.db('agent', db, agent);
    if (cells && cells.status !== 'ok') unread.add(db);
    const layer =
      cells?.status === 'ok' ? r.layer(cells.cells.store, cells.cells.state, kind, db, agent) : emptyLayer();
    locals.set(dir, layer);
    return layer;
  };
  if (ownership === 'legacy-main') shared = await readLocal(mainDir, 'main', 'sqlite-legacy-main');

  const agents: Record<string, AgentStores> = {};
  const owners: OwnersOf[] = [];
  const sharedDb = ownership === 'state-db' ? stateDb : agentDbPath(mainDir);
  const sharedOwner: Owner | undefined =
    ownership === 'invalid' || unread.has(stateDb) ? undefined : owner('main', mainDir, sharedDb, shared, unread);
  let anyLocalDb = false;
  for (const a of config.agents) {
    const db = agentDbPath(a.agentDir);
    anyLocalDb ||= exists(db);
    const isSharedOwner = ownership === 'legacy-main' && a.agentDir === mainDir;
    const local = isSharedOwner ? emptyLayer() : await readLocal(a.agentDir, a.id, 'sqlite-agent');
    const merged = mergeLayers(shared, local);
    agents[a.id] = { agentId: a.id, profiles: merged.profiles, state: merged.state, statePath: db };
    // An agent's own store is its folder's database, also for main when the shared store is the state DB.
    owners.push({
      agent: a.id,
      own: owner(a.id, a.agentDir, db, isSharedOwner ? shared : local, unread),
      shared: sharedOwner,
    });
  }
  retiredFileWarnings(r, owners, mainDir, stateDir);
  const generation =
    ownership === 'state-db' ? 'sqlite-shared' : anyLocalDb || exists(agentDbPath(mainDir)) ? 'sqlite-agent' : 'none';
  return { generation, agents };
}

function readJson(r: Reader, config: ParsedConfig, mainDir: string): Pick<StoresResult, 'generation' | 'agents'> {
  const readDir = (dir: string, agent: string): Layer | undefined => {
    const storePath = path.join(dir, 'auth-profiles.json');
    const statePath = path.join(dir, 'auth-state.json');
    const storeText = r.readFile(storePath, agent);
    const stateText = r.readFile(statePath, agent);
    if (storeText === undefined && stateText === undefined) return undefined;
    const layer = r.layer(storeText, undefined, 'json', storePath, agent);
    const state = stateText === undefined ? emptyState() : parseAuthState(r.json(stateText, statePath, agent));
    return { profiles: layer.profiles, state: mergeState(layer.state, state) };
  };
  const main = readDir(mainDir, 'main');
  const agents: Record<string, AgentStores> = {};
  let any = !!main;
  for (const a of config.agents) {
    const own = a.agentDir === mainDir ? main : readDir(a.agentDir, a.id);
    any ||= !!own;
    const merged =
      a.agentDir === mainDir ? (main ?? emptyLayer()) : mergeLayers(main ?? emptyLayer(), own ?? emptyLayer());
    agents[a.id] = {
      agentId: a.id,
      profiles: merged.profiles,
      state: merged.state,
      statePath: path.join(a.agentDir, 'auth-state.json'),
    };
  }
  return { generation: any ? 'json' : 'none', agents };
}
