import type { ResourceKind } from '@/utils/detection/schema';

const KIND_WORDS: [RegExp, ResourceKind][] = [
  [/\bblog/i, 'blog'],
  [/\b(?:video|film|webinar recording|animation)/i, 'video'],
  [/\b(?:podcast|audio|listen)/i, 'audio'],
  [/\b(?:course|e-?learning|module|webinar|workshop|lesson|tutorial|training)/i, 'course'],
  [/\b(?:document|pdf|report|guide|guidance|toolkit|paper|publication|policy)/i, 'document'],
  [/\b(?:article|news|story|case study|read)/i, 'article'],
];

/** Maps a publisher's type label ("Blog", "eLearning module") to one of Learnlog's kinds. */
export function kindFromLabel(label: string): ResourceKind {
  for (const [pattern, kind] of KIND_WORDS) {
    if (pattern.test(label)) return kind;
  }
  return 'other';
}
