import type { LearningRecord } from '../../utils/records.ts';

/**
 * Deterministic, realistic learning records for tests and benchmarks: a mix of page and manual
 * entries over the last three years, with reflections, tags, standards, and a few hostile or
 * unusual titles (HTML, right-to-left text, emoji). Same seed, same records.
 */

const TITLES = [
  'Supporting people through change',
  'Safeguarding adults: recognising financial abuse',
  'Dementia care at home: communication tips',
  'Trauma-informed practice in social work',
  'Medicines reconciliation on admission',
  'Handover using SBAR',
  'Leading compassionate teams',
  'Sepsis: the first hour',
  'Mental capacity assessments in practice',
  'Pressure ulcer prevention update',
];
const ODD_TITLES = [
  '<img src=x onerror=alert(1)> Infection control',
  'رعاية مرضى الخرف في المنزل',
  'Wellbeing week 🌱 — looking after yourself',
];
const TAGS = ['safeguarding', 'dementia', 'leadership', 'medicines', 'communication', 'wellbeing'];
const STANDARDS = [
  'nmc:prioritise-people',
  'nmc:practise-effectively',
  'nmc:preserve-safety',
  'nmc:promote-professionalism',
];
const SITES = ['learning.nes.nhs.scot', 'www.e-lfh.org.uk', 'www.scie.org.uk', 'blog.example.org'];

/** Mulberry32: small, fast and repeatable; test data and the sync server's faults use it. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function makeRecords(
  count: number,
  { seed = 1, today = '2026-11-26' }: { seed?: number; today?: string } = {},
): LearningRecord[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const todayTime = Date.parse(`${today}T12:00:00Z`);
  const records: LearningRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    const daysAgo = Math.floor(next() * 3 * 365);
    const day = new Date(todayTime - daysAgo * 86_400_000);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const manual = next() < 0.25;
    const title = index % 97 === 0 ? pick(ODD_TITLES) : `${pick(TITLES)} (${index + 1})`;
    const minutes = 5 + Math.floor(next() * 115);
    const created = day.getTime() + Math.floor(next() * 3_600_000);
    const tags = TAGS.filter(() => next() < 0.25);
    const record: LearningRecord = {
      id: `${pad(seed, 8)}-0000-4000-8000-${pad(index, 12)}`,
      title,
      kind: manual
        ? pick(['conference', 'workshop', 'supervision'] as const)
        : pick(['article', 'blog', 'video', 'course'] as const),
      date,
      creditedSeconds: minutes * 60,
      recordedEarly: !manual && next() < 0.05,
      origin: manual ? 'manual' : 'page',
      whatLearned: `What I learned from item ${index + 1}: ${pick(TITLES).toLowerCase()} matters for the people I support, and I will share it with my team.`,
      howWillUse: 'I will use this at the next team huddle and in my own practice.',
      standards: STANDARDS.filter(() => next() < 0.3),
      participatory: manual ? next() < 0.8 : false,
      planned: next() < 0.5,
      tags,
      notes: next() < 0.2 ? 'Discussed with my line manager in supervision.' : '',
      createdAt: created,
      updatedAt: created,
    };
    if (!manual) {
      record.url = `https://${pick(SITES)}/resources/${index + 1}`;
      record.spentSeconds = minutes * 60 + Math.floor(next() * 60);
      record.statedSeconds = minutes * 60;
      record.statedSource = 'label-pair';
    }
    records.push(record);
  }
  return records;
}
