// The status bar's words for remote gateways (rules in openclaw/gateway/remoteSummary.ts).

import type { RemoteAttention, RemoteSummary } from '../openclaw/gateway/remoteSummary';
import { plain } from '../openclaw/untrusted';
import { healthWords, md, type Translate } from './format';

/** `remote: 1 expired, 1 to approve`, or nothing when every remote gateway is fine. */
export function remoteSummaryWords(summary: RemoteSummary, t: Translate): string | undefined {
  const parts: string[] = [];
  if (summary.expired) parts.push(t('{0} expired', summary.expired));
  if (summary.missing) parts.push(t('{0} missing', summary.missing));
  if (summary.expiring) parts.push(t('{0} expiring', summary.expiring));
  const pairing = summary.all.filter((a) => a.problem === 'pairing').length;
  const away = summary.gateways - pairing;
  if (pairing) parts.push(t('{0} to approve', pairing));
  if (away) parts.push(t('{0} not connected', away));
  return parts.length ? t('remote: {0}', parts.join(', ')) : undefined;
}

/** One Markdown list line of the tooltip: the gateway, then what needs a person there. */
export function remoteLine(a: RemoteAttention, t: Translate): string {
  const gateway = `**${md(plain(a.gateway, 120))}**`;
  if (a.problem) {
    const what =
      a.problem === 'pairing'
        ? t('waiting for you to approve the pairing on the gateway host')
        : a.problem === 'unreachable'
          ? t('not reachable; showing its last answer')
          : t('connection failed; see the view for what to do');
    return `- ${a.problem === 'pairing' ? '$(warning)' : '$(error)'} ${gateway}: ${md(what)}`;
  }
  const icon = a.health === 'expiring' ? '$(warning)' : '$(error)';
  const stale = a.stale ? ` (${md(t('last known'))})` : '';
  const agent = a.agentId ? ` (${md(t('Agent {0}', plain(a.agentId, 64)))})` : '';
  return `- ${icon} ${gateway}: ${md(plain(a.profileId ?? '', 200))}${agent} ${md(healthWords(a.health, t))}${stale}`;
}
