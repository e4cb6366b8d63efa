import { collapseWhitespace } from '@/utils/detection/dom-text';

const MAX_TITLE = 300;

function clip(text: string | null | undefined): string | null {
  const clean = collapseWhitespace(text ?? '');
  if (!clean) return null;
  return clean.length > MAX_TITLE ? `${clean.slice(0, MAX_TITLE - 1)}…` : clean;
}

/** The resource's title: its main heading, else og:title, else the document title. */
export function findTitle(doc: Document): string | null {
  const heading =
    doc.querySelector('main h1, article h1, [role="main"] h1') ?? doc.querySelector('h1');
  const ogTitle = doc.querySelector('meta[property="og:title" i]')?.getAttribute('content');
  return clip(heading?.textContent) ?? clip(ogTitle) ?? clip(doc.title);
}
