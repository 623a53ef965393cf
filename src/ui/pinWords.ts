// Words for session pins (tree rows, tooltips, notifications, commands). No `vscode` import: the caller passes its
// `t`, so the words are unit-tested in both languages. Session keys and profile ids come from stores: through plain().

import type { PinSource, PinStatus, SessionPin, Snapshot } from '../openclaw/types';
import { plain } from '../openclaw/untrusted';
import type { Translate } from './format';

export function pinStatusWords(status: PinStatus, t: Translate): string {
  switch (status) {
    case 'dangling':
      return t('profile removed — the session will fail');
    case 'expired':
      return t('pinned to an expired profile');
    case 'cooldown':
      return t('pinned to a cooling-down profile');
    case 'disabled':
      return t('pinned to a disabled profile');
    case 'ok':
      return t('pinned');
  }
}

export function pinSourceWords(source: PinSource, t: Translate): string {
  switch (source) {
    case 'user':
      return t('set by a person (/model …@profile)');
    case 'auto':
      return t('chosen by OpenClaw');
    case 'user-link':
      return t('linked to a person’s account');
  }
}

/** Which source answered for the pins (Snapshot.pinsFrom), for the tooltips: the gateway is the runtime view. */
export function pinsFromWords(from: Snapshot['pinsFrom'], t: Translate): string {
  return from === 'gateway'
    ? t('Read from the running gateway (sessions.list and chat.metadata).')
    : t('Read from the agent’s session store (read-only): no gateway is connected, or it could not answer.');
}

/** A session key shortened for a row label: `agent:main:` is implied by the agent the row sits under. */
export function sessionLabel(pin: Pick<SessionPin, 'sessionKey'>, agentId: string): string {
  const prefix = `agent:${agentId}:`;
  const key = pin.sessionKey.startsWith(prefix) ? pin.sessionKey.slice(prefix.length) : pin.sessionKey;
  return plain(key, 120);
}

export interface DanglingPin {
  agentId: string;
  pin: SessionPin;
}

/** Every dangling pin in the snapshot, agent by agent (the status bar counts them, one notification each). */
export function danglingPins(snapshot: Snapshot | undefined): DanglingPin[] {
  return (snapshot?.agents ?? []).flatMap((a) =>
    (a.pins ?? []).filter((p) => p.status === 'dangling').map((pin) => ({ agentId: a.id, pin })),
  );
}

/** Pins that make a session fail or stall (everything but `ok`). */
export function troubledPins(snapshot: Snapshot | undefined): number {
  return (snapshot?.agents ?? []).reduce((n, a) => n + (a.pins ?? []).filter((p) => p.status !== 'ok').length, 0);
}

/** "1 session pinned to a removed profile" for the status bar summary; undefined when none. */
export function danglingSummary(snapshot: Snapshot | undefined, t: Translate): string | undefined {
  const n = danglingPins(snapshot).length;
  if (n === 0) return undefined;
  return n === 1 ? t('1 session pinned to a removed profile') : t('{0} sessions pinned to a removed profile', n);
}

/** The notification key of one dangling pin: a new pin (or the same session pinned again) speaks up again. */
export const danglingKey = (d: DanglingPin): string => `${d.agentId}|${d.pin.sessionKey}|${d.pin.profileId}`;
