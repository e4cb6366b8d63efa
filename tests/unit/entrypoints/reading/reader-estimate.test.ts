import { describe, expect, it, vi } from 'vitest';
import { createReaderEstimate } from '@/entrypoints/reading/reader-estimate';
import type { ReaderCounts } from '@/utils/detection/estimate';
import type { ResourceDetection } from '@/utils/detection/schema';

const PAGE = 'https://learning.example.org/blog/night-shifts';
const estimated = (words: number, url = PAGE): ResourceDetection => ({
  title: 'Night shifts and sleep',
  url,
  kind: 'article',
  estimate: {
    seconds: Math.round((words / 238) * 60),
    words,
    images: 0,
    mediaSeconds: 30,
    wordsPerMinute: 238,
  },
  durationSeconds: Math.round((words / 238) * 60) + 30,
});

/** The reading script's side, with idle time and the background played by the test. */
function reader(answer: ReaderCounts | null = { words: 2380, cjkCharacters: 0, images: 1 }) {
  const idle: (() => void)[] = [];
  const answers: ((counts: ReaderCounts | null) => void)[] = [];
  const ask = vi.fn(
    (url: string) =>
      new Promise<ReaderCounts | null>((resolve) => {
        void url;
        answers.push(resolve);
      }),
  );
  const counted = vi.fn();
  const estimate = createReaderEstimate({
    ask,
    whenIdle: (handler) => idle.push(handler),
    counted,
    language: () => 'en-GB',
  });
  const runIdle = async () => {
    idle.splice(0).forEach((handler) => handler());
    answers.splice(0).forEach((resolve) => resolve(answer));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { estimate, ask, counted, idle, runIdle };
}

describe("the reading script's Reader View estimate", () => {
  it('asks once the background shows the resource and the page is idle, then estimates from its count', async () => {
    const { estimate, ask, counted, idle, runIdle } = reader();
    const own = estimated(1000);
    expect(estimate.apply(own)).toEqual(own);
    // The background would refuse before it has heard the resource announced.
    expect(idle).toHaveLength(0);
    estimate.heard(`${PAGE}-other`);
    expect(idle).toHaveLength(0);
    estimate.heard(PAGE);
    // Not asked at once: only when the page is idle.
    expect(ask).not.toHaveBeenCalled();
    expect(idle).toHaveLength(1);
    await runIdle();
    expect(ask).toHaveBeenCalledWith(PAGE);
    expect(counted).toHaveBeenCalledTimes(1);
    const after = estimate.apply(own);
    // 2380 words at 238 a minute, one picture (12 s), and the page's own media (30 s).
    expect(after.estimate).toMatchObject({ words: 2380, images: 1, mediaSeconds: 30 });
    expect(after.durationSeconds).toBe(600 + 12 + 30);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('leaves a resource that states its time alone, and asks nothing for it', async () => {
    const { estimate, idle } = reader();
    const stated: ResourceDetection = {
      title: 'Sepsis',
      url: PAGE,
      kind: 'article',
      stated: { seconds: 300, source: 'visible-text', raw: '5 min read' },
      durationSeconds: 300,
    };
    expect(estimate.apply(stated)).toBe(stated);
    estimate.heard(PAGE);
    expect(idle).toHaveLength(0);
  });

  it('keeps its own count when Reader View finds no article, or too little of one', async () => {
    for (const answer of [null, { words: 120, cjkCharacters: 0, images: 0 }]) {
      const { estimate, runIdle } = reader(answer);
      const own = estimated(1000);
      estimate.apply(own);
      estimate.heard(PAGE);
      await runIdle();
      expect(estimate.apply(own)).toEqual(own);
    }
  });

  it('asks again only when the page’s own count moves by more than a quarter, three times at most', async () => {
    const { estimate, ask, runIdle } = reader();
    estimate.apply(estimated(1000));
    estimate.heard(PAGE);
    await runIdle();
    estimate.apply(estimated(1200));
    await runIdle();
    expect(ask).toHaveBeenCalledTimes(1);
    for (const words of [1300, 2000, 4000, 8000]) {
      estimate.apply(estimated(words));
      await runIdle();
    }
    expect(ask).toHaveBeenCalledTimes(3);
  });

  it('starts afresh for another resource, and drops an answer for the one before', async () => {
    const { estimate, ask, counted, runIdle } = reader();
    estimate.apply(estimated(1000));
    estimate.heard(PAGE);
    // The page moved on (a single-page app) before it was idle.
    const next = estimated(900, `${PAGE}-2`);
    expect(estimate.apply(next)).toEqual(next);
    // Heard for the old resource only: nothing is asked for the new one yet.
    estimate.heard(PAGE);
    estimate.heard(`${PAGE}-2`);
    await runIdle();
    expect(ask.mock.calls).toEqual([[`${PAGE}-2`]]);
    expect(counted).toHaveBeenCalledTimes(1);
    expect(estimate.apply(next).estimate?.words).toBe(2380);
  });

  it('drops an answer that arrives after the page moved on', async () => {
    const { estimate, counted, idle, runIdle } = reader();
    const own = estimated(1000);
    estimate.apply(own);
    estimate.heard(PAGE);
    idle.splice(0).forEach((handler) => handler()); // asked; the answer is on its way
    estimate.apply(estimated(900, `${PAGE}-2`));
    estimate.heard(`${PAGE}-2`);
    await runIdle();
    // Only the new resource's ask, once idle, is answered.
    expect(counted).toHaveBeenCalledTimes(1);
    expect(estimate.apply(own)).toEqual(own);
  });
});
