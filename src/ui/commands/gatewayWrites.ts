// Gateway first for the writes whose semantics match (order set with every profile, order clear, logout), the CLI
// for everything else and whenever the gateway is not connected or declines before writing. A write through the
// gateway is seen by it at once, so no `models.authRefresh` is needed; the rules are src/openclaw/gateway/writes.ts.
// Same signatures as operations.ts, so a command swaps `setOrder(…)` for `gatewayFirst(ctx).setOrder(…)`.
// `planWrite` is the part a remote gateway shares (commands/remoteWrites.ts): the input checked exactly as the CLI
// path checks it, and the gateway request that carries it out.

import * as input from '../../openclaw/input';
import * as ops from '../../openclaw/operations';
import type { OperationContext, OperationResult } from '../../openclaw/operations';
import {
  clearOrderViaGateway,
  logoutViaGateway,
  setOrderViaGateway,
  type GatewayWriter,
  type WriteOutcome,
} from '../../openclaw/gateway/writes';
import type { AuthStatus } from '../../openclaw/gateway/schemas';
import { gatewayOf } from '../gateway';
import type { CommandContext } from './context';

/** A connection to write through and that gateway's last authStatus of the agent (local store or remote session). */
export interface WriterParts {
  gateway: GatewayWriter;
  known: AuthStatus | undefined;
}

/** One write with its input validated: the gateway method (for the log) and how to run it through a writer. */
export interface PlannedWrite {
  method: string;
  run(writer: WriterParts): Promise<WriteOutcome>;
}

export type WriteRequest =
  | { kind: 'setOrder'; agentId: string; provider: string; profileIds: readonly string[] }
  | { kind: 'clearOrder'; agentId: string; provider: string }
  | { kind: 'removeProfile'; agentId: string; profileId: string };

/**
 * The gateway write for a request, after the same checks as the CLI path (provider normalised, profile ids in
 * OpenClaw's grammar; throws like operations.ts does). `undefined`: nothing a gateway can do (an empty order, an id
 * twice) — the local path hands it to the CLI, a remote refuses it.
 */
export function planWrite(request: WriteRequest): PlannedWrite | undefined {
  const { agentId } = request;
  switch (request.kind) {
    case 'setOrder': {
      if (!request.profileIds.length) return undefined;
      const provider = input.normalizeProvider(request.provider);
      const profileIds = request.profileIds.map(input.validateProfileId);
      if (new Set(profileIds).size !== profileIds.length) return undefined;
      return {
        method: 'models.authOrderSet',
        run: (w) => setOrderViaGateway(w.gateway, w.known, { agentId, provider, profileIds }),
      };
    }
    case 'clearOrder': {
      const provider = input.normalizeProvider(request.provider);
      return {
        method: 'models.authOrderSet (clear)',
        run: (w) => clearOrderViaGateway(w.gateway, w.known, { agentId, provider }),
      };
    }
    case 'removeProfile': {
      const profileId = input.validateProfileId(request.profileId);
      return {
        method: 'models.authLogout',
        run: (w) => logoutViaGateway(w.gateway, w.known, { agentId, profileId }),
      };
    }
  }
}

/** The write, with the gateway told it is ours: the rows do not show the moment one side has it and one not yet. */
async function gatewayOrCli(
  ctx: CommandContext,
  agent: string,
  plan: PlannedWrite | undefined,
  cli: () => Promise<OperationResult>,
): Promise<OperationResult> {
  const store = gatewayOf(ctx.extension);
  const ended = store?.noteWrite(agent);
  try {
    return await write(ctx, agent, plan, cli);
  } finally {
    ended?.();
    // Asked after the write ended: the gateway's side of the comparison is then fresh.
    if (store?.current.kind === 'connected') void store.refetch();
  }
}

async function write(
  ctx: CommandContext,
  agent: string,
  plan: PlannedWrite | undefined,
  cli: () => Promise<OperationResult>,
): Promise<OperationResult> {
  const store = gatewayOf(ctx.extension);
  const writer = store?.writer(agent);
  if (!store || !writer || !plan) {
    if (store?.current.kind === 'connected')
      ctx.log.info(
        `gateway: connected, but ${plan ? 'not ready to write' : 'this change is not one it takes'}; using the CLI`,
      );
    return cli();
  }
  const { method } = plan;
  let outcome: WriteOutcome;
  try {
    outcome = await plan.run(writer);
  } catch (error) {
    // A socket or timeout failure: the write may or may not have happened. The CLI's write is idempotent for an
    // order; for a logout it reports a profile that is already gone in its own words.
    ctx.log.warn(
      `gateway: ${method} failed (${error instanceof Error ? error.message : String(error)}); using the CLI`,
    );
    return cli();
  }
  if (outcome.route === 'cli') {
    ctx.log.info(
      `gateway: ${method} not used (${outcome.reason}${outcome.code ? ` ${outcome.code}` : ''}); using the CLI`,
    );
    return cli();
  }
  ctx.log.info(`gateway: ${method} in ${outcome.ms} ms (confirmed in authStatus: ${outcome.confirmed})`);
  return {
    agent,
    // The gateway's own warning means it saved but could not publish the change: the usual refresh applies.
    gatewayNotRefreshed: !!outcome.warning || !outcome.confirmed,
    output: `${method} through the gateway`,
  };
}

/** The three writes, gateway first. Input is validated exactly as the CLI path does before anything is sent. */
export function gatewayFirst(ctx: CommandContext) {
  return {
    setOrder(op: OperationContext, args: ops.SetOrderArgs): Promise<OperationResult> {
      const cli = () => ops.setOrder(op, args);
      if (!Array.isArray(args.profileIds)) return cli();
      const agentId = ops.resolveAgent(op, args.agent);
      const plan = planWrite({ kind: 'setOrder', agentId, provider: args.provider, profileIds: args.profileIds });
      return gatewayOrCli(ctx, agentId, plan, cli);
    },
    clearOrder(op: OperationContext, args: ops.ClearOrderArgs): Promise<OperationResult> {
      const agentId = ops.resolveAgent(op, args.agent);
      const plan = planWrite({ kind: 'clearOrder', agentId, provider: args.provider });
      return gatewayOrCli(ctx, agentId, plan, () => ops.clearOrder(op, args));
    },
    removeProfile(op: OperationContext, args: ops.RemoveProfileArgs): Promise<OperationResult> {
      const agentId = ops.resolveAgent(op, args.agent);
      const plan = planWrite({ kind: 'removeProfile', agentId, profileId: args.profileId });
      return gatewayOrCli(ctx, agentId, plan, () => ops.removeProfile(op, args));
    },
  };
}
