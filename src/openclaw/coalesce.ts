// One run at a time, and exactly one more when asked while a run is under way: a burst of triggers (snapshots,
// reconnects) costs at most two runs, and the last run starts after the last trigger.

export function coalesced(run: () => Promise<void>, stopped: () => boolean): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again && !stopped());
      } finally {
        // Here, not in a `.finally()` on the promise: that runs a tick later, and a call made in between (by code the
        // last run woke) would join a run that has already ended and be lost.
        running = undefined;
      }
    })();
    return running;
  };
}
