import { z } from 'zod';

/**
 * Calendar dates as `YYYY-MM-DD`, in the learner's own time zone: a record's date is the day
 * the learning happened, so no time zone can move it.
 */

/** A real calendar date (2026-02-30 is refused), in plain words. */
export const isoDateSchema = z.iso.date({ error: 'Enter a real date, like 26/11/2026.' });

const pad = (value: number) => String(value).padStart(2, '0');

/** The date of `time` in the learner's time zone. */
export function localIsoDate(time: Date): string {
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
}

/** Adds calendar months; the 31st becomes the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** Adds days (negative to go back), by the calendar. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return `${moved.getUTCFullYear()}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** "26 November 2026", in UK English. */
export function formatUkDate(date: string, month: 'long' | 'short' = 'long'): string {
  const [year, monthNumber, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, monthNumber - 1, day)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month,
    year: 'numeric',
    timeZone: 'UTC',
  });
}
