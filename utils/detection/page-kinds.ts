/**
 * The kinds of page that are not one learning resource, and how the popup words each (page-kind.ts
 * decides; the popup shows the words). Constants only, so the popup carries no detection code.
 */
export const NOT_RESOURCE_KINDS = [
  'collection',
  'search',
  'application',
  'product',
  'policy',
  'error',
  'event',
  'job',
  'discussion',
  'home',
] as const;
export type NotResourceKind = (typeof NOT_RESOURCE_KINDS)[number];

export interface PageKindVerdict {
  kind: NotResourceKind;
  /** Why, for the popup: "it looks like a list of resources". */
  reason: string;
  /** Which rule decided, for maintainers and tests ("schema-type", "teasers"…). */
  signal: string;
}

export const REASONS: Record<NotResourceKind, string> = {
  collection: 'it looks like a list of resources, not one resource',
  search: 'it looks like a page of search results',
  application: 'it looks like part of a website’s tools (an account, dashboard, booking or form)',
  product: 'it looks like a product for sale',
  policy: 'it looks like a policy, help or legal page',
  error: 'it looks like an error page',
  event: 'it looks like an event that has not happened yet',
  job: 'it looks like a job advert',
  discussion: 'it looks like a discussion thread or a question and its answers',
  home: 'it looks like a website’s home page',
};
