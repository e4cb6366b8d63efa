/**
 * What a learner is told when the browser refuses a write to Learnlog's storage (a full disk
 * or quota, a database closed by the browser, a storage error): a plain sentence that says what
 * did not happen and that nothing was half-done, instead of a button that seems to do nothing.
 * Every write is one transaction (IndexedDB) or one `set` (storage), so a refused write changed
 * nothing.
 */

/**
 * A change Learnlog's own rules refuse before anything is written (a list that is full): its
 * message is already the plain sentence the learner is shown.
 */
export class RefusedChange extends Error {
  override name = 'RefusedChange';
}

export type WriteOutcome = { ok: true } | { ok: false; text: string };

export function refusedWrite(what: string): string {
  return `Learnlog could not ${what}: your browser did not let it save the change (the disk may be full, or the browser is closing). Nothing was changed; please try again.`;
}

/**
 * Runs a write; a refusal becomes `refusedWrite(what)` (or a `RefusedChange`'s own sentence),
 * never an unseen rejected promise.
 */
export async function attemptWrite(
  what: string,
  write: () => Promise<unknown>,
): Promise<WriteOutcome> {
  try {
    await write();
    return { ok: true };
  } catch (error) {
    if (error instanceof RefusedChange) return { ok: false, text: error.message };
    console.error(`Learnlog could not ${what}`, error);
    return { ok: false, text: refusedWrite(what) };
  }
}
