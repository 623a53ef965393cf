// Gateway first for the writes whose semantics match (order set with every profile, order clear, logout), the CLI
// for everything else and whenever the gateway is not connected or declines before writing. A write through the
// gateway is seen by it at once, so no `models.authRefresh` is needed; the rules are src/openclaw/gateway/writes.ts.
// Same signatures as operations.ts, so a command swaps `setOrder(…)` for `gatewayFirst(ctx).setOrder(…)`.

import * as ops from '../../openclaw/operations';
import type { OperationContext, OperationResult } from '../../openclaw/operations';
import {
  clearOrderViaGateway,
  logoutViaGateway,
  setOrderViaGateway,
  type WriteOutcome,
} from '../../openclaw/gateway/writes';
import { gatewayOf } from '../gateway';
import type { CommandContext } from './context';

type Route = (
  writer: NonNullable<ReturnType<NonNullable<ReturnType<typeof gatewayOf>>['writer']>>,
) => Promise<WriteOutcome>;

async function gatewayOrCli(
  ctx: CommandContext,
  agent: string,
  method: string,
  route: Route,
  cli: () => Promise<OperationResult>,
): Promise<OperationResult> {
  const store = gatewayOf(ctx.extension);
  const writer = store?.writer(agent);
  if (!writer) return cli();
  let outcome: WriteOutcome;
  try {
    outcome = await route(writer);
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
  void store!.refetch();
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
      if (!Array.isArray(args.profileIds) || !args.profileIds.length) return cli();
      const provider = ops.normalizeProvider(args.provider);
      const profileIds = args.profileIds.map(ops.validateProfileId);
      if (new Set(profileIds).size !== profileIds.length) return cli();
      const agentId = ops.resolveAgent(op, args.agent);
      return gatewayOrCli(
        ctx,
        agentId,
        'models.authOrderSet',
        (w) => setOrderViaGateway(w.gateway, w.known, { agentId, provider, profileIds }),
        cli,
      );
    },
    clearOrder(op: OperationContext, args: ops.ClearOrderArgs): Promise<OperationResult> {
      const provider = ops.normalizeProvider(args.provider);
      const agentId = ops.resolveAgent(op, args.agent);
      return gatewayOrCli(
        ctx,
        agentId,
        'models.authOrderSet (clear)',
        (w) => clearOrderViaGateway(w.gateway, w.known, { agentId, provider }),
        () => ops.clearOrder(op, args),
      );
    },
    removeProfile(op: OperationContext, args: ops.RemoveProfileArgs): Promise<OperationResult> {
      const profileId = ops.validateProfileId(args.profileId);
      const agentId = ops.resolveAgent(op, args.agent);
      return gatewayOrCli(
        ctx,
        agentId,
        'models.authLogout',
        (w) => logoutViaGateway(w.gateway, w.known, { agentId, profileId }),
        () => ops.removeProfile(op, args),
      );
    },
  };
}
