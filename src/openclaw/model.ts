// Intermediate values between the readers (locate/config/stores) and the snapshot
// assembly (health/order). Raw data as OpenClaw stores it, already validated.

import type { StoreKind, Warning } from './types';

/** Where OpenClaw keeps its state, resolved exactly as the CLI resolves it. */
export interface Location {
  home: string;
  stateDir: string;
  configPath: string;
  /** Named profile (`--profile <name>` ⇒ `~/.openclaw-<name>`), when one is in use. */
  profile?: string;
  /** True when the state dir exists. */
  stateDirExists: boolean;
  configExists: boolean;
}

/** One agent from the config roster (or the implicit `main`). */
export interface AgentEntry {
  id: string;
  name?: string;
  agentDir: string;
  isDefault: boolean;
}

/** The auth-related parts of openclaw.json. */
export interface AuthConfig {
  /** auth.profiles: metadata only, no secrets. */
  profiles: Record<string, { provider: string; mode?: string; email?: string; displayName?: string }>;
  /** auth.order. */
  order: Record<string, string[]>;
}

/** A provider the configured models need, with the config paths that name it (`agents.defaults.model.fallbacks`). */
export interface ModelProviderNeed {
  provider: string;
  neededBy: string[];
}

export interface ParsedConfig {
  exists: boolean;
  auth: AuthConfig;
  agents: AgentEntry[];
  /** config env.vars (names only matter; values are secrets). */
  envVars: Record<string, string>;
  /**
   * Providers the configured models need, as `models status --agent <id>` collects them: the agent's model or
   * `agents.defaults.model` (primary, fallbacks), `agents.defaults.imageModel`, an explicit utility model.
   * `defaults` is for agents without a model of their own.
   */
  modelProviders?: { defaults: ModelProviderNeed[]; byAgent: Record<string, ModelProviderNeed[]> };
  /** Providers with a key in config `models.providers.<id>.apiKey`: a credential without a profile. */
  configKeyProviders?: string[];
  /** The whole parsed object, for anything else. */
  raw: Record<string, unknown>;
}

/** A credential as stored (normalised like OpenClaw's reader). Holds secrets: never log it. */
export interface StoredCredential {
  type: string;
  provider: string;
  key?: string;
  token?: string;
  access?: string;
  refresh?: string;
  /** Raw `expires` as stored; OpenClaw's normalisation turns a non-positive/non-finite one into 0. */
  expires?: number;
  /** The raw value before normalisation, when it was not a number (string expiry etc). */
  expiresRaw?: unknown;
  email?: string;
  displayName?: string;
  hasKeyRef?: boolean;
  hasTokenRef?: boolean;
  /** Where a SecretRef says the secret comes from (`keyRef`/`tokenRef`); never the secret itself. */
  secretRef?: SecretRefInfo;
  /** Which store and file the credential was read from. */
  store: StoreKind;
  storePath: string;
}

export interface UsageStats {
  lastUsed?: number;
  cooldownUntil?: number;
  cooldownReason?: string;
  cooldownModel?: string;
  disabledUntil?: number;
  disabledReason?: string;
  blockedUntil?: number;
  blockedReason?: string;
  /** `wham_token_expired` / `wham_account_dead`: a finer reason for an auth cooldown. */
  cooldownClassification?: string;
  errorCount?: number;
  /** Failures by reason (`rate_limit: 2`). */
  failureCounts?: Record<string, number>;
  lastFailureAt?: number;
}

export interface AuthState {
  order: Record<string, string[]>;
  lastGood: Record<string, string>;
  usageStats: Record<string, UsageStats>;
}

/** Everything the stores hold for one agent, shared and local already merged as the CLI merges them. */
export interface AgentStores {
  agentId: string;
  profiles: Record<string, StoredCredential>;
  state: AuthState;
  /** Where a stored order override for this agent lives (for tooltips). */
  statePath?: string;
}

export interface StoresResult {
  generation: 'json' | 'sqlite-agent' | 'sqlite-shared' | 'none';
  agents: Record<string, AgentStores>;
  warnings: Warning[];
  /** 'in-process' | 'child-process' | 'cli' | 'json-only' */
  readPath: string;
  /** Files whose change means the snapshot may change. */
  watchPaths: string[];
}

/** Reads rows from SQLite files read-only. Implementations: in-process node:sqlite, a child Node process. */
export interface SqliteSource {
  readonly kind: 'in-process' | 'child-process';
  /**
   * Run read-only queries against one database file. Returns one array of row objects per query,
   * plus PRAGMA user_version. Rejects with an Error whose message names the file (never row contents).
   */
  query(
    dbPath: string,
    queries: { sql: string; params?: (string | number)[] }[],
  ): Promise<{ userVersion: number; rows: Record<string, unknown>[][] }>;
  /** Optional: start what the first query needs (a reader process) ahead of it, so its start-up overlaps other work. */
  prepare?(): void;
  dispose(): void;
}

/** A SecretRef as OpenClaw stores it (`{ source: "env" | "file" | "exec" | …, provider, id }`): a pointer, no secret. */
export interface SecretRefInfo {
  source: string;
  provider?: string;
  id: string;
}
