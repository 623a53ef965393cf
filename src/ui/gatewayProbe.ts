// Test Connection (`models.probe`) for a provider or profile row: a real request through the gateway, never run by
// itself, with a one-time warning, progress and Cancel. `probeWithWarning` is that flow for any gateway: the local
// one here, a remote one in commands/remoteWrites.ts.

import vscode = require('vscode');
import { t } from './l10n';
import type { ProbeResult } from '../openclaw/gateway/schemas';
import { plain } from '../openclaw/untrusted';
import { probeHint } from '../openclaw/why';
import {
  Cancelled,
  type CommandContext,
  defaultAgentId,
  isNode,
  nodeProvider,
  type NodeLike,
} from './commands/context';
import { gatewayOf, gatewayWords } from './gateway';
import { showInfo, showWarning } from './messages';

const PROBE_WARNED = 'openclawAuth.probeWarned';

function probeStatusWords(status: string): string {
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

/** The one line a person sees after a probe: target, status, latency, the gateway's reason. */
export function probeMessage(target: string, result: ProbeResult): string {
  const latency = result.latencyMs !== undefined ? ` (${Math.round(result.latencyMs)} ms)` : '';
  const reason = result.status !== 'ok' ? (result.results.find((r) => r.error)?.error ?? result.error) : undefined;
  const hint =
    probeHint(result.provider, result.status, reason) === 'claude-code-only'
      ? ` ${t('Anthropic accepts this subscription credential only from Claude Code. Fix: add an Anthropic API key (Paste API Key…), or use the Claude CLI route (Sign In… → Anthropic → Claude CLI), which runs requests through the installed claude.')}`
      : '';
  return (
    t('Test Connection {0}: {1}{2}', plain(target, 200), probeStatusWords(result.status), latency) +
    (reason ? ` — ${plain(reason, 300)}` : '') +
    hint
  );
}

/**
 * `openclawAuth.testConnection`: `models.probe` for a provider row or one profile, with progress and Cancel.
 * Never runs by itself. A person is warned once (globalState) before the first probe; automation (an arguments
 * object) is not prompted and gets the result.
 */
export async function testConnectionCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const gateway = gatewayOf(ctx.extension);
  const view = gateway?.current;
  if (!gateway || view?.kind !== 'connected') {
    throw new Error(
      t(
        'Test Connection needs a running gateway that the extension is connected to ({0}).',
        (view && gatewayWords(view)) ?? t('gateway: not running'),
      ),
    );
  }
  const node = isNode(arg) ? (arg as NodeLike) : undefined;
  const args = !node && arg && typeof arg === 'object' ? (arg as Record<string, unknown>) : undefined;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const provider = node ? nodeProvider(node) : str(args?.provider);
  const profileId = node?.profile?.id ?? str(args?.profileId);
  const agentId = node?.agentId ?? str(args?.agent) ?? defaultAgentId(ctx, ctx.store.current);
  if (!provider)
    throw new Error(t('Test Connection needs a provider or a profile: run it from a row of the OpenClaw view.'));
  return probeWithWarning(ctx, {
    provider,
    ...(profileId ? { profileId } : {}),
    agentId,
    automated: !!args,
    probe: (params, signal) => gateway.probe(params, signal),
  });
}

export interface ProbeRequest {
  provider: string;
  profileId?: string;
  agentId?: string;
  /** Automation (an arguments object): no warning, no notification; the result is returned. */
  automated: boolean;
  /** `models.probe` on the chosen gateway's connection. */
  probe(params: { provider: string; profileId?: string; agentId?: string }, signal: AbortSignal): Promise<ProbeResult>;
}

/**
 * The warning before a person's first probe (once, globalState), the probe with progress and Cancel, and the
 * result in one message. Cancelling stops waiting; the gateway may still finish.
 */
export async function probeWithWarning(ctx: CommandContext, request: ProbeRequest): Promise<ProbeResult> {
  const { provider, profileId, agentId } = request;
  const target = profileId ?? provider;
  if (!request.automated && !ctx.extension.globalState.get<boolean>(PROBE_WARNED)) {
    const test = t('Test');
    const answer = await showWarning(
      t(
        'Test Connection sends a real request to {0} through the gateway: it may cost tokens, and if it fails OpenClaw puts the profile into cooldown for a while.',
        plain(provider, 64),
      ),
      { modal: true },
      test,
    );
    if (answer !== test) throw new Cancelled();
    await ctx.extension.globalState.update(PROBE_WARNED, true);
  }

  const controller = new AbortController();
  const result = await vscode.window
    .withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: t('Testing {0} through the gateway…', plain(target, 200)),
        cancellable: true,
      },
      (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return request.probe(
          { provider, ...(profileId ? { profileId } : {}), ...(agentId ? { agentId } : {}) },
          controller.signal,
        );
      },
    )
    .then(
      (r) => r,
      (error: unknown) => {
        if (controller.signal.aborted) {
          void showInfo(
            t('Stopped waiting for Test Connection {0}; the gateway may still finish it.', plain(target, 200)),
          );
          throw new Cancelled();
        }
        throw error;
      },
    );
  const message = probeMessage(target, result);
  ctx.log.info(message);
  if (!request.automated) void (result.status === 'ok' ? showInfo(message) : showWarning(message));
  return result;
}
