// Words and numbers the tree, status bar and notifications show (the rules behind them are in src/openclaw/:
// health.ts, attention.ts; the words for why a profile is not used, and its tooltip, in why.ts). No `vscode` import: the caller passes
// its `t` (vscode.l10n.t in the extension, a plain formatter in unit tests), so all of this is unit-tested.

import { plain } from '../openclaw/untrusted';
import { formatRemainingShort } from '../openclaw/health';
import type { Health, OrderSource, Profile, ProfileSecretRef, Snapshot } from '../openclaw/types';
import { isActive, selfRefreshing, type Attention, type AttentionSummary } from '../openclaw/attention';

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
  if (profile.secretRef) parts.push(secretRefWords(profile.secretRef, t));
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

/** `from env OPENAI_API_KEY` (`not set` when it is set nowhere), `from file …`, `from exec …`: where a SecretRef points. */
export function secretRefWords(ref: ProfileSecretRef, t: Translate): string {
  const where = t('from {0} {1}', ref.source, ref.id);
  return ref.resolves === false ? `${where} (${t('not set')})` : where;
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

/** Who an attention row is about: its profile or provider id, or the Claude CLI login in words. */
export function attentionLabel(a: Pick<Attention, 'kind' | 'id'>, t: Translate): string {
  return a.kind === 'claude' ? t('Claude CLI login') : a.id;
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

/**
 * Markdown-escaped text: untrusted values (ids, reasons, paths) form no link, emphasis, HTML or `$(icon)`. Hovers
 * also turn a bare `https://…`, `www.…` or `name@host` into a link (GFM autolinks, seen on a reason OpenClaw recorded):
 * an escaped `:` (before `//`), `@`, or `.` (after `www`) keeps each one text.
 */
export function md(text: string): string {
  return plain(text, 2000)
    .replace(/[\\`*_[\]<>~&$@]/g, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`);
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

/** One usage window as the live gateway reports it (`usage.status`); `resetAt` is epoch ms. */
export interface UsageWindowLike {
  label: string;
  usedPercent: number;
  resetAt?: number;
}

/**
 * A usage window's label in the reader's language. OpenClaw's own labels (`5h`, `7d`, `30m`, `Week`, `Day`, `Month`,
 * dist/provider-usage.fetch.*.mjs) get the same unit words as every other duration (`5 ชม.` in Thai); any other label
 * comes from the provider through the gateway and is shown as sent, cut short and plain.
 */
export function windowLabel(label: string, t: Translate): string {
  const trimmed = label.trim();
  const [, count, unit] = /^(\d{1,4})([mhd])$/.exec(trimmed) ?? [];
  if (count) return unit === 'h' ? t('{0}h', count) : unit === 'd' ? t('{0}d', count) : t('{0}m', count);
  switch (trimmed.toLowerCase()) {
    case 'week':
      return t('Week');
    case 'day':
      return t('Day');
    case 'month':
      return t('Month');
    default:
      return plain(trimmed, 24);
  }
}

/** `5h 62% · Week 20%` on a provider row. Labels come from the gateway: cut short here, plain() in the tree. */
export function usageWords(windows: readonly UsageWindowLike[], t: Translate): string {
  return windows
    .slice(0, 3)
    .map((w) => `${windowLabel(w.label, t)} ${Math.round(w.usedPercent)}%`)
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
    return `- ${md(t('{0}: {1}% used', windowLabel(w.label, t), Math.round(w.usedPercent)))}${reset}`;
  });
  if (!lines.length && usage.error) lines.push(`- ${md(t('Usage unavailable: {0}', usage.error))}`);
  return lines;
}
