// The snapshot is the one value the UI renders. Field names are a public contract
// (other extensions and the tests read them): add fields, never rename.

export type Generation = 'json' | 'sqlite-agent' | 'sqlite-shared' | 'none';
/** `unknown`: the credential could not be read (no SQLite reader and no CLI), so nothing is claimed about it. */
export type Health = 'ok' | 'expiring' | 'expired' | 'static' | 'missing' | 'unknown';
export type OrderSource = 'stored' | 'config-order' | 'config-profiles' | 'automatic';

/** Every code the domain raises: a closed set, so the UI has a localised message and a fix for each (src/ui/warnings.ts). */
export const WARNING_CODES = [
  'CLI_MISSING',
  'CLI_TOO_OLD',
  'CLI_READ_FAILED',
  'CONFIG_INVALID',
  'NO_DEFAULT_AGENT',
  'PROFILE_DECLARED_NOT_STORED',
  'EXPIRY_IN_SECONDS',
  'STORE_UNREADABLE',
  'SCHEMA_TOO_NEW',
  'SQLITE_UNAVAILABLE',
  'STORES_UNREADABLE_NO_READER',
  'INVALID_SHARED_AUTH_STORE_OWNERSHIP',
  'MIGRATION_REQUIRED',
  'MIGRATION_LEFTOVER',
  'UNKNOWN_CREDENTIAL_TYPE',
  'ENV_FILE_UNREADABLE',
  'CLAUDE_CREDENTIALS_UNREADABLE',
  'SECRET_REF_UNSET',
  'PLUGIN_UPGRADE_UNFINISHED',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  /**
   * Stable machine code (WARNING_CODES); ENV_FILE_UNREADABLE and CLAUDE_CREDENTIALS_UNREADABLE for a `$STATE/.env` or
   * Claude login file that exists but cannot be read (FIFO, device, too large).
   */
  code: WarningCode;
  /** The values the message is made of, beside agent/profileId/provider/path (`detail`, `version`, `files`, …). */
  params?: Record<string, string | number>;
  /** The same in one English sentence, for logs and API users; the UI renders from `code` and the values. Never contains a secret. */
  message: string;
  agent?: string;
  profileId?: string;
  provider?: string;
  /** File the warning is about, when there is one. */
  path?: string;
  /** MIGRATION_REQUIRED: the providers OpenClaw refuses for the agent; absent when it refuses every provider. */
  blockedProviders?: string[];
}

/** Where a profile's credential lives. */
export type StoreKind = 'json' | 'sqlite-agent' | 'sqlite-shared' | 'sqlite-legacy-main';

export interface Profile {
  id: string;
  provider: string;
  /** 'api_key' | 'token' | 'oauth' as stored. */
  type: string;
  health: Health;
  /** Why health is 'missing' (OpenClaw's reason codes: missing_credential, invalid_expires, …). */
  reasonCode?: string;
  /** Epoch ms, exactly as stored. */
  expiresAt?: number;
  cooldownUntil?: number;
  cooldownReason?: string;
  disabledUntil?: number;
  disabledReason?: string;
  refreshable?: boolean;
  /** True when an explicit order (stored or config) for the provider leaves this profile out. */
  excluded?: boolean;
  email?: string;
  displayName?: string;
  /** The secret masked exactly as the CLI masks it (`sk-ant-a...89abcdef`). Never the secret. */
  masked?: string;
  /** Which store holds the credential (for the tooltip). */
  store?: StoreKind;
  storePath?: string;
  /** True when the profile is declared in config `auth.profiles` but absent from every store. */
  declaredOnly?: boolean;
  /** Position in the effective order (0-based); undefined when excluded. */
  orderIndex?: number;
  /** The expiry looks like epoch seconds stored as milliseconds (1970-dated). */
  expiryLooksLikeSeconds?: boolean;
  /** An OAuth refresh is in flight (fence credential). */
  refreshing?: boolean;
  /** A finer reason for an auth cooldown (`wham_token_expired`, `wham_account_dead`), as stored. */
  cooldownClassification?: string;
  /** The cooldown holds for this model only (a model-scoped rate limit). */
  cooldownModel?: string;
  /** What OpenClaw advises while a cooldown or disabled window runs (`models auth list` `recoveryHint`). */
  recovery?: RecoveryKind;
  /** The stored usage statistics behind a cooldown (`usageStats`): why a profile is not used. */
  usage?: ProfileUsage;
  /** The credential is a SecretRef: where its secret comes from, and for an env ref whether it is set now. */
  secretRef?: ProfileSecretRef;
}

