/**
 * The time accountant: decides how much attentive time has passed. Pure — the clock and the
 * attention signals are injected, so every rule is unit-tested without a browser (issue #2, #4).
 *
 * Rules:
 * - time counts only while every condition holds (the tab is visible and its window focused);
 * - the clock must be monotonic (performance.now()), so changing the system time changes nothing;
 * - each accounting step is capped: a gap longer than `maxStepMs` between two looks at the
 *   clock (system sleep, a frozen tab) adds at most `maxStepMs`, never the whole gap.
 */

export interface AttentionState {
  visible: boolean;
  focused: boolean;
}

export interface AccountantOptions {
  /** Monotonic milliseconds. */
  now: () => number;
  /** The most one step between two looks at the clock may add. */
  maxStepMs: number;
  initial: AttentionState;
}

export interface TimeAccountant {
  /** Accrues time under the old state, then applies the change. */
  update(change: Partial<AttentionState>): void;
  /** Accrues time so far and returns the counted milliseconds not yet taken, resetting them. */
  take(): number;
  /** Counted milliseconds not yet taken, including the current stretch. */
  peek(): number;
  isCounting(): boolean;
  state(): Readonly<AttentionState>;
}

export function isAttentive(state: AttentionState): boolean {
  return state.visible && state.focused;
}

export function createTimeAccountant(options: AccountantOptions): TimeAccountant {
  const { now, maxStepMs } = options;
  let state: AttentionState = { ...options.initial };
  let lastLook = now();
  let pendingMs = 0;

  function accrue(): void {
    const current = now();
    const step = current - lastLook;
    lastLook = current;
    // A clock that ran backwards or stood still adds nothing.
    if (step > 0 && isAttentive(state)) pendingMs += Math.min(step, maxStepMs);
  }

  return {
    update(change) {
      accrue();
      state = { ...state, ...change };
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
    isCounting: () => isAttentive(state),
    state: () => ({ ...state }),
  };
}
