import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTimeAccountant,
  MAX_MEDIA_PRESENCE_MS,
  mediaPresenceMs,
  type AttentionState,
} from '@/utils/tracking/accountant';

const ATTENTIVE: AttentionState = {
  visible: true,
  focused: true,
  mediaPlaying: false,
  mediaLengthMs: 0,
};
/** A half-hour video playing with sound. */
const VIDEO = { mediaPlaying: true, mediaLengthMs: 30 * 60_000 };

function setup(
  initial: Partial<AttentionState> = {},
  { maxStepMs = 10_000, idleMs = 60_000 } = {},
) {
  let time = 1_000;
  const accountant = createTimeAccountant({
    now: () => time,
    maxStepMs,
    idleMs,
    initial: { ...ATTENTIVE, ...initial },
  });
  return {
    accountant,
    /** Moves the clock on, looking at it at least every `maxStepMs` (as the reporter does). */
    advance(ms: number, step = 5_000) {
      for (let left = ms; left > 0; left -= step) {
        time += Math.min(step, left);
        accountant.peek();
      }
    },
    jump(ms: number) {
      time += ms;
    },
  };
}

describe('time accountant', () => {
  it('counts while the tab is visible, its window focused and the reader present', () => {
    const { accountant, advance } = setup();
    advance(4_000);
    expect(accountant.take()).toBe(4_000);
    advance(1_500);
    expect(accountant.take()).toBe(1_500);
  });

  it('pauses while hidden (another tab in front) and resumes on return', () => {
    const { accountant, advance } = setup();
    advance(2_000);
    accountant.update({ visible: false });
    advance(60_000);
    accountant.update({ visible: true });
    accountant.input();
    advance(3_000);
    expect(accountant.take()).toBe(5_000);
  });

  it('pauses while the window is unfocused or minimised', () => {
    const { accountant, advance } = setup();
    advance(1_000);
    accountant.update({ focused: false });
    advance(9_000);
    accountant.update({ visible: false });
    advance(9_000);
    accountant.update({ visible: true, focused: true });
    advance(2_000);
    expect(accountant.take()).toBe(3_000);
    expect(accountant.isCounting()).toBe(true);
  });

  it('stops exactly at the idle threshold after the last input, and resumes on input', () => {
    const { accountant, advance } = setup({}, { idleMs: 15_000 });
    advance(10_000);
    accountant.input(); // at 10 s: present until 25 s
    advance(40_000);
    expect(accountant.take()).toBe(25_000);
    expect(accountant.isCounting()).toBe(false);
    accountant.input();
    advance(2_000);
    expect(accountant.take()).toBe(2_000);
  });

  it('an input heard late (from a frame) counts from when it happened, never from the future', () => {
    const { accountant, advance } = setup({}, { idleMs: 15_000 });
    advance(10_000);
    // Heard at 10 s, made at 7 s: present until 22 s, not 25 s.
    accountant.input(1_000 + 7_000);
    advance(40_000);
    expect(accountant.take()).toBe(22_000);
    // An input stamped later than now is taken as now: it cannot extend presence ahead.
    accountant.input(Number.MAX_SAFE_INTEGER);
    advance(40_000);
    expect(accountant.take()).toBe(15_000);
    // An input older than the last one changes nothing.
    accountant.input(0);
    advance(10_000);
    expect(accountant.take()).toBe(0);
  });

  it('keeps counting without input while the media plays, then idles from when it stops', () => {
    const { accountant, advance } = setup({}, { idleMs: 15_000 });
    accountant.update(VIDEO);
    advance(100_000);
    expect(accountant.take()).toBe(100_000);
    accountant.update({ mediaPlaying: false });
    advance(30_000);
    // Input was long ago: media stopping leaves the reader idle at once.
    expect(accountant.take()).toBe(0);
  });

  it('never counts media playing in a hidden tab', () => {
    const { accountant, advance } = setup({ ...VIDEO, visible: false });
    advance(30_000);
    expect(accountant.take()).toBe(0);
  });

  it('reports how long until the reader counts as idle', () => {
    const { accountant, advance } = setup({}, { idleMs: 60_000 });
    advance(20_000);
    expect(accountant.msUntilIdle()).toBe(40_000);
    // Media stands in for the reader for three times its length after their last input.
    accountant.update(VIDEO);
    expect(accountant.msUntilIdle()).toBe(90 * 60_000 - 20_000);
    accountant.update({ mediaPlaying: false, visible: false });
    expect(accountant.msUntilIdle()).toBe(Infinity);
  });

  it('counts nothing when it starts hidden', () => {
    const { accountant, advance } = setup({ visible: false, focused: false });
    advance(30_000);
    expect(accountant.take()).toBe(0);
    expect(accountant.isCounting()).toBe(false);
  });

  it('caps one step, so system sleep or a frozen tab adds at most the cap', () => {
    const { accountant, jump } = setup(VIDEO, { maxStepMs: 10_000 });
    jump(8 * 3_600_000);
    expect(accountant.take()).toBe(10_000);
  });

  it('a file looped after the first click stands in for the reader only briefly', () => {
    // A near-silent five-second clip on a loop: three times its length, then idle as usual.
    const { accountant, advance } = setup({}, { idleMs: 15_000 });
    accountant.update({ mediaPlaying: true, mediaLengthMs: 5_000 });
    advance(10 * 60_000, 1_000);
    expect(accountant.take()).toBe(15_000);
    expect(accountant.isCounting()).toBe(false);
    // The reader comes back: input counts again, and the loop's short allowance with it.
    accountant.input();
    advance(60_000, 1_000);
    expect(accountant.take()).toBe(15_000);
  });

  it('media never stands in for a reader for more than two hours without input', () => {
    const { accountant, advance } = setup({}, { idleMs: 60_000 });
    // A live stream (no length) or a ten-hour file: two hours, then the reader must show up.
    accountant.update({ mediaPlaying: true, mediaLengthMs: Infinity });
    advance(3 * 3_600_000);
    expect(accountant.take()).toBe(MAX_MEDIA_PRESENCE_MS);
    expect(mediaPresenceMs(10 * 3_600_000)).toBe(MAX_MEDIA_PRESENCE_MS);
    expect(mediaPresenceMs(20 * 60_000)).toBe(60 * 60_000);
    // One key press renews it.
    accountant.input();
    advance(10_000);
    expect(accountant.take()).toBe(10_000);
  });

  it('adds nothing when the clock goes backwards', () => {
    const { accountant, jump } = setup();
    jump(-5_000);
    expect(accountant.take()).toBe(0);
    jump(1_000);
    expect(accountant.take()).toBe(1_000);
  });

  it('peek does not consume; take does', () => {
    const { accountant, advance } = setup();
    advance(700);
    expect(accountant.peek()).toBe(700);
    expect(accountant.take()).toBe(700);
    expect(accountant.take()).toBe(0);
  });

  it("takes the page's real last input, so a self-navigating page cannot renew presence", () => {
    let time = 100_000;
    const accountant = createTimeAccountant({
      now: () => time,
      maxStepMs: 10_000,
      idleMs: 15_000,
      initial: ATTENTIVE,
      lastInputAt: 90_000,
    });
    time += 10_000;
    expect(accountant.take()).toBe(5_000);
  });

  it('applies a new idle threshold from then on', () => {
    const { accountant, advance } = setup({}, { idleMs: 60_000 });
    advance(10_000);
    accountant.setIdleMs(15_000);
    advance(20_000);
    expect(accountant.take()).toBe(15_000);
  });
});

