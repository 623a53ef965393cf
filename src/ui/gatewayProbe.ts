// Test Connection (`models.probe`) for a provider or profile row: a real request through the gateway, never run by
// itself, with a warning once per gateway (probeWarnings.ts), progress and Cancel. `probeWithWarning` is that flow
// for any gateway: the local one here, a remote one in commands/remoteWrites.ts.

import vscode = require('vscode');
import { t } from './l10n';
import type { ProbeResult } from '../openclaw/gateway/schemas';
import { plain } from '../openclaw/untrusted';
import { Cancelled, type CommandContext, type CommandTarget, defaultAgentId, findProfile } from './commands/context';
import { gatewayOf, gatewayWords } from './gateway';
import { probeMessage } from './gatewayWords';
import { showInfo, showWarning } from './messages';
import { markProbeWarned, probeWarned, type ProbeGateway } from './probeWarnings';

/**
 * `openclawAuth.testConnection`: `models.probe` for a provider row or one profile, with progress and Cancel.
 * Never runs by itself. A person is warned once per gateway (globalState) before the first probe through it;
 * automation (an arguments object) is not prompted and gets the result.
 */
export async function testConnectionCommand(ctx: CommandContext, target: CommandTarget): Promise<unknown> {
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
  const { providerId: provider, profileId } = target;
  const agentId = target.agentId ?? defaultAgentId(ctx, ctx.store.current);
  const profile = profileId ? findProfile(ctx.store.current, agentId, profileId) : undefined;
  if (!provider)
    throw new Error(t('Test Connection needs a provider or a profile: run it from a row of the OpenClaw view.'));
  return probeWithWarning(ctx, {
    provider,
    ...(profileId ? { profileId } : {}),
    agentId,
    gateway: 'local',
    automated: !!target.args,
    ...(profile?.cooldownUntil ? { resting: { until: profile.cooldownUntil, reason: profile.cooldownReason } } : {}),
    probe: (params, signal) => gateway.probe(params, signal),
  });
}

export interface ProbeRequest {
  provider: string;
  profileId?: string;
  agentId?: string;
  /** Which gateway the probe goes through: the warning is shown once for each. */
  gateway: ProbeGateway;
  /** Automation (an arguments object): no warning, no notification; the result is returned. */
  automated: boolean;
  /** The profile's cooldown as the stores say it: a probe of a resting profile sends nothing and answers `unknown`. */
  resting?: { until: number; reason?: string | undefined };
  /** `models.probe` on the chosen gateway's connection. */
  probe(params: { provider: string; profileId?: string; agentId?: string }, signal: AbortSignal): Promise<ProbeResult>;
}

/**
 * The warning before a person's first probe through a gateway (once per gateway, globalState), the probe with progress and Cancel, and the
 * result in one message. Cancelling stops waiting; the gateway may still finish.
 */
export async function probeWithWarning(ctx: CommandContext, request: ProbeRequest): Promise<ProbeResult> {
  const { provider, profileId, agentId } = request;
  const target = profileId ?? provider;
  const state = ctx.extension.globalState;
  if (!request.automated && !probeWarned(state, request.gateway)) {
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
    await markProbeWarned(state, request.gateway);
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
  const message = probeMessage(target, result, t, {
    now: Date.now(),
    ...(request.resting ? { resting: request.resting } : {}),
  });
  ctx.log.info(message);
  if (!request.automated) void (result.status === 'ok' ? showInfo(message) : showWarning(message));
  return result;
}
