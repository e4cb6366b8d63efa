import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTimeAccountant, type AttentionState } from '@/utils/tracking/accountant';

function setup(initial: AttentionState = { visible: true, focused: true }, maxStepMs = 10_000) {
  let time = 1_000;
  const accountant = createTimeAccountant({ now: () => time, maxStepMs, initial });
  return {
    accountant,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('time accountant', () => {
  it('counts while the tab is visible and its window focused', () => {
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

  it('counts nothing when it starts hidden', () => {
    const { accountant, advance } = setup({ visible: false, focused: false });
    advance(30_000);
    expect(accountant.take()).toBe(0);
    expect(accountant.isCounting()).toBe(false);
  });

  it('caps one step, so system sleep or a frozen tab adds at most the cap', () => {
    const { accountant, advance } = setup(undefined, 10_000);
    advance(8 * 3_600_000);
    expect(accountant.take()).toBe(10_000);
  });

  it('adds nothing when the clock goes backwards', () => {
    const { accountant, advance } = setup();
    advance(-5_000);
    expect(accountant.take()).toBe(0);
    advance(1_000);
    expect(accountant.take()).toBe(1_000);
  });

  it('peek does not consume; take does', () => {
    const { accountant, advance } = setup();
    advance(700);
    expect(accountant.peek()).toBe(700);
    expect(accountant.take()).toBe(700);
    expect(accountant.take()).toBe(0);
  });

  it('never counts more than the time in which every condition held (property)', () => {
    const event = fc.record({
      gap: fc.integer({ min: 0, max: 30_000 }),
      visible: fc.boolean(),
      focused: fc.boolean(),
      take: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.array(event, { maxLength: 60 }),
        (visible, focused, events) => {
          const maxStepMs = 10_000;
          const { accountant, advance } = setup({ visible, focused }, maxStepMs);
          let state = { visible, focused };
          let attentiveWallMs = 0;
          let counted = 0;
          for (const step of events) {
            advance(step.gap);
            if (state.visible && state.focused) attentiveWallMs += Math.min(step.gap, maxStepMs);
            state = { visible: step.visible, focused: step.focused };
            accountant.update(state);
            if (step.take) counted += accountant.take();
          }
          counted += accountant.take();
          expect(counted).toBe(attentiveWallMs);
        },
      ),
    );
  });
});
