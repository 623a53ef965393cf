// Session pins: "Re-pin to…" another stored profile of the same provider through the gateway (`sessions.patch`),
// else the chat command that does it, with Copy; "Clear Pin…" (two patches, gateway only) behind a modal
// confirmation, since OpenClaw has no clean unpin and the session's model changes on the way.

import vscode = require('vscode');
import { t } from '../l10n';
import { clearPinTwoStep, repinSession } from '../../openclaw/gateway/pins';
import { isValidId } from '../../openclaw/ids';
import { repinChatCommand, repinTargets } from '../../openclaw/pins';
import type { Agent, SessionPin, Snapshot } from '../../openclaw/types';
import { plain } from '../../openclaw/untrusted';
import { healthWords } from '../format';
import { gatewayOf } from '../gateway';
import { gatewayPinsOf } from '../gatewayPins';
import { showError, showInfo, showWarning } from '../messages';
import { pinStatusWords, sessionLabel } from '../pinWords';
import { Cancelled, type CommandContext, errorMessage } from './context';

type Handler = (arg?: unknown) => Promise<unknown>;

interface PinRef {
  agentId: string;
  pin: SessionPin;
}

/** A tree row `{ kind: 'pin', agentId, pin }`, an argument `{ agentId, sessionKey }`, or a pick of every pin. */
async function resolvePin(ctx: CommandContext, arg: unknown): Promise<PinRef | undefined> {
  const snapshot = ctx.store.current;
  const a = (arg ?? {}) as { agentId?: unknown; pin?: { sessionKey?: unknown }; sessionKey?: unknown };
  const key = typeof a.pin?.sessionKey === 'string' ? a.pin.sessionKey : a.sessionKey;
  if (typeof a.agentId === 'string' && typeof key === 'string') {
    const pin = snapshot?.agents.find((x) => x.id === a.agentId)?.pins?.find((p) => p.sessionKey === key);
    if (pin) return { agentId: a.agentId, pin };
  }
  const all = (snapshot?.agents ?? []).flatMap((agent) =>
    (agent.pins ?? []).map((pin) => ({ agentId: agent.id, pin })),
  );
  if (all.length === 0) {
    void showInfo(t('No session is pinned to a profile.'));
    return undefined;
  }
  // Failing sessions first.
  all.sort((x, y) => Number(y.pin.status === 'dangling') - Number(x.pin.status === 'dangling'));
  const picked = await vscode.window.showQuickPick(
    all.map((ref) => ({
      label: sessionLabel(ref.pin, ref.agentId),
      description: `${plain(ref.pin.profileId, 200)} · ${pinStatusWords(ref.pin.status, t)}`,
      detail: t('Agent {0}', plain(ref.agentId, 80)),
      ref,
    })),
    { title: t('Pinned sessions'), placeHolder: t('Pick a session') },
  );
  return picked?.ref;
}

function agentOf(snapshot: Snapshot | undefined, agentId: string): Agent | undefined {
  return snapshot?.agents.find((a) => a.id === agentId);
}

/** Shows the chat command that re-pins a session, with Copy (no gateway connection, or no model to patch with). */
async function offerChatCommand(ref: PinRef, profileId: string, why: string): Promise<void> {
  const command = repinChatCommand(ref.pin, profileId);
  const copy = t('Copy');
  const choice = await showInfo(
    t('{0} Type this in session {1} to re-pin it: {2}', why, sessionLabel(ref.pin, ref.agentId), command),
    copy,
  );
  if (choice === copy) await vscode.env.clipboard.writeText(command);
}

const CLEAR = Symbol('clear');

async function repinCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const ref = await resolvePin(ctx, arg);
  if (!ref) return undefined;
  const agent = agentOf(ctx.store.current, ref.agentId);
  const targets = agent ? repinTargets(ref.pin, agent.providers) : [];
  const gateway = gatewayOf(ctx.extension)?.sessions();
  const items: (vscode.QuickPickItem & { id: string | typeof CLEAR })[] = targets
    .filter((p) => isValidId('profile', p.id))
    .map((p) => ({ label: plain(p.id, 200), description: healthWords(p.health, t), id: p.id }));
  if (gateway) items.push({ label: t('Clear the pin (two steps)…'), id: CLEAR });
  if (items.length === 0) {
    void showWarning(
      t(
        'There is no other sign-in of {0} to re-pin session {1} to. Sign in first.',
        plain(ref.pin.provider ?? '?', 80),
        sessionLabel(ref.pin, ref.agentId),
      ),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Re-pin session {0}', sessionLabel(ref.pin, ref.agentId)),
    // OpenClaw offers no clean unpin: moving to another profile is the supported fix.
    placeHolder: t(
      'Pick another sign-in of {0}. OpenClaw has no way to simply unpin a session.',
      plain(ref.pin.provider ?? '?', 80),
    ),
  });
  if (!picked) return undefined;
  if (picked.id === CLEAR) return clearCommand(ctx, ref);
  const profileId = picked.id;
  if (!gateway) return offerChatCommand(ref, profileId, t('OpenClaw’s gateway is not connected.'));
  const { provider, model } = ref.pin;
  if (!provider || !model)
    return offerChatCommand(
      ref,
      profileId,
      t('The session’s model is not recorded, so it cannot be re-pinned from here.'),
    );
  try {
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: t('Re-pinning session {0}…', sessionLabel(ref.pin, ref.agentId)),
      },
      () =>
        repinSession(gateway, {
          sessionKey: ref.pin.sessionKey,
          provider,
          model,
          profileId,
        }),
    );
  } catch (error) {
    void showError(t('Re-pinning failed: {0}', errorMessage(error)));
    return undefined;
  }
  await refreshPins(ctx, 'repin');
  void showInfo(t('Session {0} now uses {1}.', sessionLabel(ref.pin, ref.agentId), plain(profileId, 200)));
  return profileId;
}

