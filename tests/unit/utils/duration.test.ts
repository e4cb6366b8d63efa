import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDuration, parseDuration } from '@/utils/duration';

describe('parseDuration', () => {
  it.each([
    ['5 mins', 300],
    ['10 secs', 10],
    ['1 hr 30 mins', 5400],
    ['1.5 hours', 5400],
    ['90 min', 5400],
    ['5 minutes and 00 seconds', 300],
    ['1h30m', 5400],
    ['2 hrs', 7200],
    ['(1 hour)', 3600],
    ['1 hour, 5 minutes', 3900],
    ['PT5M', 300],
    ['pt1h2m3s', 3723],
    ['PT1.5M', 90],
    ['P1DT2H', 93600],
    ['P1W', 604800],
    ['00:19:28', 1168],
    ['54:01', 3241],
    ['2:05', 125],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    ['P2M', 'months have no fixed length'],
    ['P1Y', 'years have no fixed length'],
    ['P2M37S', 'S needs T; M before T is months'],
    ['PT.5M', 'a fraction needs a leading digit'],
    ['PT1.5H30M', 'a fraction only on the smallest unit'],
    ['-PT5M', 'negative'],
    ['PT-5M', 'negative component'],
    ['P', 'no components'],
    ['PT', 'no time components'],
    ['-5 mins', 'negative'],
    ['5', 'a bare number has no unit'],
    ['five minutes', 'number words are not read'],
    ['30 mins 1 hr', 'units out of order'],
    ['5 min read', 'running text, not a duration'],
    ['£12.99', 'a price'],
    ['12:99', 'seconds above 59'],
    ['', 'empty'],
    ['1 parsec', 'unknown unit'],
    ['1'.repeat(200) + ' mins', 'absurdly long'],
  ])('rejects %j (%s)', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 seconds'],
    [10, '10 seconds'],
    [300, '5 minutes'],
    [61, '1 minute 1 second'],
    [3600, '1 hour'],
    [5400, '1 hour 30 minutes'],
    [5430, '1 hour 30 minutes'],
  ])('formats %i s as %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatCountdown', () => {
  it('uses the Leading to Change wording', () => {
    expect(formatCountdown(252)).toBe('4 minutes and 12 seconds');
    expect(formatCountdown(300)).toBe('5 minutes and 0 seconds');
    expect(formatCountdown(61)).toBe('1 minute and 1 second');
    expect(formatCountdown(3725)).toBe('1 hour, 2 minutes and 5 seconds');
  });

  it('rounds partial seconds up so it never shows 0 before the time is reached', () => {
    expect(formatCountdown(0.2)).toBe('0 minutes and 1 second');
    expect(formatCountdown(-5)).toBe('0 minutes and 0 seconds');
  });
});
