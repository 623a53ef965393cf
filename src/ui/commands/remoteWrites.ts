// Set Order, Clear Order, Remove and Test Connection on a remote gateway's rows: the same commands as for this
// machine, routed here when the CommandTarget names a remote (`remoteId`). A remote's changes go only through its
// gateway (`models.authOrderSet`, `models.authLogout`, `models.probe`; all operator.admin, which pairing asked for,
// remote.ts REMOTE_SCOPES): its files are on another machine, so there is no CLI to fall back to. Each write is
// confirmed in that agent's `models.authStatus` (gateway/writes.ts), then every agent is read again for the tree.

import vscode = require('vscode');
import { isValidId } from '../../openclaw/ids';
import type { RemoteGatewaySession, RemoteView } from '../../openclaw/gateway/remoteSession';
import type { AuthStatusProvider, ProbeResult } from '../../openclaw/gateway/schemas';
import type { CliReason } from '../../openclaw/gateway/writes';
import { plain } from '../../openclaw/untrusted';
import { probeWithWarning } from '../gatewayProbe';
import { remoteProbeGateway } from '../probeWarnings';
import { t } from '../l10n';
import { showInfo, showWarning } from '../messages';
import { remoteGatewaysOf } from '../remoteGateways';
import { Cancelled, type CommandContext, type CommandTarget } from './context';
import { planWrite, type WriteRequest } from './gatewayWrites';
import { originOf, withOperation } from './progress';

type Handler = (arg: unknown, target: CommandTarget) => Promise<unknown>;
type RemoteHandler = (ctx: CommandContext, arg: unknown, target: CommandTarget, remote: Remote) => Promise<unknown>;

interface Remote {
  id: string;
  session: RemoteGatewaySession;
  /** The gateway's label or URL, ready to show. */
  name: string;
  agentId: string;
}

/** The remote a target names, connected, with the agent to act for (the row's, else the gateway's default). */
function remoteOf(ctx: CommandContext, target: CommandTarget): Remote {
  const id = target.remoteId ?? '';
  const session = remoteGatewaysOf(ctx.extension)?.session(id);
  if (!session) throw new Error(t('No remote gateway has been added.'));
  const view: RemoteView = session.view;
  const name = plain(view.label ?? view.url, 200);
  if (view.status !== 'connected')
    throw new Error(t('{0} is not connected: changes to a remote gateway go only through it.', name));
  const agents = view.agents ?? [];
  const agentId = target.agentId ?? (agents.find((a) => a.isDefault) ?? agents[0])?.id;
  if (!agentId || !isValidId('agent', agentId) || !agents.some((a) => a.id === agentId))
    throw new Error(t('{0} did not list agent {1}; refresh and try again.', name, plain(agentId ?? '—', 64)));
  return { id, session, name, agentId };
}

/** Why a remote write could not go through its gateway, in the person's words. */
function refusal(reason: CliReason, code: string | undefined, remote: Remote, subject: string): string {
  switch (reason) {
    case 'subset':
      return t('A gateway sets an order only with every profile of {0}, each once.', subject);
    case 'locked':
      return t('The order of {0} is set in the config on the gateway host; change it there.', subject);
    case 'not-removable':
      return t(
        '{0} cannot be removed through the gateway (an outside login or a key reference): remove it on the gateway host.',
        subject,
      );
    case 'unknown-to-gateway':
      return t('{0} did not list {1} for agent {2}; refresh and try again.', remote.name, subject, remote.agentId);
    default:
      return t('{0} refused the change ({1}).', remote.name, plain(code ?? '?', 64));
  }
}

async function write(
  ctx: CommandContext,
  arg: unknown,
  target: CommandTarget,
  remote: Remote,
  change: { request: WriteRequest; subject: string; title: string; done: string },
): Promise<unknown> {
  const plan = planWrite(change.request);
  if (!plan) throw new Error(refusal('subset', undefined, remote, change.subject));
  const outcome = await withOperation(originOf(arg), change.title, undefined, () => {
    const writer = remote.session.writer(remote.agentId);
    if (!writer)
      throw new Error(t('{0} is not connected: changes to a remote gateway go only through it.', remote.name));
    return plan.run(writer);
  });
  if (outcome.route === 'cli') throw new Error(refusal(outcome.reason, outcome.code, remote, change.subject));
  ctx.log.info(
    `remote gateway ${remote.id}: ${plan.method} for agent ${remote.agentId} in ${outcome.ms} ms (confirmed in authStatus: ${outcome.confirmed})`,
  );
  if (outcome.warning) ctx.log.warn(`remote gateway ${remote.id}: ${plain(outcome.warning, 300)}`);
  // Its rows show the change now, not at the next periodic read (once more shortly if it is not confirmed yet).
  const remotes = remoteGatewaysOf(ctx.extension);
  await (remotes ? remotes.refresh(remote.id, !outcome.confirmed) : remote.session.fetch());
  if (!target.args) {
    if (outcome.confirmed) void showInfo(t('On {0}: {1}', remote.name, change.done));
    else void showWarning(t('{0} took the change, but its auth status does not show it yet.', remote.name));
  }
  return { remoteId: remote.id, agent: remote.agentId, confirmed: outcome.confirmed, ms: outcome.ms };
}

