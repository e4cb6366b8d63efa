import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { ResourceDetection } from '../utils/detection/schema.ts';

/**
 * Learnlog's own labelled detection fixtures (tests/fixtures/detection): pages modelled on real
 * health, care and learning sites, and on the pages that fool detectors (listings whose cards each
 * state a time, shops, inboxes, cookie policies, events yet to happen), in English, Welsh,
 * Scottish Gaelic and other languages. Each page's truth is in `labels/*.json`, never in the page
 * (detection could read it there). Kept apart from the shared corpus, which goes on running.
 */

export const DETECTION_FIXTURES_DIR = resolve(
  import.meta.dirname ?? process.cwd(),
  'fixtures/detection',
);

export const RESOURCE_CATEGORIES = [
  'article',
  'e-learning',
  'course',
  'guidance',
  'video',
  'audio',
] as const;
export const OTHER_CATEGORIES = [
  'collection',
  'search',
  'application',
  'product',
  'legal',
  'error',
  'event',
  'home',
] as const;

const LabelSchema = z.strictObject({
  file: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+\.html$/),
  category: z.enum([...RESOURCE_CATEGORIES, ...OTHER_CATEGORIES]),
  isResource: z.boolean(),
  /** What the page states for its own resource, in seconds (a range: its upper end). */
  statedSeconds: z.number().int().positive().nullable(),
  language: z.string().min(2),
  modelledOn: z.string().min(3),
  /** What would fool a naive detector here. */
  trap: z.string().min(3),
});
export type FixtureLabel = z.infer<typeof LabelSchema>;

/** Every label, from every labels file; a label out of shape fails with its file named. */
export function fixtureLabels(): FixtureLabel[] {
  const dir = join(DETECTION_FIXTURES_DIR, 'labels');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      const parsed = z
        .array(LabelSchema)
        .safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!parsed.success) throw new Error(`labels/${name}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** The address a fixture is detected under: a neutral host, so no site profile applies. */
export const fixtureUrl = (label: FixtureLabel) =>
  new URL(`https://fixtures.invalid/${label.file}`);

export interface FixtureOutcome {
  label: FixtureLabel;
  detection: ResourceDetection | null;
}

interface Tally {
  pages: number;
  right: number;
}

export interface FixtureScore {
  pages: number;
  /** Of the pages taken for resources, how many are. */
  precision: number;
  /** Of the resources, how many were taken for one. */
  recall: number;
  /** "Is it a resource" answered right, per category. */
  byCategory: Map<string, Tally>;
  /** Resources that state a time: the time read right (±1 s). */
  statedRead: Tally;
  /** Pages that state no time (resources or not): a time read off them anyway. */
  invented: { pages: number; invented: number };
  misses: { file: string; why: string }[];
}

/** Nothing to count is not a success: a detector that takes nothing has no precision to claim. */
const fraction = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function scoreFixtures(outcomes: readonly FixtureOutcome[]): FixtureScore {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const byCategory = new Map<string, Tally>();
  const statedRead: Tally = { pages: 0, right: 0 };
  const invented = { pages: 0, invented: 0 };
  const misses: { file: string; why: string }[] = [];
  for (const { label, detection } of outcomes) {
    const taken = detection !== null;
    const tally = byCategory.get(label.category) ?? { pages: 0, right: 0 };
    tally.pages += 1;
    if (taken === label.isResource) tally.right += 1;
    byCategory.set(label.category, tally);
    if (taken && label.isResource) truePositives += 1;
    if (taken && !label.isResource) {
      falsePositives += 1;
      misses.push({ file: label.file, why: `taken for a ${detection.kind}` });
    }
    if (!taken && label.isResource) {
      falseNegatives += 1;
      misses.push({ file: label.file, why: 'not taken for a resource' });
    }
    const read = detection?.stated?.seconds;
    if (label.isResource && label.statedSeconds !== null) {
      statedRead.pages += 1;
      if (read !== undefined && Math.abs(read - label.statedSeconds) <= 1) statedRead.right += 1;
      else if (taken)
        misses.push({
          file: label.file,
          why: `stated ${label.statedSeconds} s, read ${read === undefined ? 'none' : `${read} s`}`,
        });
    }
    if (label.statedSeconds === null) {
      invented.pages += 1;
      if (read !== undefined) {
        invented.invented += 1;
        misses.push({ file: label.file, why: `states no time, read ${read} s` });
      }
    }
  }
  return {
    pages: outcomes.length,
    precision: fraction(truePositives, truePositives + falsePositives),
    recall: fraction(truePositives, truePositives + falseNegatives),
    byCategory,
    statedRead,
    invented,
    misses,
  };
}
