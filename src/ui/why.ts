// Why a profile or provider is not used, in words: cooldown and disabled windows with their end, OpenClaw's recovery
// hint, the stored failure counts, who needs a provider, when a resting provider comes back. Rules are in
// src/openclaw/ (health.ts, attention.ts); this file only words them. A profile's tooltip is here too: it is mostly the why.

import { isActive, selfRefreshing } from '../openclaw/attention';
import type { OrderSource, Profile, Provider, RecoveryKind } from '../openclaw/types';
import { plain } from '../openclaw/untrusted';
import type { Skipped, WhyAnswer } from '../openclaw/why';
import {
  clock,
  code,
  healthWords,
  localDateTime,
  md,
  orderSourceWords,
  reasonWords,
  relative,
  storeWords,
  typeWords,
  type Translate,
} from './format';

/** OpenClaw's recovery hint in words. */
export function recoveryWords(kind: RecoveryKind | undefined, t: Translate): string | undefined {
  switch (kind) {
    case 'reauthenticate':
      return t('Sign in again: OpenClaw stopped using it after an authentication failure.');
    case 'top-up':
      return t('Top up credits with the provider, or switch provider.');
    case 'wait':
      return t('Wait for the cooldown to end, or switch provider.');
    default:
      return undefined;
  }
}

/** `no credential; needed by agents.defaults.model` on a provider row the configured models need. */
export function neededWords(
  provider: Pick<Provider, 'neededBy' | 'profiles' | 'env' | 'health'>,
  t: Translate,
): string | undefined {
  if (!provider.neededBy?.length) return undefined;
  const paths = provider.neededBy.join(', ');
  // Unread stores (`unknown`) may well hold a credential: say only who needs the provider.
  const none = provider.health === 'missing' && provider.profiles.length === 0 && !provider.env?.length;
  return none ? t('no credential; needed by {0}', paths) : t('needed by {0}', paths);
}

/** `every profile cooling down or disabled · first back in 12m (10:47)`. */
export function unavailableWords(
  provider: Pick<Provider, 'unavailableUntil'>,
  now: number,
  t: Translate,
): string | undefined {
  if (!isActive(provider.unavailableUntil, now)) return undefined;
  return t(
    'every profile cooling down or disabled · first back in {0} ({1})',
    relative(provider.unavailableUntil - now, t),
    clock(provider.unavailableUntil, now),
  );
}

/** Tooltip lines that say why a profile is not used: its windows with their end, what to do, and the stored counts. */
export function whyLines(profile: Profile, now: number, t: Translate): string[] {
  const lines: string[] = [];
  const row = (name: string, value: string): void => {
    lines.push(`- ${md(name)}: ${value}`);
  };
  const until = (at: number): string => md(t('until {0} (in {1})', clock(at, now), relative(at - now, t)));
  if (isActive(profile.cooldownUntil, now)) {
    const why = [profile.cooldownReason, profile.cooldownClassification]
      .filter((x): x is string => !!x)
      .map(code)
      .join(' · ');
    const scope = profile.cooldownModel ? ` · ${md(t('only for model {0}', profile.cooldownModel))}` : '';
    row(t('Cooling down'), `${why ? `${why} ` : ''}${until(profile.cooldownUntil)}${scope}`);
  }
  if (isActive(profile.disabledUntil, now))
    row(
      t('Disabled'),
      `${profile.disabledReason ? `${code(profile.disabledReason)} ` : ''}${until(profile.disabledUntil)}`,
    );
  const hint =
    isActive(profile.cooldownUntil, now) || isActive(profile.disabledUntil, now)
      ? recoveryWords(profile.recovery, t)
      : undefined;
  if (hint) row(t('What to do'), md(hint));
  const u = profile.usage;
  if (u?.errorCount) row(t('Errors'), md(String(u.errorCount)));
  const failures = Object.entries(u?.failureCounts ?? {}).sort((a, b) => b[1] - a[1]);
  if (failures.length) row(t('Failures'), failures.map(([reason, n]) => `${code(reason)} ${md(String(n))}`).join(', '));
  const ago = (at: number): string =>
    `${md(localDateTime(at))} (${md(at <= now ? t('{0} ago', relative(now - at, t)) : t('in {0}', relative(at - now, t)))})`;
  if (u?.lastFailureAt) row(t('Last failure'), ago(u.lastFailureAt));
  if (u?.lastUsed) row(t('Last used'), ago(u.lastUsed));
  return lines;
}

