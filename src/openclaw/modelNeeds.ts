// The providers the configured models need, read from openclaw.json the way `models status` finds its `providerUses`
// (list.status-command): model refs and aliases, auth aliases, and the providers that run without a credential.

import { normalizeProviderId } from './ids';
import type { ModelProviderNeed, ParsedConfig } from './model';
import { isRecord } from './schemas';

/** Auth ids OpenClaw resolves a model's provider to: plugin `providerAuthAliases` and the legacy ids `doctor --fix` migrates. */
const AUTH_ALIASES: Readonly<Record<string, string>> = {
  'x-ai': 'xai',
  'minimax-cn': 'minimax',
  'minimax-portal-cn': 'minimax-portal',
  'openai-codex': 'openai',
  codex: 'openai',
};
/** Models of these run without a credential of their own (`syntheticAuthRefs`: local servers, the Claude CLI's login). */
const NO_CREDENTIAL = new Set(['ollama', 'lmstudio', 'apple-fm', 'claude-cli']);
/** A model ref without a provider (`gpt-5`) is OpenClaw's default provider's (`DEFAULT_PROVIDER`). */
const DEFAULT_PROVIDER = 'openai';

/** The provider id OpenClaw checks auth for: lowercased, then its auth alias (`x-ai` ⇒ `xai`, `openai-codex` ⇒ `openai`). */
export function providerForAuth(provider: string): string {
  const id = normalizeProviderId(provider);
  return AUTH_ALIASES[id] ?? id;
}

/**
 * The provider of a model ref as `resolveModelRefFromString` finds it: a trailing `@<profile>` dropped, an alias
 * (`agents.defaults.models[ref].alias`) resolved, `provider/model` split at the first slash, else the default provider.
 */
export function modelRefProvider(ref: string, aliases: ReadonlyMap<string, string> = new Map()): string | undefined {
  let model = ref.trim();
  const at = model.indexOf('@', model.lastIndexOf('/') + 1);
  if (at > 0 && model.slice(at + 1).includes(':')) model = model.slice(0, at).trim();
  if (!model) return undefined;
  const target = aliases.get(model.toLowerCase());
  if (target !== undefined) model = target;
  const slash = model.indexOf('/');
  if (slash === 0) return undefined;
  const provider = slash > 0 ? model.slice(0, slash) : DEFAULT_PROVIDER;
  return provider.trim() ? providerForAuth(provider) : undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** `model: "a/b"` or `model: { primary, fallbacks }` (`resolvePrimaryStringValue`, `resolveAgentModelFallbackValues`). */
function modelSetting(value: unknown): { primary?: string; fallbacks?: string[] } {
  if (typeof value === 'string') return text(value) ? { primary: value.trim(), fallbacks: [] } : {};
  if (!isRecord(value)) return {};
  const out: { primary?: string; fallbacks?: string[] } = {};
  const primary = text(value.primary);
  if (primary) out.primary = primary;
  // An agent's own model without `fallbacks` has none (`resolveSelectedModelFallbacksOverride`).
  if (Array.isArray(value.fallbacks))
    out.fallbacks = value.fallbacks.filter((f): f is string => !!text(f)).map((f) => f.trim());
  else if (primary) out.fallbacks = [];
  return out;
}

/** An agent of the roster (config.ts reads it, ids already normalised): its own model settings. */
export interface RosterAgent {
  id: string;
  entry: Record<string, unknown>;
  /** Where the entry sits in openclaw.json (`agents.list[1]`, `agents.entries.work`). */
  path?: string;
}

export function readModelProviders(
  raw: Record<string, unknown>,
  roster: readonly RosterAgent[],
): NonNullable<ParsedConfig['modelProviders']> {
  const agentsCfg = isRecord(raw.agents) ? raw.agents : {};
  const defaults = isRecord(agentsCfg.defaults) ? agentsCfg.defaults : {};
  const models = isRecord(defaults.models) ? defaults.models : {};
  const aliases = new Map<string, string>();
  // Models another runtime signs in for (`agentRuntime: { id: "claude-cli" }` after `login --method cli`) need no profile.
  const runtimeOwned = new Set<string>();
  for (const [key, entry] of Object.entries(models)) {
    if (!isRecord(entry)) continue;
    const alias = text(entry.alias);
    if (alias) aliases.set(alias.toLowerCase(), key);
    const runtime = isRecord(entry.agentRuntime) ? text(entry.agentRuntime.id) : undefined;
    if (runtime && NO_CREDENTIAL.has(runtime.toLowerCase())) runtimeOwned.add(key.trim().toLowerCase());
  }
  const collect = (uses: [string | undefined, string][]): ModelProviderNeed[] => {
    const byProvider = new Map<string, string[]>();
    for (const [ref, where] of uses) {
      if (!ref) continue;
      const resolved = aliases.get(ref.toLowerCase()) ?? ref;
      if (runtimeOwned.has(resolved.toLowerCase())) continue;
      const provider = modelRefProvider(ref, aliases);
      if (!provider || NO_CREDENTIAL.has(provider)) continue;
      const paths = byProvider.get(provider) ?? [];
      if (!paths.includes(where)) paths.push(where);
      byProvider.set(provider, paths);
    }
    return [...byProvider].map(([provider, neededBy]) => ({ provider, neededBy }));
  };
  const base = modelSetting(defaults.model);
  const image = modelSetting(defaults.imageModel);
  const shared: [string | undefined, string][] = [
    [image.primary, 'agents.defaults.imageModel'],
    ...(image.fallbacks ?? []).map((f): [string, string] => [f, 'agents.defaults.imageModel.fallbacks']),
  ];
  const uses = (
    own: { primary?: string; fallbacks?: string[] } | undefined,
    ownPath: string | undefined,
    utility: [string | undefined, string],
  ): ModelProviderNeed[] =>
    collect([
      own?.primary ? [own.primary, `${ownPath}.model`] : [base.primary, 'agents.defaults.model'],
      ...(own?.fallbacks ?? base.fallbacks ?? []).map((f): [string, string] => [
        f,
        own?.fallbacks ? `${ownPath}.model.fallbacks` : 'agents.defaults.model.fallbacks',
      ]),
      ...shared,
      utility,
    ]);
  const defaultUtility: [string | undefined, string] = [text(defaults.utilityModel), 'agents.defaults.utilityModel'];
  const byAgent: Record<string, ModelProviderNeed[]> = {};
  for (const { id, entry, path: where } of roster) {
    const own = entry.model !== undefined ? modelSetting(entry.model) : undefined;
    const utility: [string | undefined, string] =
      entry.utilityModel !== undefined ? [text(entry.utilityModel), `${where}.utilityModel`] : defaultUtility;
    if (!own?.primary && !own?.fallbacks && entry.utilityModel === undefined) continue;
    byAgent[id] ??= uses(own?.primary || own?.fallbacks ? own : undefined, where, utility);
  }
  return { defaults: uses(undefined, undefined, defaultUtility), byAgent };
}

/** `models.providers.<id>.apiKey` (a string or a SecretRef object): OpenClaw has a key for the provider without a profile. */
export function readConfigKeyProviders(raw: Record<string, unknown>): string[] {
  const providers = isRecord(raw.models) && isRecord(raw.models.providers) ? raw.models.providers : {};
  return Object.entries(providers)
    .filter(([, p]) => isRecord(p) && (text(p.apiKey) !== undefined || isRecord(p.apiKey)))
    .map(([id]) => providerForAuth(id));
}
