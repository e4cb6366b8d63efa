import { Readability } from '@mozilla/readability';
import { countContent } from '@/utils/detection/main-content';
import type { ReaderCounts } from '@/utils/detection/estimate';

/**
 * A page with more elements than this is not read (nor copied): one page of the corpus (1.2 MiB)
 * has about 19,000; a page made to be huge costs one count of its elements.
 */
export const MAX_ELEMENTS = 40_000;

/**
 * The page's main text as Firefox's Reader View finds it (`@mozilla/readability`), counted as
 * Learnlog counts its own main text (words, CJK characters, pictures). Never in the reading
 * script: it runs in the estimate script the background injects, once the page is idle, only
 * for a resource that states no time (docs/detection.md, "Estimates").
 */
export function readerCounts(doc: Document, maxElements = MAX_ELEMENTS): ReaderCounts | null {
  // Readability's own limit, checked before the copy is made: a huge page is not copied at all.
  if (doc.getElementsByTagName('*').length > maxElements) return null;
  // parse() rewrites the document it reads: it reads a copy, which has no window (no scripts
  // run in it, nothing loads), and hands back its article element rather than HTML to parse.
  const copy = doc.cloneNode(true) as Document;
  let article: ReturnType<Readability<Node>['parse']>;
  try {
    article = new Readability<Node>(copy, {
      maxElemsToParse: maxElements,
      serializer: (node) => node,
    }).parse();
  } catch {
    return null;
  }
  const content = article?.content;
  if (!content || content.nodeType !== 1) return null;
  const { words, cjkCharacters, images } = countContent(content as Element);
  return { words, cjkCharacters, images };
}
