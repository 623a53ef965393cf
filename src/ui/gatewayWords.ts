// Words for what the live gateway adds to a row and to the status bar: where it disagrees with the local read
// (and why that happens), what it knows beyond the files (last used, source, locked order), and usage windows.
// No `vscode` import: the caller passes `t`, so the English and Thai words are unit-tested on plain Node.
// Every value from the gateway is untrusted text: md() escapes it for Markdown; the tree plain()s descriptions.

import type { Health } from '../openclaw/types';
import type { AgentComparison, GatewayDifference } from '../openclaw/gateway/compare';
import { differencesFor } from '../openclaw/gateway/compare';
import type { ProbeResult } from '../openclaw/gateway/schemas';
import type { UsagePart } from '../openclaw/gateway/usage';
import { probeHint } from '../openclaw/why';
import { plain } from '../openclaw/untrusted';
import { clock, code, healthWords, md, relative, windowLabel, type Translate } from './format';

/** A gateway status code in the tree's own words (its `static` is the tree's "no expiry"); unknown codes as they are. */
const GATEWAY_STATUSES: ReadonlySet<string> = new Set(['ok', 'expiring', 'expired', 'static', 'missing']);
function statusWords(status: string, t: Translate): string {
  return GATEWAY_STATUSES.has(status) ? healthWords(status as Health, t) : plain(status, 24);
}

const when = (ms: string | undefined, now: number): string =>
  ms !== undefined && Number.isFinite(Number(ms)) ? clock(Number(ms), now) : '—';

/** One difference, short, for a row's description: `gateway: expired`, `gateway: order b → a`. */
export function differenceWords(d: GatewayDifference, now: number, t: Translate): string {
  switch (d.kind) {
    case 'status':
      return t('gateway: {0}', statusWords(d.gateway ?? '', t));
    case 'type':
      return t('gateway: type {0}', plain(d.gateway ?? '', 24));
    case 'expiry':
      return t('gateway: expires {0}', when(d.gateway, now));
    case 'order':
      return d.gateway
        ? t(
            'gateway: order {0}',
            d.gateway
              .split(',')
              .map((x) => plain(x, 64))
              .join(' → '),
          )
        : t('gateway: no stored order');
    case 'profile-only-local':
    case 'provider-only-local':
      return t('gateway: not loaded yet');
    case 'profile-only-in-gateway':
    case 'provider-only-in-gateway':
      return t('gateway: still has it');
  }
}

/** One difference in full, for a tooltip: both sides. */
function differenceLine(d: GatewayDifference, now: number, t: Translate): string {
  const local =
    d.kind === 'expiry'
      ? when(d.local, now)
      : d.kind === 'status'
        ? statusWords(d.local ?? '', t)
        : d.kind === 'order'
          ? (d.local ?? '').split(',').filter(Boolean).join(' → ') || t('none')
          : (d.local ?? '—');
  return `- ${md(differenceWords(d, now, t))} · ${md(t('local files: {0}', local))}`;
}

/** Why the two views part, once per tooltip that shows a difference. */
function whyDifferent(t: Translate): string {
  return md(
    t(
      'The running gateway does not watch the auth stores: it keeps its own view until a change is made through it or it is refreshed. The row shows what the gateway uses now.',
    ),
  );
}

export interface LiveRow {
  /** Appended to the row's description (empty when the two agree). */
  words: string;
  /** Markdown lines for the tooltip. */
  tooltip: string[];
}

