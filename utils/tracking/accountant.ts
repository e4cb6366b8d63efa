/**
 * The time accountant: decides how much attentive time has passed. Pure — the clock and the
 * attention signals are injected, so every rule is unit-tested without a browser.
 *
 * Time counts only while all of these hold:
 * - the tab is visible, and
 * - its window is focused, and
 * - the reader is present: a trusted input (key, pointer, wheel, touch) within the idle threshold,
 *   or the page's media playing audibly — but media stands in for a reader only so long after
 *   their last input: three times the media's length, and two hours at most (`mediaPresenceMs`),
 *   so a page that loops a file after the reader's first click cannot keep the clock running.
 *
 * The clock must be monotonic (performance.now()), so changing the system time changes nothing,
 * and each accounting step is capped: a gap longer than `maxStepMs` between two looks at the
 * clock (system sleep, a frozen tab) adds at most `maxStepMs`. Presence needs no timer: the idle
 * deadline is applied exactly when time is accrued.
 */

export interface AttentionState {
  visible: boolean;
  focused: boolean;
  /** The page's media is playing audibly. */
  mediaPlaying: boolean;
  /** The length of the longest such media (ms; Infinity for a live stream; 0 when none). */
  mediaLengthMs: number;
}

/** With no input at all, media stands in for the reader for at most this long. */
export const MAX_MEDIA_PRESENCE_MS = 2 * 60 * 60_000;

/**
 * How long after the reader's last input playing media still says they are there: three times
 * its length (time to rewind, replay a part, pause to take notes and go on), never more than
 * two hours.
 */
export function mediaPresenceMs(mediaLengthMs: number): number {
  return Math.min(MAX_MEDIA_PRESENCE_MS, 3 * mediaLengthMs);
}

export interface AccountantOptions {
  /** Monotonic milliseconds. */
  now: () => number;
  /** The most one step between two looks at the clock may add. */
  maxStepMs: number;
  /** How long after the last input the reader still counts as present. */
  idleMs: number;
  initial: AttentionState;
  /**
   * When the reader last gave input (monotonic ms). Defaults to now: arriving on a page is the
   * reader's own act. A new session on the same page (single-page navigation) passes the page's
   * real last input, so a page that navigates itself cannot renew presence.
   */
  lastInputAt?: number;
}

export interface TimeAccountant {
  /** Accrues time under the old state, then applies the change. */
  update(change: Partial<AttentionState>): void;
  /**
   * A trusted input event: the reader is present now, or was at `at` (monotonic ms, never later
   * than now) when the input was heard elsewhere first (a frame of the page, a moment ago).
   */
  input(at?: number): void;
  setIdleMs(idleMs: number): void;
  /** Accrues time so far and returns the counted milliseconds not yet taken, resetting them. */
  take(): number;
  /** Counted milliseconds not yet taken, including the current stretch. */
  peek(): number;
  isCounting(): boolean;
  /** Milliseconds until the reader counts as idle (Infinity while not counting). */
  msUntilIdle(): number;
  state(): Readonly<AttentionState>;
}

export function createTimeAccountant(options: AccountantOptions): TimeAccountant {
  const { now, maxStepMs } = options;
  let idleMs = options.idleMs;
  let state: AttentionState = { ...options.initial };
  let lastLook = now();
  let lastInput = options.lastInputAt ?? lastLook;
  let pendingMs = 0;

  const presentUntil = () =>
    lastInput + Math.max(idleMs, state.mediaPlaying ? mediaPresenceMs(state.mediaLengthMs) : 0);

  function accrue(): void {
    const current = now();
    const from = lastLook;
    lastLook = current;
    if (current <= from || !state.visible || !state.focused) return;
    const attentiveEnd = Math.min(current, presentUntil());
    if (attentiveEnd <= from) return;
    pendingMs += Math.min(attentiveEnd - from, maxStepMs);
  }

  return {
    update(change) {
      accrue();
      state = { ...state, ...change };
    },
    input(at) {
      accrue();
      lastInput = Math.max(lastInput, at === undefined ? lastLook : Math.min(at, lastLook));
    },
    setIdleMs(value) {
      accrue();
      idleMs = value;
    },
    take() {
      accrue();
      const taken = Math.floor(pendingMs);
      pendingMs -= taken;
      return taken;
    },
    peek() {
      accrue();
      return Math.floor(pendingMs);
    },
    isCounting: () => state.visible && state.focused && now() < presentUntil(),
    msUntilIdle() {
      if (!state.visible || !state.focused) return Infinity;
      return Math.max(0, presentUntil() - now());
    },
    state: () => ({ ...state }),
  };
}
