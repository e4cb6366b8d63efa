import { describe, expect, it } from 'vitest';
import { claimFrame } from '@/utils/page/frame-claim';

describe('one frame script per frame', () => {
  it('a second copy leaves while the first is alive, and takes over once it is not', () => {
    const world: Record<symbol, unknown> = {};
    let firstAlive = true;
    const first = claimFrame(world, () => firstAlive);
    expect(first).not.toBeNull();
    expect(claimFrame(world, () => true)).toBeNull();

    // The first copy's extension was reloaded: the next copy claims the frame.
    firstAlive = false;
    const second = claimFrame(world, () => true);
    expect(second).not.toBeNull();
    expect(claimFrame(world, () => true)).toBeNull();
  });

  it('a copy tells how it is known to be alive once it has started', () => {
    const world: Record<symbol, unknown> = {};
    const claimed = claimFrame(world, () => true)!;
    let counting = true;
    claimed(() => counting);
    expect(claimFrame(world, () => true)).toBeNull();
    // Its context ended (a newer extension, or ended by hand): the frame is free again.
    counting = false;
    expect(claimFrame(world, () => true)).not.toBeNull();
  });
});
