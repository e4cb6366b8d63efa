/**
 * One frame script per frame. The background injects the frame script whenever a watched tab's
 * frames change (a resource found, a frame loaded or grown), into every frame it may reach; a copy
 * that finds a live one already there leaves at once, so nothing is heard twice and a copy that is
 * counting is never restarted. The mark lives in the script's own world (Chrome's isolated world,
 * Firefox's content-script sandbox), which the page's scripts cannot see; the background reads it
 * too before injecting (`probeFrame`, entrypoints/background/frames.ts).
 */

/** The `Symbol.for` key of the mark. */
export const FRAME_CLAIM_KEY = 'learnlog:frame-copy';

interface FrameClaim {
  /** Whether the copy that holds the frame still works (its extension not reloaded or removed). */
  alive(): boolean;
}

/**
 * Claims the frame for a new copy, unless a live copy holds it (then null). A copy left by an
 * extension since reloaded or updated is not alive, so the new one takes over. The returned
 * function sets how the claim's holder is known to be alive from then on.
 */
export function claimFrame(
  scriptGlobal: Record<symbol, unknown>,
  alive: () => boolean,
): ((alive: () => boolean) => void) | null {
  const key = Symbol.for(FRAME_CLAIM_KEY);
  const held = scriptGlobal[key] as FrameClaim | undefined;
  if (held?.alive()) return null;
  const claim: FrameClaim = { alive };
  scriptGlobal[key] = claim;
  return (next) => {
    claim.alive = next;
  };
}
