// Test Connection's warning once per gateway: the local one and each remote by its id, kept in globalState; the one
// flag of earlier versions counts for the local gateway only; a removed remote warns again when added back.

import * as assert from 'node:assert/strict';
import {
  forgetProbeWarned,
  markProbeWarned,
  probeWarned,
  remoteProbeGateway,
  type WarnedState,
} from '../../src/ui/probeWarnings';

function memento(initial: Record<string, unknown> = {}): WarnedState & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: <T>(key: string) => data[key] as T | undefined,
    update: (key: string, value: unknown) => {
      data[key] = value;
      return Promise.resolve();
    },
  };
}

describe('Test Connection warning: once per gateway', () => {
  it('warning through one gateway does not count for another', async () => {
    const state = memento();
    const a = remoteProbeGateway('gw-000000000001');
    const b = remoteProbeGateway('gw-000000000002');
    assert.equal(probeWarned(state, 'local'), false);
    await markProbeWarned(state, 'local');
    assert.equal(probeWarned(state, 'local'), true);
    assert.equal(probeWarned(state, a), false);
    await markProbeWarned(state, a);
    await markProbeWarned(state, a);
    assert.equal(probeWarned(state, a), true);
    assert.equal(probeWarned(state, b), false);
    assert.deepEqual(state.data['openclawAuth.probeWarnedGateways'], ['local', 'remote:gw-000000000001']);
  });

  it("the earlier single flag counts for the local gateway only, and survives the first remote's warning", async () => {
    const state = memento({ 'openclawAuth.probeWarned': true });
    const remote = remoteProbeGateway('gw-0000000000aa');
    assert.equal(probeWarned(state, 'local'), true);
    assert.equal(probeWarned(state, remote), false);
    await markProbeWarned(state, remote);
    assert.equal(probeWarned(state, 'local'), true);
    assert.equal(probeWarned(state, remote), true);
  });

  it('a removed remote gateway is forgotten; odd stored values are ignored', async () => {
    const remote = remoteProbeGateway('gw-0000000000bb');
    const state = memento({ 'openclawAuth.probeWarnedGateways': ['local', remote, 42] });
    await forgetProbeWarned(state, remote);
    assert.equal(probeWarned(state, remote), false);
    assert.equal(probeWarned(state, 'local'), true);
    assert.equal(probeWarned(memento({ 'openclawAuth.probeWarnedGateways': 'local' }), 'local'), false);
  });
});
