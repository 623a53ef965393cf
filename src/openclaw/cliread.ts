// Fallback reader: when the SQLite stores exist but no Node with `node:sqlite` is at hand, ask the
// CLI itself (`models auth list --json`, `models auth order get --json`) and build the same
// `StoresResult` the direct readers build. Slower (~4 s per agent) but always what the CLI sees.
// The CLI never prints secrets, so credentials carry a sentinel instead (see CLI_HIDDEN_SECRET).

import path = require('node:path');
import { runCliJson, type CliInfo } from './cli';
import { openclaw } from './commands';
import { normalizeProviderId } from './ids';
import type { AgentStores, Location, ParsedConfig, StoredCredential, StoresResult, UsageStats } from './model';
import { authListSchema, orderGetSchema, type AuthListJson } from './schemas';
import type { StoreKind, Warning } from './types';

/** Stands in for a secret the CLI does not reveal; never masked or shown (snapshot checks readPath). */
export const CLI_HIDDEN_SECRET = '(held by openclaw)';

function isoToMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function storeKindFor(file: string | undefined): StoreKind {
  const base = file ? path.basename(file) : '';
  if (base === 'openclaw-agent.sqlite') return 'sqlite-agent';
  if (base === 'openclaw.sqlite') return 'sqlite-shared';
  return 'json';
}

function generationFor(kinds: StoreKind[]): StoresResult['generation'] {
  if (kinds.length === 0) return 'none';
  if (kinds.includes('sqlite-shared')) return 'sqlite-shared';
  if (kinds.includes('sqlite-agent')) return 'sqlite-agent';
  return 'json';
}

function credentialFrom(p: AuthListJson['profiles'][number], store: StoreKind, storePath: string): StoredCredential {
  const expires = isoToMs(p.expiresAt);
  const cred: StoredCredential = { type: p.type, provider: normalizeProviderId(p.provider), store, storePath };
  if (p.type === 'api_key') cred.hasKeyRef = true;
  else if (p.type === 'token') cred.hasTokenRef = true;
  else cred.access = CLI_HIDDEN_SECRET;
  if (expires !== undefined) cred.expires = expires;
  if (p.email) cred.email = p.email;
  if (p.displayName) cred.displayName = p.displayName;
  return cred;
}

function usageFrom(p: AuthListJson['profiles'][number]): UsageStats | undefined {
  const stats: UsageStats = {};
  const cooldownUntil = isoToMs(p.cooldownUntil);
  const disabledUntil = isoToMs(p.disabledUntil);
  if (cooldownUntil !== undefined) stats.cooldownUntil = cooldownUntil;
  if (p.cooldownReason) stats.cooldownReason = p.cooldownReason;
  if (disabledUntil !== undefined) stats.disabledUntil = disabledUntil;
  if (p.disabledReason) stats.disabledReason = p.disabledReason;
  return Object.keys(stats).length > 0 ? stats : undefined;
}

export async function readStoresViaCli(
  cli: CliInfo,
  loc: Location,
  config: ParsedConfig,
  env: NodeJS.ProcessEnv,
): Promise<StoresResult> {
  // Point the CLI at exactly the state we located (settings may override what its env says).
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    OPENCLAW_STATE_DIR: loc.stateDir,
    OPENCLAW_CONFIG_PATH: loc.configPath,
  };
  const warnings: Warning[] = [];
  const agents: Record<string, AgentStores> = {};
  const kinds: StoreKind[] = [];
  const watchPaths = new Set<string>([loc.configPath]);
  const agentIds = config.agents.length > 0 ? config.agents.map((a) => a.id) : ['main'];
  const configProviders = [
    ...Object.values(config.auth.profiles).map((p) => p.provider),
    ...Object.keys(config.auth.order),
  ].map(normalizeProviderId);

  for (const agentId of agentIds) {
    try {
      const list = authListSchema().parse(await runCliJson(cli, openclaw.authListJson(agentId), { env: childEnv }));
      const store = storeKindFor(list.authStatePath);
      const storePath = list.authStatePath ?? list.agentDir;
      kinds.push(store);
      watchPaths.add(storePath);
      if (store !== 'json') watchPaths.add(`${storePath}-wal`);
      const stores: AgentStores = {
        agentId,
        profiles: {},
        state: { order: {}, lastGood: {}, usageStats: {} },
        statePath: storePath,
      };
      for (const p of list.profiles) {
        stores.profiles[p.id] = credentialFrom(p, store, storePath);
        const usage = usageFrom(p);
        if (usage) stores.state.usageStats[p.id] = usage;
      }
      const providers = new Set([...Object.values(stores.profiles).map((c) => c.provider), ...configProviders]);
      for (const provider of providers) {
        const got = orderGetSchema().parse(
          await runCliJson(cli, openclaw.orderGetJson(provider, agentId), { env: childEnv }),
        );
        if (got.order) stores.state.order[provider] = got.order;
        if (got.authStatePath) stores.statePath = got.authStatePath;
      }
      agents[agentId] = stores;
    } catch (e) {
      warnings.push({
        code: 'CLI_READ_FAILED',
        agent: agentId,
        params: { detail: e instanceof Error ? e.message : String(e) },
        message: `Could not read auth profiles of agent ${agentId} through the OpenClaw CLI: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  return { generation: generationFor(kinds), agents, warnings, readPath: 'cli', watchPaths: [...watchPaths] };
}
