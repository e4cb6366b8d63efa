import type { RecordKind } from '@/utils/records';

/** How each kind of learning is named to learners. */
export const KIND_LABELS: Record<RecordKind, string> = {
  article: 'Article',
  blog: 'Blog',
  video: 'Video',
  audio: 'Audio or podcast',
  course: 'Course or e-learning',
  document: 'Document',
  conference: 'Conference or event',
  workshop: 'Workshop or training session',
  supervision: 'Supervision or mentoring',
  discussion: 'Discussion with colleagues',
  shadowing: 'Shadowing or observation',
  other: 'Other',
};
