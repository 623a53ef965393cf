// Every change to OpenClaw's auth goes through its CLI: the extension never writes the stores.
// Secrets travel on stdin only; argv holds ids, never secrets.

import { isValidId } from './ids';
import {
  defaultProfileId,
  InvalidInputError,
  normalizeApiKey,
  normalizeProvider,
  normalizeToken,
  validateExpiresIn,
  validateProfileId,
} from './input';
import { type CliInfo, CliError, cliFailureMessage, commandWords, type RunOptions, runCli } from './cli';
import { openclaw, withProfile } from './commands';
import { redact, stripAnsi } from './mask';

/** How to reach the right OpenClaw state from the CLI (settings may point elsewhere). */
export interface OperationContext {
  cli: CliInfo;
  env: NodeJS.ProcessEnv;
  /** Named profile (`--profile <name>`), a root flag. */
  profile?: string;
  /** Every agent id configured: with more than one, `--agent` is always passed. */
  agents: string[];
  /** The agent to act for when the caller names none (selected or default agent). */
  defaultAgent: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface PasteTokenArgs {
  provider: string;
  profileId?: string;
  token: string;
  expiresIn?: string;
  agent?: string;
}
export interface PasteApiKeyArgs {
  provider: string;
  profileId?: string;
  key: string;
  agent?: string;
}
export interface SetOrderArgs {
  provider: string;
  profileIds: string[];
  agent?: string;
}
export interface ClearOrderArgs {
  provider: string;
  agent?: string;
}
export interface RemoveProfileArgs {
  profileId: string;
  agent?: string;
}

/** What an operation changed, so the caller need not ask again, and how it went. */
export interface OperationResult {
  /** Agent the change was made for. */
  agent: string;
  /** The provider whose profiles or order changed. */
  provider?: string;
  /** The profile written or removed. */
  profileId?: string;
  /** OpenClaw saved the change but could not tell a running gateway to reload it. */
  gatewayNotRefreshed: boolean;
  /** The CLI's stdout, for the log (contains no secret: the CLI prints ids only). */
  output: string;
}

export function resolveAgent(ctx: OperationContext, requested?: string): string {
  const agent = requested?.trim() || ctx.defaultAgent;
  if (!isValidId('agent', agent))
    throw new InvalidInputError(
      'Agent ids use letters, digits, "_" and "-" only (OpenClaw\'s agent id grammar).',
      'agent',
    );
  if (ctx.agents.length > 0 && !ctx.agents.includes(agent)) {
    throw new InvalidInputError(
      `Agent "${agent}" is not configured. Configured agents: ${ctx.agents.join(', ')}.`,
      'agent',
    );
  }
  return agent;
}

/** A checked call, ready to run: built once, so what runs is what the caller was told (ids, agent). */
export interface PlannedOperation {
  argv: string[];
  stdin?: string;
  agent: string;
  provider?: string;
  profileId?: string;
}

/** `--agent` when several agents exist (the CLI refuses mutations without it) or another than the default is meant. */
function agentFor(ctx: OperationContext, agent: string): string | undefined {
  return ctx.agents.length > 1 || agent !== ctx.defaultAgent ? agent : undefined;
}

/** Runs a planned call; a non-zero exit is a `CliError('EXIT')` whose message is the CLI's reason, redacted. */
export async function runOperation(ctx: OperationContext, call: PlannedOperation): Promise<OperationResult> {
  const opts: RunOptions = { env: ctx.env, timeoutMs: ctx.timeoutMs ?? 120_000 };
  if (call.stdin !== undefined) opts.stdin = call.stdin;
  if (ctx.signal) opts.signal = ctx.signal;
  const result = await runCli(ctx.cli, call.argv, opts);
  // The secret just sent is masked in whatever the CLI prints back, even split across lines.
  const sent = call.stdin === undefined ? [] : [call.stdin];
  if (result.code !== 0) {
    const reason = cliFailureMessage(result.stdout, result.stderr, result.code, sent);
    throw new CliError('EXIT', reason, result.code, reason, commandWords(call.argv));
  }
  const done: OperationResult = {
    agent: call.agent,
    gatewayNotRefreshed: /could not refresh|gateway restart/i.test(`${result.stdout}\n${result.stderr}`),
    output: redact(stripAnsi(result.stdout), sent).trim(),
  };
  if (call.provider !== undefined) done.provider = call.provider;
  if (call.profileId !== undefined) done.profileId = call.profileId;
  return done;
}

export function pasteTokenArgv(
  ctx: OperationContext,
  args: PasteTokenArgs,
): PlannedOperation & { stdin: string; provider: string; profileId: string } {
  const provider = normalizeProvider(args.provider);
  const profileId = validateProfileId(args.profileId?.trim() ? args.profileId : defaultProfileId(provider));
  const token = normalizeToken(provider, args.token);
  const expiresIn = validateExpiresIn(args.expiresIn);
  const agent = resolveAgent(ctx, args.agent);
  const argv = withProfile(ctx.profile, openclaw.pasteToken(provider, profileId, expiresIn, agentFor(ctx, agent)));
  return { argv, stdin: `${token}\n`, agent, profileId, provider };
}

export function pasteApiKeyArgv(
  ctx: OperationContext,
  args: PasteApiKeyArgs,
): PlannedOperation & { stdin: string; provider: string; profileId: string } {
  const provider = normalizeProvider(args.provider);
  const profileId = validateProfileId(args.profileId?.trim() ? args.profileId : defaultProfileId(provider));
  const key = normalizeApiKey(args.key);
  const agent = resolveAgent(ctx, args.agent);
  const argv = withProfile(ctx.profile, openclaw.pasteApiKey(provider, profileId, agentFor(ctx, agent)));
  return { argv, stdin: `${key}\n`, agent, profileId, provider };
}

export function pasteToken(ctx: OperationContext, args: PasteTokenArgs): Promise<OperationResult> {
  return runOperation(ctx, pasteTokenArgv(ctx, args));
}

export function pasteApiKey(ctx: OperationContext, args: PasteApiKeyArgs): Promise<OperationResult> {
  return runOperation(ctx, pasteApiKeyArgv(ctx, args));
}

export async function setOrder(ctx: OperationContext, args: SetOrderArgs): Promise<OperationResult> {
  const provider = normalizeProvider(args.provider);
  if (!Array.isArray(args.profileIds) || args.profileIds.length === 0) {
    throw new InvalidInputError(
      'Give at least one profile id for the order (use Clear Profile Order to select automatically).',
      'profileIds',
    );
  }
  const ids = args.profileIds.map(validateProfileId);
  if (new Set(ids).size !== ids.length)
    throw new InvalidInputError('A profile id appears twice in the order.', 'profileIds');
  const agent = resolveAgent(ctx, args.agent);
  const argv = withProfile(ctx.profile, openclaw.orderSet(provider, ids, agentFor(ctx, agent)));
  return runOperation(ctx, { argv, agent, provider });
}

export async function clearOrder(ctx: OperationContext, args: ClearOrderArgs): Promise<OperationResult> {
  const provider = normalizeProvider(args.provider);
  const agent = resolveAgent(ctx, args.agent);
  const argv = withProfile(ctx.profile, openclaw.orderClear(provider, agentFor(ctx, agent)));
  return runOperation(ctx, { argv, agent, provider });
}

export async function removeProfile(ctx: OperationContext, args: RemoveProfileArgs): Promise<OperationResult> {
  const profileId = validateProfileId(args.profileId);
  const agent = resolveAgent(ctx, args.agent);
  const argv = withProfile(ctx.profile, openclaw.logout(profileId, agentFor(ctx, agent)));
  return runOperation(ctx, { argv, agent, profileId });
}
