/** Small, bounded DOM-reading helpers shared by the detection signals. */

/** Elements whose text is never part of the page's own content. */
const NEVER_CONTENT = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
]);

/** Page furniture: a duration here belongs to something else (a menu, a footer link). */
const FURNITURE =
  'nav, footer, [role="navigation"], [role="contentinfo"], [hidden], [aria-hidden="true"]';

/** Upper bound on text nodes visited, so an enormous page cannot stall detection. */
export const MAX_TEXT_NODES = 20_000;

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The element's text with whitespace collapsed, or null when it is too long to be a label. */
export function shortText(element: Element | null | undefined, maxLength = 80): string | null {
  if (!element) return null;
  const raw = element.textContent ?? '';
  // Cheap guard before collapsing: a huge subtree is not a label or a value.
  if (raw.length > maxLength * 8) return null;
  const text = collapseWhitespace(raw);
  return text.length > 0 && text.length <= maxLength ? text : null;
}

export function isFurniture(element: Element): boolean {
  return element.closest(FURNITURE) !== null;
}

/**
 * Visits the document's content text nodes in order, skipping scripts, styles and the like,
 * stopping after `MAX_TEXT_NODES`. The callback returns true to stop early.
 */
export function forEachTextNode(root: Node, visit: (node: Text) => boolean | undefined): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x4 /* NodeFilter.SHOW_TEXT */, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (!parent || NEVER_CONTENT.has(parent.tagName.toUpperCase())) return 2; // FILTER_REJECT
      return 1; // FILTER_ACCEPT
    },
  });
  let visited = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++visited > MAX_TEXT_NODES) return;
    if ((node.nodeValue ?? '').trim().length === 0) continue;
    if (visit(node as Text) === true) return;
  }
}

/**
 * querySelectorAll as a plain array, by index: Firefox's Xray wrappers make DOM iterators
 * unreliable in content scripts, and a hostile selector match list may be huge.
 */
export function all(root: ParentNode, selector: string, limit = 500): Element[] {
  const list = root.querySelectorAll(selector);
  const found: Element[] = [];
  for (let index = 0; index < list.length && index < limit; index++) found.push(list[index]!);
  return found;
}

export function attribute(
  element: Element | null | undefined,
  name: string,
  maxLength = 200,
): string | null {
  const value = element?.getAttribute(name);
  if (value === null || value === undefined) return null;
  const clean = collapseWhitespace(value);
  return clean.length > 0 && clean.length <= maxLength ? clean : null;
}
