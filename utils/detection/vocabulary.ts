import LANGUAGES from '@/utils/detection/languages.json';
import { parseDuration } from '@/utils/duration';

/**
 * The words pages use for durations, per language, as data (`languages.json`, checked by a unit
 * test): labels ("Duration", "Hyd", "Lesezeit"), reading-time phrases ("8 min de lectura"), unit
 * words ("munud", "Stunden", "godz."), and what makes a figure a weekly rate ("pro Woche"). A page
 * is read with English and its own language (`<html lang>`); a page that names none, with all.
 */

export interface LanguageWords {
  durationLabels: string[];
  /** Labels whose value counts only with a unit: "Time: 1 hr 30", never "Time: 12:30". */
  unitOnlyLabels: string[];
  readingLabels: string[];
  readingSuffixes: string[];
  totalWords: string[];
  units: Record<'week' | 'day' | 'hour' | 'minute' | 'second', string[]>;
  and: string[];
  rangeWords: string[];
  perWeek: string[];
  /** "This module takes 20 minutes": what a resource is called, and how its length is said. */
  resourceNouns: string[];
  lastsVerbs: string[];
  /** "Complete the activities (1 hour)": verbs before a time in brackets. */
  learningVerbs: string[];
  /** Page headings and controls that say what kind of page it is (page-kind.ts). */
  pageWords: Record<PageWordKind, string[]>;
}

export type PageWordKind =
  | 'errorTitles'
  | 'policyTitles'
  | 'applicationTitles'
  | 'homeTitles'
  | 'basketActions'
  | 'registerActions'
  | 'searchTitles'
  /** A help centre's name, ending a title part or the site's name: "… – Brightwell Help Centre". */
  | 'helpSites'
  /** Enrolling on or buying a course: a sale only when the control carries its price. */
  | 'enrolActions'
  /** Applying for a job ("Apply for this job", "Jetzt bewerben")… */
  | 'applyActions'
  /** …and the labels of a job's facts beside it ("Salary", "Vergütung", "Contract type"). */
  | 'jobFacts';

const WORDS = LANGUAGES as Record<string, LanguageWords>;
export const LANGUAGE_CODES = Object.keys(WORDS);

const ENGLISH_UNIT: Record<keyof LanguageWords['units'], string> = {
  week: 'weeks',
  day: 'days',
  hour: 'hours',
  minute: 'minutes',
  second: 'seconds',
};

