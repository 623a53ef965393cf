// Test Connection's warning (a real request that may cost tokens; a failure puts the profile into cooldown) is shown
// once per gateway: the local one, and each remote by its id. Kept in globalState as the list of gateways warned
// about. No `vscode` import: the caller passes its globalState.

/** The local gateway, or a remote one by its id (`gw-…`, remoteGateways.ts). */
export type ProbeGateway = 'local' | `remote:${string}`;

/** What this needs of a `vscode.Memento`. */
export interface WarnedState {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const KEY = 'openclawAuth.probeWarnedGateways';
/** The one flag of earlier versions, for every gateway at once; it counts for the local gateway only. */
const LEGACY_KEY = 'openclawAuth.probeWarned';
/** Removed remotes drop their entry; this only bounds a list nobody cleans. */
const MAX = 200;

function warnedList(state: WarnedState): string[] {
  const list = state.get<unknown>(KEY);
  if (Array.isArray(list)) return list.filter((x): x is string => typeof x === 'string');
  return state.get<boolean>(LEGACY_KEY) === true ? ['local'] : [];
}

export function remoteProbeGateway(remoteId: string): ProbeGateway {
  return `remote:${remoteId}`;
}

/** Whether a person has already been warned before probing through this gateway. */
export function probeWarned(state: WarnedState, gateway: ProbeGateway): boolean {
  return warnedList(state).includes(gateway);
}

export async function markProbeWarned(state: WarnedState, gateway: ProbeGateway): Promise<void> {
  const list = warnedList(state).filter((g) => g !== gateway);
  await state.update(KEY, [...list, gateway].slice(-MAX));
}

/** A removed remote gateway: a gateway added again later warns again. */
export async function forgetProbeWarned(state: WarnedState, gateway: ProbeGateway): Promise<void> {
  const list = warnedList(state);
  if (list.includes(gateway))
    await state.update(
      KEY,
      list.filter((g) => g !== gateway),
    );
}