export interface ProfilePlace {
  agentId?: string;
  orderSource: OrderSource;
  /** How many profiles the effective order holds. */
  count: number;
}

/** The Markdown tooltip of a profile row. Holds the masked secret only, never the secret. */
export function profileTooltip(profile: Profile, place: ProfilePlace, now: number, t: Translate): string {
  const lines: string[] = [`**${md(profile.id)}** — ${md(healthWords(profile.health, t))}`, ''];
  const row = (name: string, value: string): void => {
    lines.push(`- ${md(name)}: ${value}`);
  };
  if (place.agentId) row(t('Agent'), code(place.agentId));
  row(t('Type'), md(typeWords(profile.type, t)) + (profile.refreshable ? ` (${md(t('refreshable'))})` : ''));
  if (profile.secretRef) {
    const ref = profile.secretRef;
    const state =
      ref.source !== 'env'
        ? t('not resolved here (OpenClaw resolves it when it runs)')
        : ref.resolves === false
          ? t(
              'not set here, in .env or in config env.vars: OpenClaw cannot use it until it is set where the gateway runs',
            )
          : ref.setIn === 'dotenv'
            ? t("set in OpenClaw's .env")
            : ref.setIn === 'config'
              ? t('set in openclaw.json env.vars')
              : t('set in this environment');
    row(t('Secret'), `${md(t('SecretRef'))} ${code(`${ref.source}:${ref.id}`)} — ${md(state)}`);
  } else if (profile.masked) row(t('Secret'), code(profile.masked));
  if (profile.email) row(t('Email'), md(profile.email));
  if (profile.displayName) row(t('Name'), md(profile.displayName));
  if (profile.health === 'missing') row(t('Missing'), md(reasonWords(profile.reasonCode, t)));
  if (profile.expiryLooksLikeSeconds)
    row(t('Expiry'), md(t('recorded in seconds, so OpenClaw reads it as 1970 — paste the token again with an expiry')));
  else if (profile.expiresAt !== undefined && profile.expiresAt > 0) {
    const words =
      profile.expiresAt > now
        ? t('in {0}', relative(profile.expiresAt - now, t))
        : t('{0} ago', relative(now - profile.expiresAt, t));
    row(
      t('Expires'),
      `${md(localDateTime(profile.expiresAt))} (${md(words)}) · ${code(new Date(profile.expiresAt).toISOString())}`,
    );
  } else if (profile.type !== 'api_key' && profile.health !== 'unknown') row(t('Expires'), md(t('no expiry recorded')));
  if (profile.excluded) row(t('Order'), md(t('excluded by {0}', orderSourceWords(place.orderSource, t))));
  else if (profile.orderIndex !== undefined)
    row(
      t('Order'),
      md(t('{0} of {1} ({2})', profile.orderIndex + 1, place.count, orderSourceWords(place.orderSource, t))),
    );
  if (selfRefreshing(profile))
    row(
      t('Token refresh'),
      md(
        t(
          'OpenClaw reports it as expired and refreshes it with the stored refresh token on the next request; sign in again only if that fails.',
        ),
      ),
    );
  for (const line of whyLines(profile, now, t)) lines.push(line);
  if (profile.health === 'unknown')
    row(t('Store'), md(t('not read: no Node with node:sqlite and no OpenClaw CLI found')));
  else if (profile.declaredOnly)
    row(t('Store'), md(t('declared in config auth.profiles but missing from every store')));
  else row(t('Store'), md(storeWords(profile.store, t)) + (profile.storePath ? ` ${code(profile.storePath)}` : ''));
  return lines.join('\n');
}

/**
 * One item of the "Why This Profile?" quick pick. Every label, description and detail is one short line (a quick
 * pick cuts a longer one off): a long explanation is several items, never one long detail.
 */
export interface WhyItem {
  label: string;
  description?: string;
  detail?: string;
  separator?: true;
  profileId?: string;
}