export interface Vocabulary {
  durationLabels: string[];
  unitOnlyLabels: string[];
  readingLabels: string[];
  /** A regular-expression source matching an amount with its unit ("1.5 hours", "20–30 Min."). */
  amount: string;
  /** `amount` as a global pattern, for `matchAll`. */
  amountEverywhere: RegExp;
  /** Sources matching what follows an amount in a reading time ("read", "de lectura"). */
  readingSuffix: string;
  perWeek: RegExp;
  total: RegExp;
  /** Localised unit word (lower case) → English unit. */
  unitOf: Map<string, string>;
  unitPattern: RegExp;
  andPattern: RegExp;
  rangePattern: RegExp;
  /** "This module takes 20–30 minutes", "Work through the activity below (1 hour)". */
  runningText: RegExp[];
  /** A cheap first look for the running-text patterns' verbs. */
  runningTextHint: RegExp;
  /**
   * A label that names what it times ("Estimated time to complete activity", "Time needed for
   * this module"): group 1 is the label before it. Null for languages with no resource nouns.
   */
  labelNamingResource: RegExp | null;
  /** Lower-case phrases by kind, matched against a whole heading, title part or control. */
  pageWords: Record<PageWordKind, Set<string>>;
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so "Minuten" is tried before "Min". */
export const alternation = (words: readonly string[]) =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((word) => escapeRegExp(word).replace(/\s+/g, '\\s+'))
    .join('|');

/**
 * A letter or digit of the Latin scripts the vocabulary's languages use (Latin-1 and Latin
 * Extended-A and B: Welsh ŵ, Polish ł). Written out, not `\p{L}`: unicode-mode patterns compile
 * slower, and detection runs cold on every page load.
 */
export const LETTER = String.raw`A-Za-z0-9\u00C0-\u024F`;
/** Not inside a longer word. */
const END = String.raw`(?![${LETTER}])`;
const START = String.raw`(?<![${LETTER}])`;

function compile(codes: readonly string[]): Vocabulary {
  const languages = codes.map((code) => WORDS[code]!).filter(Boolean);
  const pick = (take: (words: LanguageWords) => string[]) => languages.flatMap(take);
  const unitOf = new Map<string, string>();
  for (const words of languages)
    for (const [unit, names] of Object.entries(words.units))
      for (const name of names)
        if (!unitOf.has(name.toLowerCase()))
          unitOf.set(name.toLowerCase(), ENGLISH_UNIT[unit as keyof LanguageWords['units']]);
  const units = alternation([...unitOf.keys()]);
  const hours = alternation(pick((words) => words.units.hour));
  const others = alternation(pick((words) => [...words.units.minute, ...words.units.week]));
  const minutes = alternation(pick((words) => words.units.minute));
  const ands = alternation(pick((words) => words.and));
  const ranges = alternation(pick((words) => words.rangeWords));
  const number = String.raw`\d{1,3}(?:[.,]\d{1,2})?`;
  const range = String.raw`${number}(?:\s*(?:[-–—]|\s(?:${ranges})\s)\s*${number})?\s*`;
  // "1.5 hours", "20–30 minutes", "1 hr 30", "1 Std. 30 Min.", "1 hora e 30 minutos", "4 weeks".
  const amount =
    String.raw`${range}(?:(?:${hours})${END}\.?` +
    String.raw`(?:,?\s*(?:(?:${ands})\s+)?\d{1,2}(?:\s*(?:${minutes})${END}\.?)?(?![\d.,]*\s*[${LETTER}]))?` +
    String.raw`|(?:${others})${END}\.?)`;
  return {
    durationLabels: pick((words) => words.durationLabels),
    unitOnlyLabels: pick((words) => words.unitOnlyLabels),
    readingLabels: pick((words) => words.readingLabels),
    amount,
    amountEverywhere: new RegExp(amount, 'gi'),
    readingSuffix: alternation(pick((words) => words.readingSuffixes)),
    perWeek: new RegExp(`${START}(?:${alternation(pick((words) => words.perWeek))})${END}`, 'i'),
    total: new RegExp(`${START}(?:${alternation(pick((words) => words.totalWords))})${END}`, 'i'),
    unitOf,
    unitPattern: new RegExp(`(\\d)\\s*(${units})${END}\\.?`, 'gi'),
    andPattern: new RegExp(`\\s(?:${ands})\\s`, 'gi'),
    runningText: runningTextPatterns(
      pick((words) => words.resourceNouns),
      pick((words) => words.lastsVerbs),
      pick((words) => words.learningVerbs),
      amount,
    ),
    labelNamingResource: labelNamingResource(pick((words) => words.resourceNouns)),
    runningTextHint: new RegExp(
      `(?:${alternation(pick((words) => words.lastsVerbs)) || '(?!)'})`,
      'i',
    ),
    pageWords: Object.fromEntries(
      (Object.keys(WORDS.en!.pageWords) as PageWordKind[]).map((kind) => [
        kind,
        new Set(pick((words) => words.pageWords[kind] ?? []).map((word) => word.toLowerCase())),
      ]),
    ) as Record<PageWordKind, Set<string>>,
    rangePattern: new RegExp(`${number}\\s*(?:[-–—]|\\s(?:${ranges})\\s)\\s*(?=\\d)`, 'gi'),
  };
}

function labelNamingResource(nouns: string[]): RegExp | null {
  if (nouns.length === 0) return null;
  return new RegExp(
    String.raw`^(.+?)\s+(?:(?:for|of|to)\s+)?(?:(?:this|the|your|each)\s+)?(?:${alternation(nouns)})$`,
    'i',
  );
}

function runningTextPatterns(
  nouns: string[],
  lasts: string[],
  verbs: string[],
  amount: string,
): RegExp[] {
  const patterns: RegExp[] = [];
  const filler = String.raw`(?:about|around|approximately|roughly|up to|)\s*`;
  if (nouns.length > 0 && lasts.length > 0)
    patterns.push(
      new RegExp(
        String.raw`${START}(?:this|the)\s+(?:${alternation(nouns)})\s+(?:${alternation(lasts)})\s+${filler}(${amount})`,
        'i',
      ),
    );
  if (verbs.length > 0)
    patterns.push(
      new RegExp(
        String.raw`${START}(?:${alternation(verbs)})${END}[^.;()]{0,60}\((${amount})\)`,
        'i',
      ),
    );
  return patterns;
}

const cache = new Map<string, Vocabulary>();

/** English and the page's language (its primary subtag); all languages when it names none. */
export function vocabularyFor(lang: string | null | undefined): Vocabulary {
  const primary = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  // A page that names no language is read as English (most such pages are older English ones):
  // every language's patterns would cost each page load.
  const codes = primary === 'en' || !WORDS[primary] ? ['en'] : ['en', primary];
  const key = codes.join(',');
  let vocabulary = cache.get(key);
  if (!vocabulary) {
    vocabulary = compile(codes);
    cache.set(key, vocabulary);
  }
  return vocabulary;
}

export const pageVocabulary = (doc: Document) =>
  vocabularyFor(doc.documentElement?.getAttribute('lang'));

/**
 * A duration as a page writes it, in any of the vocabulary's languages, in whole seconds, or
 * null: "10 munud", "1,5 Stunden", "1 Std. 30 Min.", "1 hora e 30 minutos", "1 hr 30" (minutes
 * after hours), "(1 hour)". A range counts its upper end ("20–30 minutes" is 30 minutes: the
 * page says it may take that long, and a learner who takes it is not over-claiming). Anything
 * else in the text (a weekly rate, running text) makes it not a duration: callers extract the
 * figure first.
 */
const FRACTIONS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75 };

