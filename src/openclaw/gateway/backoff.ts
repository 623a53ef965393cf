// How soon a reader of `models.authStatus` asks again when an agent got no answer. Apart from connection.ts so the
// extension's main bundle can use it without the gateway client (which loads on demand, dist/gateway.js). No `vscode`.

/**
 * After a write the gateway reloads its config and prepares its model catalog again; until then `models.authStatus`
 * answers PREPARED_MODEL_AUTH_UNAVAILABLE. That lasted 11 s and more on a busy 2-core machine (a 2026.9.6 gateway
 * after `models.authLogout`), past the connection's own retries (connection.ts authStatus): a reader that got no
 * answer asks again after these waits (the last repeats) rather than at its next periodic read.
 */
export const UNANSWERED_BACKOFF_MS: readonly number[] = [2000, 4000, 8000, 15_000, 30_000];

/** The wait before read number `reads + 1` after `reads` reads in a row left an agent without an answer. */
export const unansweredWait = (reads: number, steps: readonly number[] = UNANSWERED_BACKOFF_MS): number =>
  steps[Math.min(reads, steps.length - 1)] ?? 30_000;
