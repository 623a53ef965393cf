// Why a profile or provider is not used, in words: cooldown and disabled windows with their end, OpenClaw's recovery
// hint, the stored failure counts, who needs a provider, when a resting provider comes back. Rules are in
// src/openclaw/ (health.ts, attention.ts); this file only words them. A profile's tooltip is here too: it is mostly the why.

import { isActive, selfRefreshing } from '../openclaw/attention';
import type { OrderSource, Profile, Provider, RecoveryKind } from '../openclaw/types';
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
