/**
 * How far a learner has got with a resource: the one rule for "time left" and "ready to
 * record", used by the toolbar badge, the background (to notify once), the popup and the
 * reading script (to report the moment the time is reached). Pure, and free of zod, so the
 * reading script can bundle it.
 */

export interface ResourceTime {
  /** Attentive time spent on the resource. */
  spentMs: number;
  /** The time required before recording: the duration × the learner's percentage. */
  requiredMs: number;
}

export interface Readiness {
  /** Time still to spend; 0 once ready. */
  remainingMs: number;
  /** The required time has been spent: the learner can record it. */
  ready: boolean;
  /** Whole percent of the required time spent, 0–100. */
  percent: number;
}

export function readinessOf({ spentMs, requiredMs }: ResourceTime): Readiness {
  const remainingMs = Math.max(0, requiredMs - spentMs);
  return {
    remainingMs,
    ready: remainingMs === 0,
    percent: requiredMs > 0 ? Math.min(100, Math.floor((spentMs / requiredMs) * 100)) : 100,
  };
}

/** Adding `addedMs` took the resource from not ready to ready (the moment to tell the learner). */
export function becameReady(after: ResourceTime, addedMs: number): boolean {
  return (
    readinessOf(after).ready &&
    !readinessOf({ spentMs: after.spentMs - addedMs, requiredMs: after.requiredMs }).ready
  );
}
