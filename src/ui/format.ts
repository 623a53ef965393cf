// Words and numbers the tree, status bar and notifications show. No `vscode` import: the caller passes
// its `t` (vscode.l10n.t in the extension, a plain formatter in unit tests), so all of this is unit-tested.

import { plain } from '../openclaw/untrusted';
import { formatRemainingShort } from '../openclaw/health';
import type { Health, OrderSource, Profile, Snapshot } from '../openclaw/types';

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
    case 'ok': return t('ok');
    case 'expiring': return t('expiring');
    case 'expired': return t('expired');
    case 'static': return t('no expiry');
    case 'missing': return t('missing');
    case 'unknown': return t('not read');
    default: return t('unknown');
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
    case 'api_key': return t('api key');
    case 'token': return t('token');
    case 'oauth': return t('oauth');
    default: return type;
  }
}

export function orderSourceWords(source: OrderSource, t: Translate): string {
  switch (source) {
    case 'stored': return t('stored order');
    case 'config-order': return t('order from config');
    case 'config-profiles': return t('order from config profiles');
    default: return t('automatic order');
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

/** The expiry part of a description: `expires in 3h`, `expired 2h ago`, `no expiry recorded`. */
export function expiryWords(profile: Pick<Profile, 'type' | 'health' | 'expiresAt' | 'refreshable' | 'expiryLooksLikeSeconds'>, now: number, t: Translate): string | undefined {
  if (profile.type === 'api_key') return undefined;
  if (profile.expiryLooksLikeSeconds) return t('expiry recorded in seconds');
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
    if (profile.type === 'oauth' && profile.refreshable) parts.push(t('refreshable'));
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

export function cooldownWords(profile: Profile, now: number, t: Translate): string | undefined {
  if (!isActive(profile.cooldownUntil, now)) return undefined;
  const at = clock(profile.cooldownUntil, now);
  return profile.cooldownReason ? t('cooldown {0} until {1}', profile.cooldownReason, at) : t('cooldown until {0}', at);
}

export function disabledWords(profile: Profile, now: number, t: Translate): string | undefined {
  if (!isActive(profile.disabledUntil, now)) return undefined;
  const at = clock(profile.disabledUntil, now);
  return profile.disabledReason ? t('disabled {0} until {1}', profile.disabledReason, at) : t('disabled until {0}', at);
}

export function reasonWords(code: string | undefined, t: Translate): string {
  switch (code) {
    case undefined: return t('no credential');
    case 'missing_credential': return t('no credential');
    case 'invalid_expires': return t('invalid expiry');
    case 'malformed_api_key': return t('malformed api key');
    case 'unresolved_ref': return t('unresolved secret reference');
    case 'setup_inactive': return t('saved, inactive');
    default: return code.replace(/_/g, ' ');
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
}

/** Profiles in use that need a person: excluded profiles are not in use, so they do not count. */
export function summarize(snapshot: Snapshot, t: Translate): AttentionSummary {
  const all: Attention[] = [];
  for (const agent of snapshot.agents) {
    for (const provider of agent.providers) {
      for (const profile of provider.profiles) {
        if (profile.excluded) continue;
        if (needsAttention(profile.health)) {
          all.push({ agentId: agent.id, profile, label: profile.id, health: profile.health, expiresAt: profile.expiresAt });
        }
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
  for (const agent of snapshot.agents) for (const provider of agent.providers) for (const p of provider.profiles) visit(p.expiresAt);
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
    case 'json': return t('JSON file (legacy)');
    case 'sqlite-agent': return t('agent SQLite store');
    case 'sqlite-shared': return t('shared SQLite store');
    case 'sqlite-legacy-main': return t('legacy main-agent SQLite store');
    default: return t('not stored');
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
  const row = (name: string, value: string): void => { lines.push(`- ${md(name)}: ${value}`); };
  if (place.agentId) row(t('Agent'), code(place.agentId));
  row(t('Type'), md(typeWords(profile.type, t)) + (profile.refreshable ? ` (${md(t('refreshable'))})` : ''));
  if (profile.masked) row(t('Secret'), code(profile.masked));
  if (profile.email) row(t('Email'), md(profile.email));
  if (profile.displayName) row(t('Name'), md(profile.displayName));
  if (profile.health === 'missing') row(t('Missing'), md(reasonWords(profile.reasonCode, t)));
  if (profile.expiryLooksLikeSeconds) row(t('Expiry'), md(t('recorded in seconds, so OpenClaw reads it as 1970 — paste the token again with an expiry')));
  else if (profile.expiresAt !== undefined && profile.expiresAt > 0) {
    const words = profile.expiresAt > now ? t('in {0}', relative(profile.expiresAt - now, t)) : t('{0} ago', relative(now - profile.expiresAt, t));
    row(t('Expires'), `${md(localDateTime(profile.expiresAt))} (${md(words)}) · ${code(new Date(profile.expiresAt).toISOString())}`);
  } else if (profile.type !== 'api_key' && profile.health !== 'unknown') row(t('Expires'), md(t('no expiry recorded')));
  if (profile.excluded) row(t('Order'), md(t('excluded by {0}', orderSourceWords(place.orderSource, t))));
  else if (profile.orderIndex !== undefined) row(t('Order'), md(t('{0} of {1} ({2})', profile.orderIndex + 1, place.count, orderSourceWords(place.orderSource, t))));
  const cooldown = cooldownWords(profile, now, t);
  if (cooldown) row(t('Cooldown'), md(cooldown));
  const disabled = disabledWords(profile, now, t);
  if (disabled) row(t('Disabled'), md(disabled));
  if (profile.health === 'unknown') row(t('Store'), md(t('not read: no Node with node:sqlite and no OpenClaw CLI found')));
  else if (profile.declaredOnly) row(t('Store'), md(t('declared in config auth.profiles but missing from every store')));
  else row(t('Store'), md(storeWords(profile.store, t)) + (profile.storePath ? ` ${code(profile.storePath)}` : ''));
  return lines.join('\n');
}

/** One usage window as the live gateway reports it (`usage.status`); `resetAt` is epoch ms. */
export interface UsageWindowLike { label: string; usedPercent: number; resetAt?: number }

/** `5h 62% · Week 20%` on a provider row. Labels come from the gateway: cut short here, plain() in the tree. */
export function usageWords(windows: readonly UsageWindowLike[]): string {
  return windows.slice(0, 3).map((w) => `${plain(w.label, 24)} ${Math.round(w.usedPercent)}%`).join(' · ');
}

/** Markdown lines for a provider tooltip: each window with the share used and when it resets. */
export function usageTooltip(usage: { windows: readonly UsageWindowLike[]; error?: string }, now: number, t: Translate): string[] {
  const lines = usage.windows.map((w) => {
    const reset = w.resetAt !== undefined && w.resetAt > now ? ` · ${md(t('resets {0} (in {1})', clock(w.resetAt, now), relative(w.resetAt - now, t)))}` : '';
    return `- ${md(t('{0}: {1}% used', w.label, Math.round(w.usedPercent)))}${reset}`;
  });
  if (!lines.length && usage.error) lines.push(`- ${md(t('Usage unavailable: {0}', usage.error))}`);
  return lines;
}
