import { attribute, collapseWhitespace } from '@/utils/detection/dom-text';

const MAX_TITLE = 300;
const DEFAULT_SELECTORS = ['main h1', 'article h1', '[role="main"] h1', 'h1'];

function clip(text: string | null | undefined): string | null {
  const clean = collapseWhitespace(text ?? '');
  if (!clean) return null;
  return clean.length > MAX_TITLE ? `${clean.slice(0, MAX_TITLE - 1)}…` : clean;
}

/** The resource's title: its main heading, else og:title, else the document title. */
export function findTitle(doc: Document, selectors: string[] = DEFAULT_SELECTORS): string | null {
  for (const selector of selectors) {
    let text: string | null;
    try {
      text = clip(doc.querySelector(selector)?.textContent);
    } catch {
      continue; // an invalid selector in a profile
    }
    if (text) return text;
  }
  const ogTitle = attribute(doc.querySelector('meta[property="og:title" i]'), 'content', 2000);
  return clip(ogTitle) ?? clip(doc.title);
}
