// "Why this profile?" on an agent's provider row: the answer of ../../openclaw/why.ts in words, in a quick pick
// (first the profile OpenClaw tries and why, then the order it tries them in, then each profile it skips and why).
// Profile ids and stored reasons are untrusted text: plain().

import vscode = require('vscode');
import { whyProfile, type Skipped, type WhyAnswer } from '../../openclaw/why';
import { plain } from '../../openclaw/untrusted';
import { t } from '../l10n';
import { type CommandContext, type CommandTarget, defaultAgentId, findProvider } from './context';

const clock = (at: number): string => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Why the order is what it is, in one sentence. */
export function sourceWords(answer: Pick<WhyAnswer, 'source' | 'lockedByConfig'>): string {
  switch (answer.source) {
    case 'stored':
      return t(
        'The agent has a stored order (Set Profile Order / models auth order set); it comes before any config order.',
      );
    case 'config-order':
      return t(
        'The order comes from auth.order in openclaw.json, so it is locked by config: change it there, or store an order for the agent.',
      );
    case 'config-profiles':
      return t(
        'No order is set: OpenClaw takes the profiles listed in auth.profiles in openclaw.json, in that order; other stored profiles are not used.',
      );
    case 'automatic':
      return t(
        'No order is set: OpenClaw chooses automatically — OAuth before token before API key, a valid OAuth before an expired one, then the least recently used.',
      );
  }
}

export function skippedWords(s: Skipped, now: number): string {
  const detail = s.detail ? plain(s.detail, 60) : '';
  switch (s.reason) {
    case 'cooldown':
      return t(
        'cooling down ({0}) until {1}; tried only when nothing else is left',
        detail || '?',
        clock(s.until ?? now),
      );
    case 'disabled':
      return t('disabled ({0}) until {1}; tried only when nothing else is left', detail || '?', clock(s.until ?? now));
    case 'expired':
      return t('expired and cannot be refreshed: sign in again');
    case 'missing':
      return t('no usable credential ({0})', detail || '?');
    case 'excluded':
      return t('left out by the order: add it to the order to use it');
    case 'declared-only':
      return t('declared in openclaw.json but not in any store');
    case 'not-eligible':
      return t('not selectable now ({0})', detail || '?');
  }
}

export function firstWords(answer: WhyAnswer): string {
  if (answer.firstState === 'usable') return t('OpenClaw tries {0} first.', plain(answer.first));
  if (answer.firstState === 'resting')
    return t(
      'Every profile is cooling down or disabled: OpenClaw waits for {0}, the first one back.',
      plain(answer.first),
    );
  if (answer.envFallback.length)
    return t('No profile to try: OpenClaw uses the environment variable {0}.', plain(answer.envFallback.join(', ')));
  return t('No profile to try: OpenClaw has no credential for this provider (Sign In… adds one).');
}

interface WhyItem extends vscode.QuickPickItem {
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
  const items: WhyItem[] = [
    { label: firstWords(answer), detail: sourceWords(answer), alwaysShow: true },
    { label: t('Order OpenClaw tries'), kind: vscode.QuickPickItemKind.Separator },
    ...answer.tried.map((id, i) => {
      const skip = answer.skipped.find((s) => s.profileId === id);
      return {
        label: `${i + 1}. ${plain(id)}`,
        description: skip ? skippedWords(skip, now) : id === answer.first ? t('used first') : '',
        profileId: id,
      };
    }),
  ];
  const others = answer.skipped.filter((s) => !answer.tried.includes(s.profileId));
  if (others.length) {
    items.push({ label: t('Not tried'), kind: vscode.QuickPickItemKind.Separator });
    for (const s of others)
      items.push({ label: plain(s.profileId), description: skippedWords(s, now), profileId: s.profileId });
  }
  await vscode.window.showQuickPick(items, {
    title: t('Why this profile? {0} for agent {1}', plain(provider.id), plain(agent)),
    placeHolder: firstWords(answer),
  });
  return answer;
}