/** The first item: which profile OpenClaw tries first, with a short detail when one is needed. */
export function firstItem(answer: WhyAnswer, t: Translate): WhyItem {
  const first = plain(answer.first ?? '', 200);
  if (answer.firstState === 'usable') return { label: t('OpenClaw tries {0} first.', first) };
  if (answer.firstState === 'resting')
    return {
      label: t('Every profile is cooling down or disabled.'),
      detail: t('OpenClaw waits for {0}, the first one back.', first),
    };
  if (answer.envFallback.length)
    return {
      label: t('No profile to try.'),
      detail: t('OpenClaw uses the environment variable {0}.', plain(answer.envFallback.join(', '), 200)),
    };
  return { label: t('No profile to try: no credential for this provider.'), detail: t('Sign In… adds one.') };
}

/** Why the order is what it is: one short item per sentence. */
export function sourceItems(answer: Pick<WhyAnswer, 'source'>, t: Translate): WhyItem[] {
  switch (answer.source) {
    case 'stored':
      return [
        { label: t('The agent has a stored order.'), detail: t('Saved by Set Profile Order (models auth order set).') },
        { label: t('A stored order comes before any config order.') },
      ];
    case 'config-order':
      return [
        { label: t('The order comes from auth.order in openclaw.json.') },
        { label: t('Locked by config.'), detail: t('Change it there, or store an order for this agent.') },
      ];
    case 'config-profiles':
      return [
        { label: t('No order is set.'), detail: t('OpenClaw takes auth.profiles in openclaw.json, in that order.') },
        { label: t('Other stored profiles are not used.') },
      ];
    case 'automatic':
      return [
        { label: t('No order is set: OpenClaw chooses automatically.') },
        { label: t('OAuth first, then token, then API key.') },
        { label: t('A valid OAuth before an expired one.') },
        { label: t('Then the one used longest ago.') },
      ];
  }
}

/** Why a profile is skipped: a short reason (the row's description) and, when there is one, what follows from it. */
export function skippedWords(s: Skipped, now: number, t: Translate): { short: string; more?: string } {
  const detail = s.detail ? plain(s.detail, 40) : '?';
  const lastResort = t('Tried only when nothing else is left.');
  switch (s.reason) {
    case 'cooldown':
      return { short: t('cooling down ({0}) until {1}', detail, clock(s.until ?? now, now)), more: lastResort };
    case 'disabled':
      return { short: t('disabled ({0}) until {1}', detail, clock(s.until ?? now, now)), more: lastResort };
    case 'expired':
      return { short: t('expired, cannot be refreshed'), more: t('Sign in again.') };
    case 'missing':
      return { short: t('no usable credential ({0})', s.detail ? reasonWords(s.detail, t) : detail) };
    case 'excluded':
      return { short: t('left out by the order'), more: t('Add it to the order to use it.') };
    case 'declared-only':
      return { short: t('declared in openclaw.json, in no store') };
    case 'not-eligible':
      return { short: t('not selectable now ({0})', detail) };
  }
}

/** Every item of the quick pick: the first profile, why the order is so, the order tried, then the ones not tried. */
export function whyItems(answer: WhyAnswer, now: number, t: Translate): WhyItem[] {
  const profileItem = (label: string, id: string): WhyItem => {
    const skip = answer.skipped.find((s) => s.profileId === id);
    if (!skip) return { label, ...(id === answer.first ? { description: t('used first') } : {}), profileId: id };
    const words = skippedWords(skip, now, t);
    return { label, description: words.short, ...(words.more ? { detail: words.more } : {}), profileId: id };
  };
  const items: WhyItem[] = [
    firstItem(answer, t),
    { label: t('Why this order'), separator: true },
    ...sourceItems(answer, t),
    { label: t('Order OpenClaw tries'), separator: true },
    ...answer.tried.map((id, i) => profileItem(`${i + 1}. ${plain(id, 200)}`, id)),
  ];
  const others = answer.skipped.filter((s) => !answer.tried.includes(s.profileId));
  if (others.length) {
    items.push({ label: t('Not tried'), separator: true });
    for (const s of others) items.push(profileItem(plain(s.profileId, 200), s.profileId));
  }
  return items;
}
