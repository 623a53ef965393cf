// "Use This Sign-in" on a profile row: `openclaw models auth activate <profileId> --agent <id>` (../../openclaw/activate.ts)
// with progress, then what OpenClaw said: activate sends a real test request, so it can fail (offline, a revoked
// key), and then the agent keeps its current sign-in. The CLI's words are untrusted and shown through plain().

import vscode = require('vscode');
import { activate } from '../../openclaw/activate';
import { CliError } from '../../openclaw/cli';
import { plain } from '../../openclaw/untrusted';
import { t } from '../l10n';
import { showInfo, showWarning } from '../messages';
import {
  Cancelled,
  type CommandContext,
  defaultAgentId,
  findAgent,
  findProfile,
  type CommandTarget,
  operationContext,
} from './context';
import { originOf, withOperation } from './progress';

export async function useSignInCommand(ctx: CommandContext, arg: unknown, to: CommandTarget): Promise<unknown> {
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('activate'));
  const { args } = to;
  const agent = to.agentId ?? defaultAgentId(ctx, snapshot);
  let profileId = to.profileId;
  if (!profileId) {
    const profiles =
      findAgent(snapshot, agent)?.providers.flatMap((p) => p.profiles.filter((x) => !x.declaredOnly)) ?? [];
    const picked = await vscode.window.showQuickPick(
      profiles.map((p) => ({ label: plain(p.id), description: plain(`${p.provider} · ${p.type}`), id: p.id })),
      { placeHolder: t('Use which saved sign-in for agent {0}?', plain(agent)) },
    );
    if (!picked) throw new Cancelled();
    profileId = picked.id;
  }
  const target = profileId;
  const provider = findProfile(snapshot, agent, target)?.provider;
  try {
    const result = await withOperation(
      originOf(arg),
      t('Testing {0} and using it for agent {1}…', plain(target), plain(agent)),
      { agentId: agent, ...(provider ? { provider } : {}), profileId: target },
      (signal) => activate(operationContext(ctx, snapshot, signal), { profileId: target, agent }),
    );
    ctx.log.info(`activate ${target} for agent ${result.agent}: ok`);
    if (!args)
      void showInfo(
        t('Agent {0} now uses {1}.', plain(result.agent), plain(target)),
        ...(result.output ? [{ detail: plain(result.output, 1500) } as vscode.MessageOptions] : []),
      );
    return result;
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== 'EXIT') throw error;
    // A failed test is an answer, not a crash: say it in OpenClaw's words, with what stays as it was.
    const reason = plain(error.reason ?? error.message, 600);
    ctx.log.warn(`activate ${target} for agent ${agent}: ${reason}`);
    if (args) throw error;
    void showWarning(
      t(
        '{0} was not activated for agent {1}; the agent keeps its current sign-in. OpenClaw said: {2}',
        plain(target),
        plain(agent),
        reason,
      ),
    );
    return undefined;
  }
}
