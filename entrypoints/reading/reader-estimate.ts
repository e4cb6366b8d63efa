import { withReaderEstimate, type ReaderCounts } from '@/utils/detection/estimate';
import type { ResourceDetection } from '@/utils/detection/schema';

/**
 * Estimates that match Reader View. Learnlog's own count of a page's main text is quick, for the
 * page load; Firefox's Reader View code finds the main text better but costs several times more,
 * so it is never in the reading script. When a resource states no time, the reading script asks
 * the background, once it has heard the resource announced and the page is idle, to run it (the
 * estimate script), and from then on the
 * resource's estimate is made from its count. Asked again only if the page's own count later
 * moves by more than a quarter (content that arrived late), at most `MAX_ASKS` times a resource.
 */
export interface ReaderEstimatePorts {
  /** Asks the background for Reader View's count of this page, for this resource. */
  ask(url: string): Promise<ReaderCounts | null>;
  /** Runs `handler` once, when the page is idle. */
  whenIdle(handler: () => void): void;
  /** The count arrived, or changed: look at the page again. */
  counted(): void;
  /** The page's language (`<html lang>`), for the reading rate. */
  language(): string | null;
}

const MAX_ASKS = 3;
/** The page's own count moved this much since the last ask: its content changed, ask again. */
const MOVED = 0.25;

export function createReaderEstimate(ports: ReaderEstimatePorts) {
  let url: string | undefined;
  let counts: ReaderCounts | undefined;
  /** The page's own count in its latest estimate (undefined: it states its time). */
  let ownWords: number | undefined;
  let askedAtWords: number | undefined;
  let asks = 0;
  let asking = false;
  /** The background shows this resource for the tab: before that it would refuse to count. */
  let heard = false;
  /** Which resource the state above is for: an answer for an earlier one is dropped. */
  let generation = 0;

  const maybeAsk = () => {
    if (!heard || asking || asks >= MAX_ASKS || url === undefined || ownWords === undefined) return;
    const moved =
      askedAtWords === undefined ||
      Math.abs(ownWords - askedAtWords) > Math.max(1, askedAtWords) * MOVED;
    if (!moved) return;
    const asked = generation;
    const forUrl = url;
    asking = true;
    asks++;
    askedAtWords = ownWords;
    ports.whenIdle(() => {
      if (asked !== generation) return;
      void ports
        .ask(forUrl)
        .catch(() => null)
        .then((answer) => {
          if (asked !== generation) return;
          asking = false;
          if (!answer) return;
          counts = answer;
          ports.counted();
        });
    });
  };

  return {
    /**
     * The detection as the reading script should announce it: with Reader View's count where
     * it has one for this resource. A resource that states its time is left as it is.
     */
    apply(detection: ResourceDetection): ResourceDetection {
      if (detection.url !== url) {
        generation++;
        url = detection.url;
        counts = undefined;
        askedAtWords = undefined;
        asks = 0;
        asking = false;
        heard = false;
      }
      if (detection.stated || !detection.estimate) {
        ownWords = undefined;
        return detection;
      }
      ownWords = detection.estimate.words;
      maybeAsk();
      return counts ? withReaderEstimate(detection, counts, ports.language()) : detection;
    },
    /** The background heard this resource announced (ReadingSession's `onHeard`). */
    heard(forUrl: string): void {
      if (forUrl !== url) return;
      heard = true;
      maybeAsk();
    },
  };
}