export function readDuration(text: string, vocabulary: Vocabulary): number | null {
  let value = text.replace(/\s+/g, ' ').trim();
  if (value.length === 0 || value.length > 64) return null;
  value = value
    .replace(/^\((.*)\)$/, '$1')
    .replace(/[.:;]$/, '')
    // "2h30", "1h15" (French and Portuguese pages write hours and minutes so): apart, then read.
    // Not "14h30", a French time of day.
    .replace(/(?<!\d)(\d)h(\d{2})(?![\d])/gi, '$1 h $2')
    // "2 ½ hours", "¾ hour": a vulgar fraction as the decimal it is.
    .replace(/(?<![\d.,])(\d{1,3})?\s?([½¼¾])/g, (_, whole: string | undefined, part: string) =>
      String(Number(whole ?? 0) + FRACTIONS[part]!),
    )
    .trim();
  const exact = parseDuration(value);
  if (exact !== null) return exact;
  if (vocabulary.perWeek.test(value)) return null;
  value = value
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(vocabulary.rangePattern, '')
    .replace(vocabulary.andPattern, ' and ')
    .replace(
      vocabulary.unitPattern,
      (_, digit: string, unit: string) =>
        `${digit} ${vocabulary.unitOf.get(unit.toLowerCase().replace(/\s+/g, ' ')) ?? unit}`,
    )
    .replace(/\s+/g, ' ')
    .trim();
  // "1 hr 30": the minutes after the hours need no unit.
  value = value.replace(/^(\d+(?:\.\d+)? hours) (?:and )?(\d{1,2})$/, '$1 $2 minutes');
  // A bare number after another unit is not part of the duration ("4 weeks, 2").
  return (
    parseDuration(value) ?? parseDuration(value.replace(/^(.*[a-z])[, ]+(?:and )?\d{1,2}$/, '$1'))
  );
}

/**
 * A weekly rate and a number of weeks, as course pages give them ("4 weeks, 2 hours a week", or
 * "2 hours per week" alone beside "Duration: 4 weeks"). Null when the text names no weekly rate.
 */
export function readWeekly(
  text: string,
  vocabulary: Vocabulary,
): { perWeekSeconds: number; weeks?: number } | null {
  const value = text.replace(/\s+/g, ' ').trim();
  if (value.length > 80 || !vocabulary.perWeek.test(value)) return null;
  let perWeekSeconds: number | undefined;
  let weeks: number | undefined;
  for (const match of value.matchAll(vocabulary.amountEverywhere)) {
    const seconds = readDuration(match[0], vocabulary);
    if (seconds === null) continue;
    if (seconds >= WEEK_SECONDS && seconds % WEEK_SECONDS === 0) weeks ??= seconds / WEEK_SECONDS;
    else perWeekSeconds ??= seconds;
  }
  return perWeekSeconds === undefined ? null : { perWeekSeconds, ...(weeks ? { weeks } : {}) };
}

export const WEEK_SECONDS = 7 * 24 * 3600;
