import { z } from 'zod';

/**
 * How sync is going, kept in `storage.local` by the background (its only writer) so
 * it survives the service worker stopping, and shown by the settings page, the popup and the
 * log. Holds no credentials.
 */

export const SYNC_STATUS_KEY = 'syncStatus';

export const SyncStatusSchema = z.object({
  state: z.enum(['off', 'idle', 'syncing', 'retrying', 'stopped']),
  /** Why it is retrying or stopped, in plain words. */
  message: z.string().max(1000).optional(),
  /** Which server this status is about (`targetKeyOf`). */
  targetKey: z.string().max(3000).optional(),
  /** Failed attempts in a row, for the backoff. */
  failures: z.number().int().nonnegative(),
  nextAttemptAt: z.number().optional(),
  lastSyncedAt: z.number().optional(),
  /** Where the last pull of changes from the server stopped (Learnlog API only). */
  pullCursor: z.string().max(200).optional(),
  /** Stopped until the sign-in details change: a fingerprint of the ones that failed. */
  stoppedFor: z.string().max(200).optional(),
  /** A pull the server answered with data Learnlog could not read. */
  pullProblem: z.string().max(1000).optional(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const OFF_STATUS: SyncStatus = { state: 'off', failures: 0 };

export function readSyncStatus(stored: unknown): SyncStatus {
  const parsed = SyncStatusSchema.safeParse(stored);
  return parsed.success ? parsed.data : OFF_STATUS;
}

/**
 * Exponential backoff with "equal jitter": the wait doubles with each failure in a row up to
 * `maxMs`, and half of it is random, so many learners' browsers do not retry in step after an
 * outage. https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  { baseMs, maxMs }: { baseMs: number; maxMs: number },
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
