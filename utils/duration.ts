/**
 * Duration text → seconds, and seconds → plain-English text for the UI.
 *
 * Policy (documented in docs/detection.md, "Duration parsing"):
 * - ISO 8601 durations are strict: a designator is required after every number, `M` before `T`
 *   means months, and years or months are rejected because they have no fixed length
 *   (`P2M` is two months, never two minutes). Weeks and days are fixed (7 × 24 h, 24 h).
 * - Fractions are allowed only on the smallest unit present, and need a leading digit
 *   (`PT1.5M` is 90 s; `PT.5M` and `PT1.5M30S` are rejected), following Temporal.
 * - One sign only, and durations may not be negative: `-PT5M` and `PT-5M` are rejected.
 * - Clock times: two parts are minutes:seconds, three parts hours:minutes:seconds.
 * - Human forms: number + unit pairs in descending order ("1 hr 30 mins", "1h30m",
 *   "5 minutes and 00 seconds", "1.5 hours", "1 minute+30 seconds"), weeks down to
 *   milliseconds; nothing else may be in the text apart from "and", commas, "+" and
 *   surrounding brackets. Running text, bare numbers, signs, exponents, thousands separators,
 *   years and months are not durations. Results are rounded to whole seconds.
 */

const SECONDS_PER = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1, ms: 0.001 } as const;
type Unit = keyof typeof SECONDS_PER;

/** Longest text we try to read as a duration; anything longer is running text. */
const MAX_DURATION_TEXT = 64;

const ISO_8601 =
  /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

const CLOCK = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;

const UNIT_WORDS: Record<string, Unit> = {
  w: 'w',
  wk: 'w',
  wks: 'w',
  week: 'w',
  weeks: 'w',
  d: 'd',
  day: 'd',
  days: 'd',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  ms: 'ms',
  msec: 'ms',
  msecs: 'ms',
  milli: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
};
const UNIT_ORDER: Unit[] = ['w', 'd', 'h', 'm', 's', 'ms'];
const HUMAN_PART = /(\d+(?:\.\d+)?)\s*([a-z]+)\.?/gy;
const HUMAN_SEPARATOR = /(?:\s*[,+]\s*|\s+and\s+|\s*)/y;

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

function parseIso8601(text: string): number | null {
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  // Years and months have no fixed length: not a reading time.
  if (years !== undefined || months !== undefined) return null;
  const parts: [string | undefined, number][] = [
    [weeks, SECONDS_PER.w],
    [days, SECONDS_PER.d],
    [hours, SECONDS_PER.h],
    [minutes, SECONDS_PER.m],
    [seconds, SECONDS_PER.s],
  ];
  const present = parts.filter(([value]) => value !== undefined);
  if (present.length === 0) return null;
  // A fraction is only allowed on the last (smallest) unit present.
  if (present.slice(0, -1).some(([value]) => /[.,]/.test(value!))) return null;
  return round(present.reduce((sum, [value, size]) => sum + toNumber(value!) * size, 0));
}

function parseClock(text: string): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  const [, first, second, third] = match;
  if (third === undefined) return Number(first) * 60 + Number(second);
  if (Number(second) > 59) return null;
  return Number(first) * 3600 + Number(second) * 60 + Number(third);
}

function parseHuman(text: string): number | null {
  let total = 0;
  let position = 0;
  let lastUnitIndex = -1;
  let sawFraction = false;
  while (position < text.length) {
    if (position > 0) {
      HUMAN_SEPARATOR.lastIndex = position;
      HUMAN_SEPARATOR.exec(text);
      position = HUMAN_SEPARATOR.lastIndex;
    }
    HUMAN_PART.lastIndex = position;
    const match = HUMAN_PART.exec(text);
    if (!match) return null;
    const [, amount, word] = match as unknown as [string, string, string];
    const unit = UNIT_WORDS[word];
    if (unit === undefined) return null;
    const unitIndex = UNIT_ORDER.indexOf(unit);
    // Units must come largest first and only once ("30 mins 1 hr" is not a duration).
    if (unitIndex <= lastUnitIndex || sawFraction) return null;
    lastUnitIndex = unitIndex;
    sawFraction = amount.includes('.');
    total += Number(amount) * SECONDS_PER[unit];
    position = HUMAN_PART.lastIndex;
  }
  return lastUnitIndex === -1 ? null : round(total);
}

function round(seconds: number): number | null {
  return Number.isFinite(seconds) ? Math.round(seconds) : null;
}

/**
 * Reads a duration ("5 mins", "PT5M", "00:19:28", "1 hr 30 mins") as whole seconds.
 * Returns null when the text is not a duration, is negative, or has no fixed length.
 */
export function parseDuration(text: string): number | null {
  if (typeof text !== 'string' || text.length > MAX_DURATION_TEXT * 2) return null;
  let cleaned = text.replace(/\s+/g, ' ').trim();
  // "(1 hour)" — publishers often bracket the figure.
  const bracketed = /^\((.*)\)$/.exec(cleaned);
  if (bracketed) cleaned = bracketed[1]!.trim();
  if (cleaned.length === 0 || cleaned.length > MAX_DURATION_TEXT) return null;
  if (/^P/i.test(cleaned)) return parseIso8601(cleaned);
  if (cleaned.includes(':')) return parseClock(cleaned);
  return parseHuman(cleaned.toLowerCase());
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "5 minutes", "1 hour 30 minutes", "45 seconds": a duration as a learner reads it. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours === 0 && minutes === 0) return plural(rest, 'second');
  const parts: string[] = [];
  if (hours > 0) parts.push(plural(hours, 'hour'));
  // Under an hour, keep seconds so short resources ("Duration 10 secs") stay exact.
  if (minutes > 0) parts.push(plural(minutes, 'minute'));
  if (hours === 0 && rest > 0) parts.push(plural(rest, 'second'));
  return parts.join(' ');
}

/** "4 minutes and 12 seconds": the countdown wording of the Leading to Change site. */
export function formatCountdown(remainingSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(remainingSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const lead = hours > 0 ? `${plural(hours, 'hour')}, ` : '';
  return `${lead}${plural(minutes, 'minute')} and ${plural(rest, 'second')}`;
}