/** What the gateway adds to one provider row (its order lock, a disagreement). */
export function providerLive(
  comparison: AgentComparison | undefined,
  provider: string,
  now: number,
  t: Translate,
): LiveRow | undefined {
  if (!comparison) return undefined;
  const live = Object.entries(comparison.providers).find(([id]) => id.toLowerCase() === provider.toLowerCase())?.[1];
  const diffs = differencesFor(comparison, provider);
  if (!live && !diffs.length) return undefined;
  const lines = [`**${md(t('Live gateway'))}**`];
  if (live) lines.push(`- ${md(t('Status'))}: ${md(statusWords(live.status, t))}`);
  if (live?.locked)
    lines.push(
      `- ${md(t('Order'))}: ${md(live.locked === 'provider-config' ? t('locked by provider config') : t('locked by auth config'))}`,
    );
  for (const d of diffs) lines.push(differenceLine(d, now, t));
  if (diffs.length) lines.push('', whyDifferent(t));
  return { words: diffs.map((d) => differenceWords(d, now, t)).join(' · '), tooltip: ['', ...lines] };
}

function sourceWords(source: string, t: Translate): string {
  switch (source) {
    case 'config':
      return t('config');
    case 'external':
      return t('external');
    case 'saved':
      return t('saved');
    case 'inherited':
      return t('inherited from the main agent');
    default:
      return plain(source, 24);
  }
}

/** What the gateway adds to one profile row: last used, source, who manages it, a disagreement. */
export function profileLive(
  comparison: AgentComparison | undefined,
  provider: string,
  profileId: string,
  now: number,
  t: Translate,
): LiveRow | undefined {
  const live = comparison?.profiles[profileId];
  const diffs = differencesFor(comparison, provider, profileId);
  if (!live && !diffs.length) return undefined;
  const lines = [`**${md(t('Live gateway'))}**`];
  if (live) {
    lines.push(`- ${md(t('Status'))}: ${md(statusWords(live.status, t))}`);
    if (live.lastUsedAt)
      lines.push(
        `- ${md(t('Last used'))}: ${md(t('{0} ago', relative(Math.max(0, now - live.lastUsedAt), t)))} ${code(new Date(live.lastUsedAt).toISOString())}`,
      );
    if (live.source) lines.push(`- ${md(t('Source'))}: ${md(sourceWords(live.source, t))}`);
    if (live.externallyManaged) lines.push(`- ${md(t('Managed outside OpenClaw (an external CLI login)'))}`);
    if (live.logoutSupported === false) lines.push(`- ${md(t('The gateway cannot remove it'))}`);
  }
  for (const d of diffs) lines.push(differenceLine(d, now, t));
  if (diffs.length) lines.push('', whyDifferent(t));
  return { words: diffs.map((d) => differenceWords(d, now, t)).join(' · '), tooltip: ['', ...lines] };
}

/** The status-bar part: `Claude 5h 62% · resets 14:00`. */
export function usagePartWords(part: UsagePart, now: number, t: Translate): string {
  const who = plain(part.displayName ?? part.provider, 32);
  const head = `${who} ${windowLabel(part.label, t)} ${Math.round(part.usedPercent)}%`;
  return part.resetAt !== undefined && part.resetAt > now
    ? t('{0} · resets {1}', head, clock(part.resetAt, now))
    : head;
}

/** The one-time warning when a window passes the threshold. */
export function usageAlertWords(part: UsagePart, now: number, t: Translate): string {
  const who = plain(part.displayName ?? part.provider, 32);
  const reset =
    part.resetAt !== undefined && part.resetAt > now
      ? t(
          '{0}: {1} window {2}% used; it resets at {3}.',
          who,
          windowLabel(part.label, t),
          Math.round(part.usedPercent),
          clock(part.resetAt, now),
        )
      : t('{0}: {1} window {2}% used.', who, windowLabel(part.label, t), Math.round(part.usedPercent));
  return reset;
}

/** On a provider row whose credential cannot report usage: a short word for the row, a sentence for the tooltip. */
export function usageUnavailableWords(reason: 'api-key', t: Translate): { short: string; long: string } {
  void reason; // one reason today; the parameter keeps the call sites honest when OpenClaw adds another
  return {
    short: t('no usage for API keys'),
    long: t(
      'Usage windows are not reported for an API key: only a subscription sign-in or a setup-token reports them.',
    ),
  };
}

