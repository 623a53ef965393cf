// The coalescing the gateway fetch and the gateway pin reads share (src/openclaw/coalesce.ts).
import * as assert from 'node:assert/strict';
import { coalesced } from '../../src/openclaw/coalesce';

describe('coalesced runs', () => {
  it('a burst of calls during a run costs one more run, which starts after the burst', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const fetch = coalesced(
      () => {
        runs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      () => false,
    );
    const first = fetch();
    const burst = [fetch(), fetch(), fetch()];
    assert.equal(runs, 1);
    release();
    await new Promise((r) => setImmediate(r));
    assert.equal(runs, 2, 'one more run for the whole burst');
    release();
    await Promise.all([first, ...burst]);
    assert.equal(runs, 2);
    const later = fetch();
    assert.equal(runs, 3, 'a call after the runs ended starts a new one');
    release();
    await later;
  });

  it('no further run once stopped (disposed)', async () => {
    let runs = 0;
    let stopped = false;
    let release: () => void = () => undefined;
    const fetch = coalesced(
      () => {
        runs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      () => stopped,
    );
    const first = fetch();
    void fetch();
    stopped = true;
    release();
    await first;
    assert.equal(runs, 1);
  });
});
