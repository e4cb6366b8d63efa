import type { ResourceKind } from '@/utils/detection/schema';

/** How each kind of resource is named to learners. */
export const KIND_LABELS: Record<ResourceKind, string> = {
  article: 'Article',
  blog: 'Blog',
  video: 'Video',
  audio: 'Audio or podcast',
  course: 'Course or e-learning',
  document: 'Document',
  other: 'Other',
};
