// Words and numbers the tree, status bar and notifications show. No `vscode` import: the caller passes
// its `t` (vscode.l10n.t in the extension, a plain formatter in unit tests), so all of this is unit-tested.

import { plain } from '../openclaw/untrusted';
import { formatRemainingShort } from '../openclaw/health';
import type { Health, OrderSource, Profile, Provider, RecoveryKind, Snapshot } from '../openclaw/types';

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`-style substitution without translation, for tests and for callers without VS Code. */
export const untranslated: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

/** OpenClaw's short form: `45m`, `3h` (under 48 h), `2d`; with `t`, in the person's language (Thai units in Thai). */
export function relative(ms: number, t?: Translate): string {
  const short = formatRemainingShort(Math.abs(ms));
  const m = /^(\d+)([mhd])$/.exec(short);
  if (!t || !m) return short;
  const n = Number(m[1]);
  return m[2] === 'm' ? t('{0}m', n) : m[2] === 'h' ? t('{0}h', n) : t('{0}d', n);
}

export function healthWords(health: Health | undefined, t: Translate): string {
  switch (health) {
    case 'ok':
      return t('ok');
    case 'expiring':
      return t('expiring');
    case 'expired':
      return t('expired');
    case 'static':
      return t('no expiry');
    case 'missing':
      return t('missing');
    case 'unknown':
      return t('not read');
    default:
      return t('unknown');
  }
}

// OpenClaw's roll-up: expired > missing > expiring > ok > static; `unknown` (not read) is ours, above ok and below a known problem.
const SEVERITY: Record<Health, number> = { static: 0, ok: 1, unknown: 2, expiring: 3, missing: 4, expired: 5 };

/** Health that the status bar, the notifications and the tree call out: something to renew or paste. */
export function needsAttention(health: Health | undefined): health is 'expiring' | 'expired' | 'missing' {
  return health === 'expiring' || health === 'expired' || health === 'missing';
}

export function worstHealth(healths: Iterable<Health | undefined>): Health | undefined {
  let worst: Health | undefined;
  for (const h of healths) if (h && (worst === undefined || SEVERITY[h] > SEVERITY[worst])) worst = h;
  return worst;
}

export function typeWords(type: string, t: Translate): string {
  switch (type) {
    case 'api_key':
      return t('api key');
    case 'token':
      return t('token');
    case 'oauth':
      return t('oauth');
    default:
      return type;
  }
}

export function orderSourceWords(source: OrderSource, t: Translate): string {
  switch (source) {
    case 'stored':
      return t('stored order');
    case 'config-order':
      return t('order from config');
    case 'config-profiles':
      return t('order from config profiles');
    default:
      return t('automatic order');
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `10:47` today, `Nov 27 10:47` otherwise, in local time. */
export function clock(ms: number, now: number): string {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return new Date(now).toDateString() === d.toDateString() ? hm : `${localDate(ms)} ${hm}`;
}

export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function localDateTime(ms: number): string {
  const d = new Date(ms);
  return `${localDate(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const isActive = (until: number | undefined, now: number): until is number => until !== undefined && until > now;

/**
 * Expired OAuth with a refresh token: OpenClaw reports it `expired` (so do we) but refreshes the access token itself on
 * the next request, so requests do not fail for it.
 */
export function selfRefreshing(profile: Pick<Profile, 'type' | 'health' | 'refreshable' | 'refreshing'>): boolean {
  return (
    profile.type === 'oauth' && profile.health === 'expired' && profile.refreshable === true && !profile.refreshing
  );
}

/** The expiry part of a description: `expires in 3h`, `expired 2h ago`, `no expiry recorded`. */
export function expiryWords(
  profile: Pick<Profile, 'type' | 'health' | 'expiresAt' | 'refreshable' | 'expiryLooksLikeSeconds'>,
  now: number,
  t: Translate,
): string | undefined {
  if (profile.type === 'api_key') return undefined;
  if (profile.expiryLooksLikeSeconds) return t('expiry recorded in seconds');
  if (selfRefreshing(profile)) return t('expired — OpenClaw refreshes it on next use');
  const at = profile.expiresAt;
  if (at === undefined || at <= 0) return profile.health === 'expired' ? t('expired') : t('no expiry recorded');
  if (at <= now || profile.health === 'expired') return t('expired {0} ago', relative(now - at, t));
  return profile.refreshable ? relative(at - now, t) : t('expires in {0}', relative(at - now, t));
}

/** The row description: `token · expires in 3h`, `oauth · refreshable · 2d`, `api key · cooldown rate_limit until 10:47`. */
export function describeProfile(profile: Profile, now: number, t: Translate): string {
  if (profile.declaredOnly) return t('declared in config, not stored');
  const parts: string[] = [typeWords(profile.type, t)];
  if (profile.health === 'missing') parts.push(t('missing: {0}', reasonWords(profile.reasonCode, t)));
  else if (profile.health === 'unknown') parts.push(t('credential not read'));
  else {
    if (profile.type === 'oauth' && profile.refreshable && !selfRefreshing(profile)) parts.push(t('refreshable'));
    const expiry = expiryWords(profile, now, t);
    if (expiry) parts.push(expiry);
  }
  if (profile.refreshing) parts.push(t('refreshing'));
  const cooldown = cooldownWords(profile, now, t);
  if (cooldown) parts.push(cooldown);
  const disabled = disabledWords(profile, now, t);
  if (disabled) parts.push(disabled);
  if (profile.excluded) parts.push(t('excluded by order'));
  return parts.join(' · ');
}

/** `cooling down · rate_limit · 12m left`: the reason as OpenClaw stores it and a countdown to the end. */
export function cooldownWords(profile: Profile, now: number, t: Translate): string | undefined {
  if (!isActive(profile.cooldownUntil, now)) return undefined;
  return [t('cooling down'), profile.cooldownReason ?? '', t('{0} left', relative(profile.cooldownUntil - now, t))]
    .filter(Boolean)
    .join(' · ');
}

/** `disabled · billing · 8m left`. */
export function disabledWords(profile: Profile, now: number, t: Translate): string | undefined {
  if (!isActive(profile.disabledUntil, now)) return undefined;
  return [t('disabled'), profile.disabledReason ?? '', t('{0} left', relative(profile.disabledUntil - now, t))]
    .filter(Boolean)
    .join(' · ');
}

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

export function reasonWords(code: string | undefined, t: Translate): string {
  switch (code) {
    case undefined:
      return t('no credential');
    case 'missing_credential':
      return t('no credential');
    case 'invalid_expires':
      return t('invalid expiry');
    case 'malformed_api_key':
      return t('malformed api key');
    case 'unresolved_ref':
      return t('unresolved secret reference');
    case 'setup_inactive':
      return t('saved, inactive');
    default:
      return code.replace(/_/g, ' ');
  }
}

/** One profile (or the Claude CLI login) the status bar and notifications speak about. */
export interface Attention {
  agentId?: string;
  profile?: Profile;
  /** Profile id, or the words for the Claude CLI login. */
  label: string;
  health: 'expiring' | 'expired' | 'missing';
  expiresAt?: number;
}

export interface AttentionSummary {
  expiring: Attention[];
  expired: Attention[];
  missing: Attention[];
  all: Attention[];
  /** Expired OAuth that OpenClaw refreshes on next use: shown, never counted or notified as failing. */
  selfRefreshing: Attention[];
}

/** Profiles in use that need a person: excluded profiles are not in use, so they do not count. */
export function summarize(snapshot: Snapshot, t: Translate): AttentionSummary {
  const all: Attention[] = [];
  const refreshes: Attention[] = [];
  for (const agent of snapshot.agents) {
    for (const provider of agent.providers) {
      for (const profile of provider.profiles) {
        if (profile.excluded) continue;
        if (needsAttention(profile.health)) {
          const a: Attention = {
            agentId: agent.id,
            profile,
            label: profile.id,
            health: profile.health,
            expiresAt: profile.expiresAt,
          };
          (selfRefreshing(profile) ? refreshes : all).push(a);
        }
      }
      // A provider the configured models need with no credential at all: `models status --check` fails on it.
      if (
        provider.neededBy?.length &&
        provider.health === 'missing' &&
        !provider.profiles.some((p) => !p.declaredOnly)
      ) {
        all.push({ agentId: agent.id, label: provider.id, health: 'missing' });
      }
    }
  }
  const claude = snapshot.claudeCli;
  if (claude && (claude.health === 'expiring' || claude.health === 'expired')) {
    all.push({ label: t('Claude CLI login'), health: claude.health, expiresAt: claude.expiresAt });
  }
  return {
    all,
    expiring: all.filter((a) => a.health === 'expiring'),
    expired: all.filter((a) => a.health === 'expired'),
    missing: all.filter((a) => a.health === 'missing'),
    selfRefreshing: refreshes,
  };
}

/** The stores exist but nothing could read them (STORES_UNREADABLE_NO_READER): say so instead of guessing health. */
export function storesUnread(snapshot: Snapshot): boolean {
  return snapshot.warnings.some((w) => w.code === 'STORES_UNREADABLE_NO_READER');
}

/** `1 expiring`, `2 expired, 1 missing`; empty when nothing needs attention. */
export function summaryWords(summary: AttentionSummary, t: Translate): string {
  const parts: string[] = [];
  if (summary.expired.length) parts.push(t('{0} expired', summary.expired.length));
  if (summary.missing.length) parts.push(t('{0} missing', summary.missing.length));
  if (summary.expiring.length) parts.push(t('{0} expiring', summary.expiring.length));
  return parts.join(', ');
}

/**
 * When the next health threshold is crossed (expiry window entered, expiry reached, cooldown or
 * disabled period over), so one timer can refresh exactly then instead of polling.
 */
export function nextThreshold(snapshot: Snapshot, now: number): number | undefined {
  let next: number | undefined;
  const consider = (at: number | undefined): void => {
    if (at !== undefined && Number.isFinite(at) && at > now && (next === undefined || at < next)) next = at;
  };
  const expiry = (at: number | undefined): void => {
    if (at === undefined || at <= 0) return;
    consider(at - snapshot.warnWindowMs);
    consider(at);
  };
  for (const agent of snapshot.agents) {
    for (const provider of agent.providers) {
      for (const profile of provider.profiles) {
        expiry(profile.expiresAt);
        consider(profile.cooldownUntil);
        consider(profile.disabledUntil);
      }
    }
  }
  expiry(snapshot.claudeCli?.expiresAt);
  return next;
}

/**
 * When the shortest relative label on screen (`45m`, `3h`, `2d`) next changes; used to repaint
 * without re-reading. Coarse on purpose: a minute under an hour, a quarter hour under two days.
 */
export function nextRepaint(snapshot: Snapshot, now: number): number | undefined {
  let soonest: number | undefined;
  const visit = (at: number | undefined): void => {
    if (at === undefined || at <= 0) return;
    const remaining = Math.abs(at - now);
    const step = remaining < 3_600_000 ? 60_000 : remaining < 172_800_000 ? 900_000 : 21_600_000;
    if (soonest === undefined || step < soonest) soonest = step;
  };
  for (const agent of snapshot.agents) {
    for (const provider of agent.providers) {
      // Countdowns to the end of a cooldown or disabled window (`12m left`) run only while the window does.
      if (isActive(provider.unavailableUntil, now)) visit(provider.unavailableUntil);
      for (const p of provider.profiles) {
        visit(p.expiresAt);
        if (isActive(p.cooldownUntil, now)) visit(p.cooldownUntil);
        if (isActive(p.disabledUntil, now)) visit(p.disabledUntil);
      }
    }
  }
  visit(snapshot.claudeCli?.expiresAt);
  return soonest === undefined ? undefined : now + soonest;
}

/** Markdown-escaped text: untrusted values (ids, reasons, paths) form no link, emphasis, HTML or `$(icon)`. */
export function md(text: string): string {
  return plain(text, 2000).replace(/[\\`*_[\]<>~&$]/g, '\\$&');
}

/** Inline code; a backtick inside widens the fence as CommonMark allows. */
export function code(raw: string): string {
  const text = plain(raw, 2000);
  const fence = text.includes('`') ? '`` ' : '`';
  return `${fence}${text}${fence.split('').reverse().join('')}`;
}

export function storeWords(store: string | undefined, t: Translate): string {
  switch (store) {
    case 'json':
      return t('JSON file (legacy)');
    case 'sqlite-agent':
      return t('agent SQLite store');
    case 'sqlite-shared':
      return t('shared SQLite store');
    case 'sqlite-legacy-main':
      return t('legacy main-agent SQLite store');
    default:
      return t('not stored');
  }
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
  if (profile.masked) row(t('Secret'), code(profile.masked));
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

/** One usage window as the live gateway reports it (`usage.status`); `resetAt` is epoch ms. */
export interface UsageWindowLike {
  label: string;
  usedPercent: number;
  resetAt?: number;
}

/** `5h 62% · Week 20%` on a provider row. Labels come from the gateway: cut short here, plain() in the tree. */
export function usageWords(windows: readonly UsageWindowLike[]): string {
  return windows
    .slice(0, 3)
    .map((w) => `${plain(w.label, 24)} ${Math.round(w.usedPercent)}%`)
    .join(' · ');
}

/** Markdown lines for a provider tooltip: each window with the share used and when it resets. */
export function usageTooltip(
  usage: { windows: readonly UsageWindowLike[]; error?: string },
  now: number,
  t: Translate,
): string[] {
  const lines = usage.windows.map((w) => {
    const reset =
      w.resetAt !== undefined && w.resetAt > now
        ? ` · ${md(t('resets {0} (in {1})', clock(w.resetAt, now), relative(w.resetAt - now, t)))}`
        : '';
    return `- ${md(t('{0}: {1}% used', w.label, Math.round(w.usedPercent)))}${reset}`;
  });
  if (!lines.length && usage.error) lines.push(`- ${md(t('Usage unavailable: {0}', usage.error))}`);
  return lines;
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
