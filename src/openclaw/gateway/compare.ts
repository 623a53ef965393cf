// The local read against the running gateway's view (`models.authStatus`) for one agent: typed differences and
// what the gateway adds (source, externally managed, logout supported, last used, locked order). No `vscode`.
//
// Both read the same stores, so they normally agree. They part when the gateway has not reloaded a change (a CLI
// write it could not refresh: it "does not watch the stores", ../shared/docs/openclaw-gateway.md), or when the
// gateway knows something files do not say (a runtime refresh of an OAuth token, an external CLI login it manages).
// The UI then shows the gateway's runtime view and says so.

import type { Agent, Health, Profile, Provider } from '../types';
import type { AuthStatus, AuthStatusProvider } from './schemas';

type GatewayProfile = AuthStatusProvider['profiles'][number];

export type DifferenceKind =
  /** The gateway lists a provider (with profiles) the local read has none for, or the reverse. */
  | 'provider-only-in-gateway'
  | 'provider-only-local'
  | 'profile-only-in-gateway'
  | 'profile-only-local'
  | 'type'
  | 'status'
  | 'expiry'
  /** The stored per-agent order (`models auth order set`) differs, or only one side has one. */
  | 'order';

export interface GatewayDifference {
  kind: DifferenceKind;
  provider: string;
  profileId?: string;
  /** The local value as a code (`expired`, `oauth`, an epoch ms, ids joined by `,`); absent when the local side has none. */
  local?: string;
  /** The gateway's value, the same way. */
  gateway?: string;
}

/** What the gateway says about one profile beyond the local read. */
export interface LiveProfile {
  status: string;
  reasonCode?: string;
  /** `config` | `external` | `saved` | `inherited` (dist/models-auth-status-*.mjs mapProvider). */
  source?: string;
  externallyManaged?: boolean;
  logoutSupported?: boolean;
  /** Epoch ms; only reported to an `operator.admin` client. */
  lastUsedAt?: number;
  expiresAt?: number;
}

export interface LiveProvider {
  status: string;
  /** The explicit order the gateway uses (stored or from config), when there is one. */
  order?: string[];
  orderStored: boolean;
  /** Why the order cannot be changed here: `provider-config` | `auth-config` (2026.9.6), or true from an older gateway. */
  locked?: string;
}

export interface AgentComparison {
  agentId: string;
  differences: GatewayDifference[];
  providers: Record<string, LiveProvider>;
  /** By profile id. */
  profiles: Record<string, LiveProfile>;
}

/** Local health as the gateway spells it; `unknown` (stores unread) claims nothing. */
function localStatus(health: Health): string | undefined {
  return health === 'unknown' ? undefined : health;
}

/**
 * `ok` and `expiring` differ only by the warning window (the extension's setting, the gateway's own constant):
 * with the same expiry that is not a disagreement about the credential.
 */
function sameStatus(local: string, gateway: string, sameExpiry: boolean): boolean {
  if (local === gateway) return true;
  const window = new Set(['ok', 'expiring']);
  return sameExpiry && window.has(local) && window.has(gateway);
}

const key = (id: string) => id.toLowerCase();

function liveProfile(p: GatewayProfile): LiveProfile {
  const out: LiveProfile = { status: p.status };
  if (p.reasonCode) out.reasonCode = p.reasonCode;
  if (p.source) out.source = p.source;
  if (p.externallyManaged !== undefined) out.externallyManaged = p.externallyManaged;
  if (p.logoutSupported !== undefined) out.logoutSupported = p.logoutSupported;
  if (p.lastUsedAt !== undefined) out.lastUsedAt = p.lastUsedAt;
  if (p.expiry?.at !== undefined) out.expiresAt = p.expiry.at;
  return out;
}

function liveProvider(p: AuthStatusProvider): LiveProvider {
  const out: LiveProvider = { status: p.status, orderStored: p.profileOrderStored === true };
  if (p.profileOrder) out.order = [...p.profileOrder];
  if (p.profileOrderLocked) out.locked = typeof p.profileOrderLocked === 'string' ? p.profileOrderLocked : 'config';
  return out;
}

function compareProfile(provider: string, local: Profile, remote: GatewayProfile, out: GatewayDifference[]): void {
  const diff = (kind: DifferenceKind, l: string | undefined, g: string | undefined) =>
    out.push({
      kind,
      provider,
      profileId: local.id,
      ...(l !== undefined ? { local: l } : {}),
      ...(g !== undefined ? { gateway: g } : {}),
    });
  if (local.type !== remote.type) diff('type', local.type, remote.type);
  const at = remote.expiry?.at;
  // Finding (2026.9.6, interop token-expired home): for a token that is already expired the gateway reports no expiry
  // at all — the auth health summary drops expiresAt once a token's eligibility says `expired`
  // (dist/auth-health-*.mjs, token branch) and mapProvider's buildExpiry needs it. Both sides then agree it is
  // expired; only the time is withheld, so that alone is not a disagreement.
  const withheld = at === undefined && remote.status === 'expired' && local.health === 'expired';
  const sameExpiry = local.expiresAt === at || withheld;
  if (!sameExpiry) diff('expiry', local.expiresAt?.toString(), at?.toString());
  const status = localStatus(local.health);
  // An env SecretRef set nowhere is `missing` locally (health.ts withUnresolvedRef); `models.authStatus` reports such a
  // profile as present whether the gateway can resolve it or not (buildProfileHealth), so that is no disagreement.
  const unresolvedRef = local.reasonCode === 'unresolved_ref' && remote.status !== 'expired';
  if (status !== undefined && !unresolvedRef && !sameStatus(status, remote.status, sameExpiry))
    diff('status', status, remote.status);
}

