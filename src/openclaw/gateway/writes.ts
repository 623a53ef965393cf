// Changes made through the running gateway where its semantics match the command, so the gateway sees them at
// once (no `models.authRefresh` round, no CLI start of 5-40 s): order set with the full profile list, order clear,
// logout of named profiles. Everything else stays with the CLI (operations.ts) — in particular named API keys:
// `models.authSetApiKey` replaces the first plain API-key profile and ignores a profile id, so it is never used.
// Each function says which way it went; `cli` means "do it with the CLI instead" (nothing was written). No `vscode`.

import { unansweredWait } from './backoff';
import type { AuthStatus, AuthStatusProvider } from './schemas';

/** The part of a connection the writes need (GatewayConnection, or a test's). */
export interface GatewayWriter {
  authStatus(agentId?: string): Promise<AuthStatus>;
  authOrderSet(params: { provider: string; profileIds: string[] | null; agentId?: string }): Promise<{
    warning?: string;
  }>;
  authLogout(params: { provider: string; profileIds: string[]; agentId?: string }): Promise<{
    removedProfiles: string[];
    warning?: string;
  }>;
}

export type CliReason =
  /** The gateway's view has no such provider or profile (it may not have seen a CLI write yet). */
  | 'unknown-to-gateway'
  /** Order set with a subset: the CLI keeps the rest out (an exclusion), the gateway refuses anything but all. */
  | 'subset'
  /** The order is set by config (`profileOrderLocked`): the gateway refuses; the CLI says why in its own words. */
  | 'locked'
  /** Logout of a profile the gateway cannot remove (external CLI login, a keyRef API key). */
  | 'not-removable'
  /** The gateway refused the request before writing (INVALID_REQUEST and the like). */
  | 'refused';

