// "Use This Sign-in": `openclaw models auth activate <profileId> [--agent]` tests a saved sign-in with a real request
// and, when the test passes, selects its model and account for the agent; a failed test leaves the agent's current
// connection unchanged (docs/cli/models.md, "models auth activate"). It prints words, no JSON: the extension shows them.
// No `vscode` import.

import { withProfile, openclaw } from './commands';
import { isValidId } from './ids';
import { InvalidInputError } from './input';
import {
  resolveAgent,
  runOperation,
  type OperationContext,
  type OperationResult,
  type PlannedOperation,
} from './operations';

export interface ActivateArgs {
  profileId: string;
  agent?: string;
}

/**
 * The checked call. `--agent` is always named: activate changes what one agent uses, and the CLI's own default
 * ("the only configured agent") refuses when there are several.
 */
export function activateArgv(ctx: OperationContext, args: ActivateArgs): PlannedOperation & { profileId: string } {
  const profileId = String(args.profileId ?? '').trim();
  if (!isValidId('profile', profileId))
    throw new InvalidInputError('That profile id holds characters OpenClaw does not use.', 'profileId');
  const agent = resolveAgent(ctx, args.agent);
  return { argv: withProfile(ctx.profile, openclaw.activate(profileId, agent)), agent, profileId };
}

/** Runs activate; a failed test is a `CliError('EXIT')` carrying the CLI's own reason (redacted). */
export function activate(ctx: OperationContext, args: ActivateArgs): Promise<OperationResult> {
  return runOperation(ctx, activateArgv(ctx, args));
}