/** The stored order each side reports; undefined when that side has none. */
function storedOrders(local: Provider, remote: AuthStatusProvider): [string[] | undefined, string[] | undefined] {
  const l = local.orderSource === 'stored' ? (local.storedOrder ?? []) : undefined;
  const g = remote.profileOrderStored ? (remote.profileOrder ?? []) : undefined;
  return [l, g];
}

/**
 * Compares one agent of the local snapshot with the gateway's `models.authStatus` for it. Providers that have no
 * profile on either side (an environment key, a provider the config names) are not compared: the gateway lists
 * those differently by design. Profiles declared in config but absent from every store are skipped too.
 */
export function compareAgent(agent: Agent, status: AuthStatus): AgentComparison {
  const differences: GatewayDifference[] = [];
  const providers: Record<string, LiveProvider> = {};
  const profiles: Record<string, LiveProfile> = {};
  const remote = new Map(status.providers.filter((p) => p.profiles.length > 0).map((p) => [key(p.provider), p]));
  const local = new Map(
    agent.providers.filter((p) => p.profiles.some((x) => !x.declaredOnly)).map((p) => [key(p.id), p]),
  );
  for (const gp of status.providers) {
    providers[gp.provider] = liveProvider(gp);
    for (const prof of gp.profiles) profiles[prof.profileId] = liveProfile(prof);
  }
  for (const [id, lp] of local) {
    const gp = remote.get(id);
    if (!gp) {
      differences.push({ kind: 'provider-only-local', provider: lp.id });
      continue;
    }
    const byId = new Map(gp.profiles.map((p) => [p.profileId, p]));
    for (const prof of lp.profiles) {
      if (prof.declaredOnly) continue;
      const g = byId.get(prof.id);
      if (!g) differences.push({ kind: 'profile-only-local', provider: lp.id, profileId: prof.id });
      else compareProfile(lp.id, prof, g, differences);
    }
    // A declared-only profile is in `localIds`: the gateway may list it (as missing) without a disagreement.
    const localIds = new Set(lp.profiles.map((p) => p.id));
    for (const g of gp.profiles)
      if (!localIds.has(g.profileId))
        differences.push({ kind: 'profile-only-in-gateway', provider: lp.id, profileId: g.profileId });
    const [l, g] = storedOrders(lp, gp);
    if ((l ?? []).join(',') !== (g ?? []).join(',') || (l === undefined) !== (g === undefined))
      differences.push({
        kind: 'order',
        provider: lp.id,
        ...(l ? { local: l.join(',') } : {}),
        ...(g ? { gateway: g.join(',') } : {}),
      });
  }
  for (const [id, gp] of remote)
    if (!local.has(id)) differences.push({ kind: 'provider-only-in-gateway', provider: gp.provider });
  return { agentId: agent.id, differences, providers, profiles };
}

/** The differences about one row: a provider's own (order, presence) or a profile's. */
export function differencesFor(
  comparison: AgentComparison | undefined,
  provider: string,
  profileId?: string,
): GatewayDifference[] {
  if (!comparison) return [];
  return comparison.differences.filter(
    (d) => key(d.provider) === key(provider) && (profileId === undefined ? !d.profileId : d.profileId === profileId),
  );
}

/** A write of ours to one agent (through the gateway or the CLI): when it started and, once over, when it ended. */
export interface OwnWrite {
  agentId: string;
  startedAt: number;
  endedAt?: number;
}

/** After our own write, the comparison waits this long at most for both sides to be read again. */
export const HOLD_AFTER_WRITE_MS = 5000;
/** A write that never reports its end holds the comparison no longer than this. */
const HOLD_WHILE_WRITING_MS = 120_000;

/**
 * Whether the comparison of an agent is held because of our own write. The two sides come back at different moments
 * after it — the local read 100 ms after the file changes, the gateway's answer when it is asked again — so for a
 * moment one shows the change and the other does not ("stored order · gateway: no stored order"). That is not a
 * disagreement: hold until the local read was taken after the write started and the gateway was asked after it
 * ended, or at most HOLD_AFTER_WRITE_MS after the end (then a real difference shows).
 */
export function heldByWrite(
  write: OwnWrite | undefined,
  agentId: string,
  sides: { localReadAt: number | undefined; gatewayAskedAt: number | undefined },
  now: number,
): boolean {
  if (!write || write.agentId !== agentId) return false;
  if (write.endedAt === undefined) return now - write.startedAt < HOLD_WHILE_WRITING_MS;
  if (now - write.endedAt >= HOLD_AFTER_WRITE_MS) return false;
  const localFresh = sides.localReadAt !== undefined && sides.localReadAt >= write.startedAt;
  const gatewayFresh = sides.gatewayAskedAt !== undefined && sides.gatewayAskedAt >= write.endedAt;
  return !(localFresh && gatewayFresh);
}