/**
 * Properties over random event sequences: a reference model walks the same sequence in
 * 10 ms ticks and adds a tick only when every condition held; the accountant must agree exactly,
 * which implies it never counts more than the attentive wall time and nothing while hidden,
 * unfocused or idle.
 */
describe('time accountant properties', () => {
  const TICK = 10;
  const event = fc.oneof(
    fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.integer({ min: 0, max: 300 }).map((n) => n * TICK),
    }),
    fc.record({ kind: fc.constant('input' as const) }),
    fc.record({ kind: fc.constant('visible' as const), value: fc.boolean() }),
    fc.record({ kind: fc.constant('focused' as const), value: fc.boolean() }),
    fc.record({
      kind: fc.constant('media' as const),
      value: fc.boolean(),
      // Short lengths, so the media allowance (three times the length) runs out within a run.
      lengthMs: fc.integer({ min: 0, max: 400 }).map((n) => n * TICK),
    }),
    fc.record({ kind: fc.constant('take' as const) }),
  );
  const initialState = fc.record({
    visible: fc.boolean(),
    focused: fc.boolean(),
    mediaPlaying: fc.boolean(),
    mediaLengthMs: fc.integer({ min: 0, max: 400 }).map((n) => n * TICK),
  });

  it('counts exactly the time in which the tab was visible, focused and the reader present', () => {
    fc.assert(
      fc.property(
        initialState,
        fc.integer({ min: 1, max: 200 }).map((n) => n * TICK),
        fc.array(event, { maxLength: 80 }),
        (initial, idleMs, events) => {
          let time = 0;
          const accountant = createTimeAccountant({
            now: () => time,
            maxStepMs: 3_000,
            idleMs,
            initial,
          });
          let model = { ...initial };
          let lastInput = 0;
          let expected = 0;
          let counted = 0;
          for (const step of events) {
            if (step.kind === 'wait') {
              for (let elapsed = 0; elapsed < step.ms; elapsed += TICK) {
                const present =
                  time < lastInput + idleMs ||
                  (model.mediaPlaying && time < lastInput + 3 * model.mediaLengthMs);
                if (model.visible && model.focused && present) expected += TICK;
                time += TICK;
              }
              accountant.peek(); // the reporter looks at least every few seconds
            } else if (step.kind === 'input') {
              accountant.input();
              lastInput = time;
            } else if (step.kind === 'take') {
              counted += accountant.take();
            } else if (step.kind === 'media') {
              const change = { mediaPlaying: step.value, mediaLengthMs: step.lengthMs };
              accountant.update(change);
              model = { ...model, ...change };
            } else {
              accountant.update({ [step.kind]: step.value });
              model = { ...model, [step.kind]: step.value };
            }
          }
          counted += accountant.take();
          expect(counted).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never counts while hidden or unfocused, whatever the input and media do', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let time = 0;
        const accountant = createTimeAccountant({
          now: () => time,
          maxStepMs: 3_000,
          idleMs: 60_000,
          initial: { visible: false, focused: true, mediaPlaying: true, mediaLengthMs: Infinity },
        });
        for (const step of events) {
          if (step.kind === 'wait') time += step.ms;
          else if (step.kind === 'input') accountant.input();
          else if (step.kind === 'media') accountant.update({ mediaPlaying: step.value });
          else if (step.kind === 'focused') accountant.update({ focused: step.value });
          accountant.peek();
        }
        expect(accountant.take()).toBe(0);
      }),
    );
  });
});
