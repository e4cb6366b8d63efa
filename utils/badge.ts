import { formatCountdown } from '@/utils/duration';
import { readinessOf, type ResourceTime } from '@/utils/tracking/readiness';

export interface BadgeView {
  text: string;
  /** Background colour; both meet 4.5:1 against the badge's white text. */
  color: string;
  title: string;
}

export const BADGE_COUNTING_COLOR = '#1d4f91';
export const BADGE_READY_COLOR = '#0b6b2f';
export const BADGE_READY_TEXT = '✓';

/** The toolbar badge for a resource: whole minutes left, or a distinct "ready" tick. */
export function badgeFor(time: ResourceTime): BadgeView {
  const { ready, remainingMs } = readinessOf(time);
  if (ready) {
    return {
      text: BADGE_READY_TEXT,
      color: BADGE_READY_COLOR,
      title: 'Learnlog: ready — you can record this learning activity',
    };
  }
  const minutesLeft = Math.ceil(remainingMs / 60_000);
  return {
    text: `${minutesLeft}m`,
    color: BADGE_COUNTING_COLOR,
    title: `Learnlog: ${formatCountdown(remainingMs / 1000)} till you can record this learning activity`,
  };
}