/** Every profile of the provider, one pick at a time (a gateway takes only a full order: it refuses a subset). */
async function promptFullOrder(provider: AuthStatusProvider, agentId: string, name: string): Promise<string[]> {
  const order = provider.profileOrder ?? [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  let left = provider.profiles.map((p) => p.profileId).sort((a, b) => rank(a) - rank(b));
  const total = left.length;
  const chosen: string[] = [];
  while (left.length > 1) {
    const picked = await vscode.window.showQuickPick(
      left.map((id) => {
        const p = provider.profiles.find((x) => x.profileId === id);
        return { label: plain(id, 200), description: plain(`${p?.type ?? ''} · ${p?.status ?? ''}`, 100), id };
      }),
      {
        title: `${t('Order for {0} (agent {1})', plain(provider.provider, 64), agentId)} · ${name}`,
        placeHolder: t('Profile {0} of {1}: which should OpenClaw try next?', chosen.length + 1, total),
      },
    );
    if (!picked) throw new Cancelled();
    chosen.push(picked.id);
    left = left.filter((id) => id !== picked.id);
  }
  return [...chosen, ...left];
}

const knownProvider = (remote: Remote, providerId: string) =>
  remote.session
    .writer(remote.agentId)
    ?.known?.providers.find((p) => p.provider.toLowerCase() === providerId.toLowerCase());

const setOrder: RemoteHandler = async (ctx, arg, target, remote) => {
  const provider = target.providerId;
  if (!provider) throw new Error(t('Name a provider for the order.'));
  let profileIds: string[];
  if (Array.isArray(target.args?.profileIds)) profileIds = target.args.profileIds.map(String);
  else {
    const known = knownProvider(remote, provider);
    if (!known?.profiles.length) throw new Error(refusal('unknown-to-gateway', undefined, remote, plain(provider, 64)));
    profileIds = await promptFullOrder(known, remote.agentId, remote.name);
  }
  return write(ctx, arg, target, remote, {
    request: { kind: 'setOrder', agentId: remote.agentId, provider, profileIds },
    subject: plain(provider, 64),
    title: t('Saving the order for {0}…', plain(provider, 64)),
    done: t('Order for {0} (agent {1}): {2}', plain(provider, 64), remote.agentId, plain(profileIds.join(' → '), 500)),
  });
};

const clearOrder: RemoteHandler = (ctx, arg, target, remote) => {
  const provider = target.providerId;
  if (!provider) throw new Error(t('Name a provider for the order.'));
  return write(ctx, arg, target, remote, {
    request: { kind: 'clearOrder', agentId: remote.agentId, provider },
    subject: plain(provider, 64),
    title: t('Clearing the stored order for {0}…', plain(provider, 64)),
    done: t(
      'Cleared the stored order for {0} (agent {1}); OpenClaw now uses the config order or selects automatically.',
      plain(provider, 64),
      remote.agentId,
    ),
  });
};

const removeProfile: RemoteHandler = async (ctx, arg, target, remote) => {
  const profileId = target.profileId;
  if (!profileId) throw new Error(t('Remove which profile?'));
  const shown = plain(profileId, 200);
  if (!target.args) {
    const remove = t('Remove');
    const answer = await showWarning(
      t('Remove auth profile {0} on {1}? The gateway deletes the credential there.', shown, remote.name),
      { modal: true },
      remove,
    );
    if (answer !== remove) throw new Cancelled();
  }
  return write(ctx, arg, target, remote, {
    request: { kind: 'removeProfile', agentId: remote.agentId, profileId },
    subject: shown,
    title: t('Removing {0}…', shown),
    done: t('Removed {0} (agent {1}).', shown, remote.agentId),
  });
};

const testConnection: RemoteHandler = async (ctx, _arg, target, remote): Promise<ProbeResult> => {
  const provider = target.providerId;
  if (!provider)
    throw new Error(t('Test Connection needs a provider or a profile: run it from a row of the OpenClaw view.'));
  const result = await probeWithWarning(ctx, {
    provider,
    ...(target.profileId ? { profileId: target.profileId } : {}),
    agentId: remote.agentId,
    gateway: remoteProbeGateway(remote.id),
    automated: !!target.args,
    probe: (params, signal) => remote.session.probe(params, signal),
  });
  // A failed probe puts the profile into cooldown on that gateway: read its status again for the tree.
  await remote.session.fetch();
  return result;
};

const REMOTE = { setOrder, clearOrder, removeProfile, testConnection } as const;

/** The command's local handler, or its remote one when the target names a remote gateway's row. */
export function viaRemote(ctx: CommandContext, command: keyof typeof REMOTE, local: Handler): Handler {
  return (arg, target) =>
    target.remoteId !== undefined ? REMOTE[command](ctx, arg, target, remoteOf(ctx, target)) : local(arg, target);
}