export type WriteOutcome =
  | {
      route: 'gateway';
      /** The gateway's own warning ("saved, but live status is unavailable"); untrusted text. */
      warning?: string;
      /** authStatus right after the write shows the change. */
      confirmed: boolean;
      /** ms from the request to the confirming authStatus. */
      ms: number;
    }
  | { route: 'cli'; reason: CliReason; code?: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function providerOf(status: AuthStatus | undefined, provider: string): AuthStatusProvider | undefined {
  return status?.providers.find((p) => same(p.provider, provider) || same(p.authProvider ?? '', provider));
}

/** A refusal before any write: safe to hand to the CLI. Anything else (timeout, socket) is thrown on. */
function refusedBeforeWrite(error: unknown): string | undefined {
  // By shape, not `instanceof`: the connection lives in its own bundle (dist/gateway.js) with its own classes.
  const code = (error as { name?: unknown; code?: unknown } | undefined)?.code;
  if ((error as { name?: unknown })?.name !== 'GatewayRequestError' || typeof code !== 'string') return undefined;
  return code === 'INVALID_REQUEST' || code === 'NOT_CONNECTED' || code === 'MISSING_SCOPE' ? code : undefined;
}

/** `models.authStatus` had no answer yet (the gateway still preparing its catalog after the write: backoff.ts). */
function unanswered(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'PREPARED_MODEL_AUTH_UNAVAILABLE' || code === 'UNAVAILABLE';
}

/** How long a write waits for the gateway to answer at all before it says "not confirmed yet". */
export const CONFIRM_BUDGET_MS = 20_000;
const CONFIRM_WAITS_MS = [500, 1000, 2000, 4000];

/**
 * The confirmation, asked again (with backoff) while the gateway has no answer yet, within CONFIRM_BUDGET_MS: an
 * `unavailable` answer says nothing about the write, and reading it as "not confirmed" made the person wait for
 * the next periodic read. A real answer that does not show the change is `false` at once.
 */
export async function confirmWhenAnswered(
  confirm: () => Promise<boolean>,
  budgetMs = CONFIRM_BUDGET_MS,
): Promise<boolean> {
  const ends = performance.now() + budgetMs;
  for (let tries = 0; ; tries++) {
    try {
      return await confirm();
    } catch (error) {
      // Short waits: each try is already a few asks a second apart (connection.ts authStatus).
      const wait = unansweredWait(tries, CONFIRM_WAITS_MS);
      if (!unanswered(error) || performance.now() + wait > ends) return false;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function attempt(
  write: () => Promise<{ warning?: string }>,
  confirm: () => Promise<boolean>,
): Promise<WriteOutcome> {
  const started = performance.now();
  let warning: string | undefined;
  try {
    warning = (await write()).warning;
  } catch (error) {
    const code = refusedBeforeWrite(error);
    if (code) return { route: 'cli', reason: 'refused', code };
    throw error;
  }
  const confirmed = await confirmWhenAnswered(confirm);
  return {
    route: 'gateway',
    ...(warning ? { warning } : {}),
    confirmed,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Order set through the gateway when `profileIds` is exactly the provider's profiles (as the gateway last
 * reported them) and the order is not locked by config; else `cli`.
 */
export async function setOrderViaGateway(
  gateway: GatewayWriter,
  known: AuthStatus | undefined,
  args: { agentId: string; provider: string; profileIds: string[] },
): Promise<WriteOutcome> {
  const p = providerOf(known, args.provider);
  if (!p || !p.profiles.length) return { route: 'cli', reason: 'unknown-to-gateway' };
  if (p.profileOrderLocked) return { route: 'cli', reason: 'locked' };
  const all = new Set(p.profiles.map((x) => x.profileId));
  if (args.profileIds.some((id) => !all.has(id))) return { route: 'cli', reason: 'unknown-to-gateway' };
  if (new Set(args.profileIds).size !== all.size) return { route: 'cli', reason: 'subset' };
  const provider = p.provider;
  return attempt(
    () => gateway.authOrderSet({ provider, profileIds: args.profileIds, agentId: args.agentId }),
    async () => {
      const fresh = providerOf(await gateway.authStatus(args.agentId), provider);
      return !!fresh?.profileOrderStored && (fresh.profileOrder ?? []).join('\n') === args.profileIds.join('\n');
    },
  );
}

/** Order clear through the gateway (`profileIds: null`) unless config locks the order. */
export async function clearOrderViaGateway(
  gateway: GatewayWriter,
  known: AuthStatus | undefined,
  args: { agentId: string; provider: string },
): Promise<WriteOutcome> {
  const p = providerOf(known, args.provider);
  if (!p || !p.profiles.length) return { route: 'cli', reason: 'unknown-to-gateway' };
  if (p.profileOrderLocked) return { route: 'cli', reason: 'locked' };
  const provider = p.provider;
  return attempt(
    () => gateway.authOrderSet({ provider, profileIds: null, agentId: args.agentId }),
    async () => !providerOf(await gateway.authStatus(args.agentId), provider)?.profileOrderStored,
  );
}

/** Logout of one profile through the gateway when it lists the profile as one it can remove. */
export async function logoutViaGateway(
  gateway: GatewayWriter,
  known: AuthStatus | undefined,
  args: { agentId: string; profileId: string },
): Promise<WriteOutcome> {
  const p = known?.providers.find((x) => x.profiles.some((y) => y.profileId === args.profileId));
  const profile = p?.profiles.find((y) => y.profileId === args.profileId);
  if (!p || !profile) return { route: 'cli', reason: 'unknown-to-gateway' };
  if (profile.logoutSupported !== true) return { route: 'cli', reason: 'not-removable' };
  const provider = p.provider;
  return attempt(
    () => gateway.authLogout({ provider, profileIds: [args.profileId], agentId: args.agentId }),
    async () =>
      !(await gateway.authStatus(args.agentId)).providers.some((x) =>
        x.profiles.some((y) => y.profileId === args.profileId),
      ),
  );
}
