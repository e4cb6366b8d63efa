import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import LANGUAGES from '@/utils/detection/languages.json';
import { readDuration, readWeekly, vocabularyFor } from '@/utils/detection/vocabulary';

const Words = z.array(z.string().min(1));
const LanguageSchema = z.strictObject({
  durationLabels: Words.min(1),
  unitOnlyLabels: Words,
  readingLabels: Words.min(1),
  readingSuffixes: Words.min(1),
  totalWords: Words,
  units: z.strictObject({
    week: Words.min(1),
    day: Words.min(1),
    hour: Words.min(1),
    minute: Words.min(1),
    second: Words.min(1),
  }),
  and: Words.min(1),
  rangeWords: Words,
  perWeek: Words.min(1),
  resourceNouns: Words,
  lastsVerbs: Words,
  learningVerbs: Words,
  pageWords: z.strictObject({
    errorTitles: Words.min(1),
    policyTitles: Words.min(1),
    applicationTitles: Words.min(1),
    homeTitles: Words.min(1),
    basketActions: Words.min(1),
    registerActions: Words.min(1),
    searchTitles: Words.min(1),
    helpSites: Words.min(1),
    enrolActions: Words.min(1),
    applyActions: Words.min(1),
    jobFacts: Words.min(1),
  }),
});

describe('the languages detection reads (languages.json)', () => {
  it('has every field for English, Welsh, Scottish Gaelic and seven more languages', () => {
    expect(Object.keys(LANGUAGES).sort()).toEqual(
      ['cy', 'de', 'en', 'es', 'fr', 'gd', 'it', 'nl', 'pl', 'pt'].sort(),
    );
    for (const [code, words] of Object.entries(LANGUAGES))
      expect(LanguageSchema.safeParse(words).success, code).toBe(true);
  });
});

describe('readDuration', () => {
  it.each([
    ['en', '5 mins', 300],
    ['en', '1.5 hours', 5400],
    ['en', '1 hr 30', 5400],
    ['en', '(1 hour)', 3600],
    ['en', '20–30 minutes', 1800],
    ['en', '20 to 30 mins', 1800],
    ['en', 'PT12M30S', 750],
    ['cy', '10 munud', 600],
    ['cy', '1 awr a 30 munud', 5400],
    ['gd', '20 mionaid', 1200],
    ['gd', '2 uair a thìde', 7200],
    ['de', '1,5 Stunden', 5400],
    ['de', '1 Std. 30 Min.', 5400],
    ['de', '8 Min.', 480],
    ['fr', '1 h 30', 5400],
    ['fr', '20 minutes', 1200],
    ['fr', '2h30', 9000],
    ['pt', '1h15', 4500],
    ['es', '2 horas', 7200],
    ['it', '45 minuti', 2700],
    ['nl', '1,5 uur', 5400],
    ['pt', '1 hora e 30 minutos', 5400],
    ['pl', '1 godzina', 3600],
    ['pl', '4 min', 240],
  ])('%s: "%s" is %i s', (lang, text, seconds) => {
    expect(readDuration(text, vocabularyFor(lang))).toBe(seconds);
  });

  it.each([
    ['en', '2 hours per week'],
    ['en', 'valid for 3 years'],
    ['en', 'Version 3.2'],
    ['de', '3 Stunden pro Woche'],
    ['en', 'about 5'],
    ['fr', '14h30'],
    ['cy', 'ar ôl 1 flwyddyn'],
  ])('%s: "%s" is not a duration', (lang, text) => {
    expect(readDuration(text, vocabularyFor(lang))).toBeNull();
  });

  it('reads a page in another language with English too, and a page naming none as English', () => {
    expect(readDuration('10 minutes', vocabularyFor('cy'))).toBe(600);
    expect(readDuration('10 munud', vocabularyFor('cy-GB'))).toBe(600);
    expect(readDuration('10 munud', vocabularyFor(null))).toBeNull();
    expect(readDuration('10 minutes', vocabularyFor('ja'))).toBe(600);
    expect(readDuration('10 munud', vocabularyFor('de'))).toBeNull();
  });
});

describe('readWeekly', () => {
  it('reads a weekly rate, and the weeks beside it', () => {
    expect(readWeekly('4 weeks, 2 hours a week', vocabularyFor('en'))).toEqual({
      perWeekSeconds: 7200,
      weeks: 4,
    });
    expect(readWeekly('3 Stunden pro Woche', vocabularyFor('de'))).toEqual({
      perWeekSeconds: 10_800,
    });
    expect(readWeekly('4 weeks', vocabularyFor('en'))).toBeNull();
  });
});

describe('a vulgar fraction in a duration', () => {
  it.each([
    ['2 ½ hours', 9_000],
    ['2½ hours', 9_000],
    ['½ hour', 1_800],
    ['1 ¾ hours', 6_300],
    ['1¼ Stunden', 4_500],
  ])('reads %s', (text, seconds) => {
    expect(readDuration(text, vocabularyFor(text.endsWith('Stunden') ? 'de' : 'en'))).toBe(seconds);
  });

  it('leaves a fraction without a unit alone', () => {
    expect(readDuration('2 ½', vocabularyFor('en'))).toBeNull();
  });
});