/**
 * A SecretRef's pointer (`source` env / file / exec / …, `id` the variable, file pointer or command id). For `env`,
 * `setIn` says where the variable is set as seen from here (this process, `$STATE/.env`, config `env.vars`), and
 * `resolves` is false when it is set nowhere. Other sources are never resolved (an `exec` ref would run a program).
 */
export interface ProfileSecretRef {
  source: string;
  id: string;
  provider?: string;
  setIn?: 'process' | 'dotenv' | 'config';
  resolves?: boolean;
}

/** OpenClaw's recovery hint, as a kind: sign in again (auth), top up credits (billing, disabled), or wait. */
export type RecoveryKind = 'reauthenticate' | 'top-up' | 'wait';

export interface ProfileUsage {
  /** Epoch ms. */
  lastUsed?: number;
  errorCount?: number;
  /** Failures by reason, e.g. `{ rate_limit: 2 }`. */
  failureCounts?: Record<string, number>;
  /** Epoch ms. */
  lastFailureAt?: number;
}

/** A credential that comes from the environment instead of a profile (`models status` source `env`). */
export interface EnvCredential {
  provider: string;
  variable: string;
  /** 'process' or the dotenv file path. */
  source: 'process' | 'dotenv' | 'config';
  sourcePath?: string;
  masked: string;
}

export interface Provider {
  id: string;
  /** The ids OpenClaw would try, in order: exactly `models status` `effectiveProfiles`. */
  order: string[];
  orderSource: OrderSource;
  /** `order`, then the profiles of the base order it skips now (expired, wrong mode, …), as they stand in it: the list to reorder. */
  sequence: string[];
  /** The per-agent override as stored (`models auth order get`), when there is one. */
  storedOrder?: string[];
  profiles: Profile[];
  /** Worst health over the profiles in effective order (OpenClaw's provider roll-up). */
  health?: Health;
  env?: EnvCredential[];
  /** OpenClaw refuses this provider for the agent until `openclaw doctor --fix` imports a retired auth file (MIGRATION_REQUIRED). */
  migrationBlocked?: true;
  /**
   * The configured models need this provider: the config paths that name it (`agents.defaults.model.fallbacks`).
   * A needed provider with no profile and no environment credential is a row of its own, health `missing`.
   */
  neededBy?: string[];
  /** Every profile OpenClaw would try is cooling down or disabled: when the first one comes back (epoch ms). */
  unavailableUntil?: number;
}

/** Who set a session's pin (OpenClaw's `authProfileOverrideSource`). */
export type PinSource = 'user' | 'auto' | 'user-link';
/** What a pin means now: `dangling` = the profile no longer exists, so the session fails (openclaw#149502). */
export type PinStatus = 'dangling' | 'expired' | 'cooldown' | 'disabled' | 'ok';

/** A chat session held to one auth profile. */
export interface SessionPin {
  sessionKey: string;
  profileId: string;
  source: PinSource;
  status: PinStatus;
  /** The session's model provider (else the pinned profile's provider) and model, when known. */
  provider?: string;
  model?: string;
  /** Epoch ms, the session entry's `updatedAt`. */
  updatedAt?: number;
}

export interface Agent {
  id: string;
  isDefault: boolean;
  agentDir: string;
  name?: string;
  providers: Provider[];
  /** Sessions pinned to one auth profile (`/model …@<profileId>`), from the gateway or the session store (`Snapshot.pinsFrom`); absent when none. */
  pins?: SessionPin[];
}

export interface ClaudeCliLogin {
  path: string;
  health: Health;
  expiresAt?: number;
  refreshable: boolean;
  subscriptionType?: string;
  email?: string;
}

export interface Snapshot {
  generation: Generation;
  cli?: { path: string; version: string };
  warnings: Warning[];
  agents: Agent[];
  /** Locations, for tooltips, the welcome view and the watcher. */
  home: string;
  stateDir: string;
  configPath: string;
  /** True when a state dir or config exists at all. */
  stateFound: boolean;
  claudeCli?: ClaudeCliLogin;
  /** How the stores were read: 'in-process' | 'child-process' | 'cli' | 'json-only', or 'none' when they could not be (STORES_UNREADABLE_NO_READER). */
  readPath: string;
  /** Epoch ms when the snapshot was taken (health is relative to it). */
  takenAt: number;
  /** How long the read took, ms. */
  readMs: number;
  /** Warning window used for 'expiring', ms. */
  warnWindowMs: number;
  /** Files to watch for changes. */
  watchPaths: string[];
  /**
   * Who answered for the agents' `pins`: the connected local gateway (`sessions.list` + `chat.metadata`, the
   * runtime view) or the agents' session stores (read-only, the offline path). Absent in snapshots made by hand.
   */
  pinsFrom?: 'gateway' | 'store';
}

export const DEFAULT_WARN_WINDOW_MS = 86_400_000;
