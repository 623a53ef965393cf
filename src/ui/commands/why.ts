// "Why this profile?" on an agent's provider row: the answer of ../../openclaw/why.ts in words (../why.ts whyItems),
// in a quick pick: first the profile OpenClaw tries, then why the order is so, then the order it tries them in, then
// each profile it skips and why. Each item is one short line; the words are built and tested in ../why.ts.

import vscode = require('vscode');
import { whyProfile } from '../../openclaw/why';
import { plain } from '../../openclaw/untrusted';
import { t } from '../l10n';
import { whyItems } from '../why';
import { type CommandContext, type CommandTarget, defaultAgentId, findProvider } from './context';

interface PickItem extends vscode.QuickPickItem {
  profileId?: string;
}

export async function whyProfileCommand(ctx: CommandContext, target: CommandTarget): Promise<unknown> {
  const { args, providerId } = target;
  const snapshot = ctx.store.current ?? (await ctx.store.refresh('why'));
  const agent = target.agentId ?? defaultAgentId(ctx, snapshot);
  const provider = providerId ? findProvider(snapshot, agent, providerId) : undefined;
  if (!provider) throw new Error(t('Choose a provider row of an agent to ask why.'));
  const now = Date.now();
  const answer = whyProfile(provider, now);
  // Automation gets the answer itself (tests, other extensions).
  if (args) return answer;
  const items: PickItem[] = whyItems(answer, now, t).map(({ separator, ...item }, i) =>
    separator
      ? { label: item.label, kind: vscode.QuickPickItemKind.Separator }
      : { ...item, ...(i === 0 ? { alwaysShow: true } : {}) },
  );
  await vscode.window.showQuickPick(items, {
    title: t('Why this profile? {0} for agent {1}', plain(provider.id), plain(agent)),
    placeHolder: items[0]?.label ?? '',
  });
  return answer;
}
