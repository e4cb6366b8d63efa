import { all } from '@/utils/detection/dom-text';
import type { ResourceKind } from '@/utils/detection/schema';

/**
 * The main video or audio element (signal 5), once the browser knows its length. A page whose
 * main content is one player is a video or audio resource; players in sidebars are not.
 */
export interface MainMedia {
  element: HTMLMediaElement;
  kind: ResourceKind;
  /** Seconds, when the metadata has loaded. */
  seconds?: number;
}

/**
 * A video or audio element's length in seconds (NaN or 0 while unknown). In the page it is the
 * element's own `duration`; a parsed copy of the page has no loaded media, so its reader is given
 * the lengths the page had (utils/detection/page-copy.ts).
 */
export type MediaLength = (element: Element) => number;

export const liveMediaLength: MediaLength = (element) => (element as HTMLMediaElement).duration;

export function findMainMedia(
  mainRoot: Element,
  mediaLength: MediaLength = liveMediaLength,
): MainMedia | null {
  const players = all(mainRoot, 'video, audio', 20).filter(
    (element) => !element.closest('aside, nav, footer, [role="complementary"]'),
  ) as HTMLMediaElement[];
  if (players.length === 0) return null;
  const element = players[0]!;
  const duration = mediaLength(element);
  return {
    element,
    kind: element.tagName.toUpperCase() === 'AUDIO' ? 'audio' : 'video',
    ...(Number.isFinite(duration) && duration > 0 ? { seconds: Math.round(duration) } : {}),
  };
}