async function clearCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const ref = isPinRef(arg) ? arg : await resolvePin(ctx, arg);
  if (!ref) return undefined;
  const gateway = gatewayOf(ctx.extension)?.sessions();
  if (!gateway) {
    void showWarning(t('Clearing a pin needs OpenClaw’s gateway to be connected.'));
    return undefined;
  }
  const other = await vscode.window.showInputBox({
    title: t('Clear the pin of session {0}', sessionLabel(ref.pin, ref.agentId)),
    prompt: t(
      'A model of another provider to switch through, as provider/model (e.g. openrouter/anthropic/claude-opus-4.5)',
    ),
    validateInput: (v) => {
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})\/[A-Za-z0-9][A-Za-z0-9._:/+-]{0,199}$/.exec(v.trim());
      if (!m?.[1]) return t('Write provider/model.');
      return m[1].toLowerCase() === ref.pin.provider
        ? t('Pick a provider other than {0}.', plain(ref.pin.provider, 80))
        : undefined;
    },
  });
  if (!other) throw new Cancelled();
  const confirm = t('Clear Pin');
  const choice = await showWarning(
    t('Clear the pin of session {0}?', sessionLabel(ref.pin, ref.agentId)),
    {
      modal: true,
      detail: t(
        'OpenClaw has no clean way to unpin a session. This takes two changes: the session is switched to {0}, which drops the pin, then back to the agent’s default model. The session’s model changes on the way, and if the default model cannot run, the session stays on {0}.',
        other.trim(),
      ),
    },
    confirm,
  );
  if (choice !== confirm) return undefined;
  try {
    const { backToDefault } = await clearPinTwoStep(gateway, ref.pin.sessionKey, other.trim());
    await refreshPins(ctx, 'unpin');
    void showInfo(
      backToDefault
        ? t('Session {0} is no longer pinned and uses the agent’s default model.', sessionLabel(ref.pin, ref.agentId))
        : t(
            'Session {0} is no longer pinned; it stays on {1} (the default model was refused).',
            sessionLabel(ref.pin, ref.agentId),
            other.trim(),
          ),
    );
    return backToDefault;
  } catch (error) {
    void showError(t('Clearing the pin failed: {0}', errorMessage(error)));
    return undefined;
  }
}

/** After a change through the gateway: its pins read again (they feed the snapshot while connected), else the stores. */
async function refreshPins(ctx: CommandContext, reason: string): Promise<void> {
  const pins = gatewayPinsOf(ctx.extension);
  await (pins ? pins.refetch() : ctx.store.refresh(reason));
}

function isPinRef(v: unknown): v is PinRef {
  return (
    !!v &&
    typeof v === 'object' &&
    typeof (v as PinRef).agentId === 'string' &&
    typeof (v as PinRef).pin?.sessionKey === 'string' &&
    typeof (v as PinRef).pin?.status === 'string' &&
    !('kind' in v)
  );
}

async function copyCommand(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const ref = await resolvePin(ctx, arg);
  if (!ref) return undefined;
  const agent = agentOf(ctx.store.current, ref.agentId);
  const [first] = agent ? repinTargets(ref.pin, agent.providers) : [];
  const command = repinChatCommand(ref.pin, first?.id ?? ref.pin.profileId);
  await vscode.env.clipboard.writeText(command);
  void showInfo(t('Copied: {0}', command));
  return command;
}

/** The command table's entries for this file (spread into `src/ui/commands/index.ts`). */
export const pinCommands: Record<string, (ctx: CommandContext) => Handler> = {
  'openclawAuth.repinSession': (ctx) => (arg) => repinCommand(ctx, arg),
  'openclawAuth.clearSessionPin': (ctx) => (arg) => clearCommand(ctx, arg),
  'openclawAuth.copyRepinCommand': (ctx) => (arg) => copyCommand(ctx, arg),
};

export { offerChatCommand };
