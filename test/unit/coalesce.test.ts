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

  it('a call made by code the last run woke, however many ticks later, gets a run of its own', async () => {
    // A run's result reaches a listener that asks again soon after (a test waiting for the first answer, a view that
    // reacts): that call must not join the run that is just ending and be lost, whichever tick it lands in.
    for (let hops = 0; hops < 8; hops++) {
      let runs = 0;
      let woke: () => void = () => undefined;
      const answered = new Promise<void>((resolve) => (woke = resolve));
      const fetch = coalesced(
        async () => {
          runs++;
          await Promise.resolve();
          if (runs === 1) woke();
        },
        () => false,
      );
      void fetch();
      await answered;
      for (let i = 0; i < hops; i++) await Promise.resolve();
      await fetch();
      assert.equal(runs, 2, `the second call ran (${hops} ticks after the first answer)`);
    }
  });
});