/** While a cold `usage.status` is still gathering. */
export function usageRefreshingWords(t: Translate): string {
  return t('usage: refreshing…');
}

/** Beside the view title: `gateway: connected`, `gateway: not running`, `gateway: token rejected`, … */
export function gatewayStateWords(
  view: { kind: string; code?: string | undefined; reason?: string | undefined },
  t: Translate,
): string | undefined {
  switch (view.kind) {
    case 'connected':
      return t('gateway: connected');
    case 'connecting':
      return t('gateway: connecting…');
    case 'not-running':
      return t('gateway: not running');
    case 'error':
      return t('gateway: error');
    case 'auth-failed':
      switch (view.code) {
        case 'AUTH_TOKEN_MISMATCH':
          return t('gateway: token rejected');
        case 'AUTH_TOKEN_MISSING':
          return t('gateway: no token');
        case 'AUTH_PASSWORD_MISMATCH':
          return t('gateway: password rejected');
        case 'AUTH_PASSWORD_MISSING':
          return t('gateway: no password');
        case 'MISSING_SCOPE':
          return t('gateway: missing scope');
        default:
          return t('gateway: not authorised ({0})', plain(view.code ?? '?', 40));
      }
    default:
      // not-configured (and any later state): only a reason worth naming is said.
      if (view.reason === 'remote-mode') return t('gateway: remote (not supported yet)');
      if (view.reason === 'tls') return t('gateway: TLS (not supported yet)');
      return undefined;
  }
}

/** `models.probe`'s status in words (with `t = (s) => s`, the English ones the gateway's reason is compared with). */
function probeStatusWords(status: string, t: Translate): string {
  switch (status) {
    case 'ok':
      return t('OK');
    case 'auth':
      return t('authentication failed');
    case 'rate_limit':
      return t('rate limited');
    case 'billing':
      return t('billing problem');
    case 'timeout':
      return t('timed out');
    case 'format':
      return t('request format rejected');
    case 'no_model':
      return t('no model to test with');
    default:
      return t('failed');
  }
}

const sameWords = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/[.\s]+$/, '') === b.toLowerCase().replace(/[.\s]+$/, '');

/**
 * The one line a person sees after a probe: target, status, latency and the gateway's reason — unless the reason only
 * repeats the status ("authentication failed — Authentication failed."). A profile that was resting when probed
 * (`models.probe` then sends nothing and answers `unknown`, 2026.9.6) is said to be resting, until when and why.
 */
export function probeMessage(
  target: string,
  result: ProbeResult,
  t: Translate,
  context: { now: number; resting?: { until: number; reason?: string | undefined } },
): string {
  const latency = result.latencyMs !== undefined ? ` (${Math.round(result.latencyMs)} ms)` : '';
  const english = probeStatusWords(result.status, (text) => text);
  const reason = result.status !== 'ok' ? (result.results.find((r) => r.error)?.error ?? result.error) : undefined;
  const { resting, now } = context;
  if (result.status !== 'ok' && resting && resting.until > now)
    return t(
      'Test Connection {0}: not tried — the profile is resting until {1} after a failure ({2}), so OpenClaw sent no request. Try again after that.',
      plain(target, 200),
      clock(resting.until, now),
      plain(resting.reason ?? t('unknown'), 40),
    );
  const hint =
    probeHint(result.provider, result.status, reason) === 'claude-code-only'
      ? ` ${t('Anthropic accepts this subscription credential only from Claude Code. Fix: add an Anthropic API key (Paste API Key…), or use the Claude CLI route (Sign In… → Anthropic → Claude CLI), which runs requests through the installed claude.')}`
      : '';
  return (
    t('Test Connection {0}: {1}{2}', plain(target, 200), probeStatusWords(result.status, t), latency) +
    (reason && !sameWords(reason, english) ? ` — ${plain(reason, 300)}` : '') +
    hint
  );
}
