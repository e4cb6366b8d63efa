/**
 * The stretches of wall time already counted for one resource, by the tab that counted them, so
 * that no moment counts twice. A tab's own stretches follow each other, so its next one counts
 * only after the end of its last. Another tab's stretch counts except where it overlaps: a
 * closing window's last stretch, written after the other tab's later report, ended before that
 * report began and is not the same time (a single "counted until" mark for all tabs dropped it).
 */
export interface CountedStretch {
  /** The tab that counted it; `NO_TAB` for what a single mark of an older version covered. */
  tabId: number;
  from: number;
  to: number;
}

/** Other tabs' stretches closer than this are one: the give of a report's arrival. */
export const JOIN_GAP_MS = 1_000;
/** Stands for every tab: the stretch an older version's "counted until" mark covered. */
export const NO_TAB = -1;
/** The latest stretches kept besides each tab's own latest: enough for the tabs of one sitting. */
export const KEPT_STRETCHES = 12;
/**
 * A stretch is reported as it ends (a report holds at most a minute, a closing tab's promise
 * less), so older stretches can no longer meet a new one.
 */
export const STRETCH_MEMORY_MS = 10 * 60_000;

/**
 * How much of `[from, to]`, counted by `tabId`, is new: after the tab's own last stretch and
 * outside the other tabs'. Without a tab (`undefined`), every stretch is taken as its own.
 */
export function newlyCountedMs(
  stretches: readonly CountedStretch[],
  tabId: number | undefined,
  from: number,
  to: number,
): number {
  const own = (stretch: CountedStretch) => tabId === undefined || stretch.tabId === tabId;
  let start = from;
  for (const stretch of stretches) if (own(stretch)) start = Math.max(start, stretch.to);
  if (start >= to) return 0;
  let covered = 0;
  let cursor = start;
  for (const stretch of othersJoined(stretches.filter((stretch) => !own(stretch)))) {
    const overlapFrom = Math.max(stretch.from, cursor);
    const overlapTo = Math.min(stretch.to, to);
    if (overlapTo > overlapFrom) {
      covered += overlapTo - overlapFrom;
      cursor = overlapTo;
    }
  }
  return to - start - covered;
}

/**
 * Other tabs' stretches in order, those less than `JOIN_GAP_MS` apart joined: a tab reporting
 * as it counts leaves such gaps only because its reports arrive a little late or early, and a
 * second tab counting the same moments must not fill them.
 */
function othersJoined(others: readonly CountedStretch[]): CountedStretch[] {
  const joined: CountedStretch[] = [];
  for (const stretch of [...others].sort((a, b) => a.from - b.from)) {
    const last = joined.at(-1);
    if (last && stretch.from - last.to < JOIN_GAP_MS) last.to = Math.max(last.to, stretch.to);
    else joined.push({ ...stretch });
  }
  return joined;
}

/**
 * `stretches` with `added`, less those too old to meet a new one: the latest few, and each tab's
 * latest whatever the others wrote since (its next stretch counts from that one's end).
 */
export function keepStretch(
  stretches: readonly CountedStretch[],
  added: CountedStretch,
  now: number,
): CountedStretch[] {
  const fresh = [...stretches, added]
    .filter((stretch) => stretch.to >= now - STRETCH_MEMORY_MS)
    .sort((a, b) => a.to - b.to);
  const kept = new Set(fresh.slice(-KEPT_STRETCHES));
  const latestOfTab = new Map<number, CountedStretch>();
  for (const stretch of fresh) latestOfTab.set(stretch.tabId, stretch);
  for (const stretch of latestOfTab.values()) kept.add(stretch);
  return fresh.filter((stretch) => kept.has(stretch));
}
