/** Small, bounded DOM-reading helpers shared by the detection signals. */

/** Elements whose text is never part of the page's own content. */
export const NEVER_CONTENT = new Set([
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

/**
 * Upper bound on the nodes a walk hands to detection's code, so an enormous page cannot stall it:
 * elements and text for `walk`, text only for `forEachTextNode` (the browser passes over the
 * elements between them natively, as the page-kind rules' selector queries do).
 */
const MAX_VISITED_NODES = 80_000;

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
 * Walks `root` in document order, skipping the subtrees of elements for which `skip` holds.
 * No NodeFilter callback: a page with scripting disabled makes such callbacks unrunnable
 * ("The provided callback is no longer runnable"), even for extension code.
 */
export function walk(
  root: Node,
  skip: (element: Element) => boolean,
  visit: (node: Node) => boolean | undefined,
  limit: number,
): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  let visited = 0;
  let node: Node | null = walker.nextNode();
  while (node && visited++ < limit) {
    if (node.nodeType === 1 && skip(node as Element)) {
      // Past this element's subtree: its next sibling, or the next sibling of an ancestor.
      let next: Node | null = walker.nextSibling();
      while (!next && walker.parentNode() && walker.currentNode !== root)
        next = walker.nextSibling();
      node = next;
      continue;
    }
    if (visit(node) === true) return;
    node = walker.nextNode();
  }
}

const NEVER_CONTENT_SELECTOR = [...NEVER_CONTENT].map((tag) => tag.toLowerCase()).join(', ');

/**
 * Visits, in document order, the text nodes under `root` whose text passes `test` and which are
 * not inside a script, a style or the like, stopping after `MAX_VISITED_NODES` text nodes. The
 * callback returns true to stop early. Only text nodes are walked, and the cheap `test` on the
 * text comes first: on a large page nearly every node fails it, and detection runs cold on each
 * page load, so the per-node work is one call and one test.
 */
export function forEachTextNode(
  root: Node,
  test: (text: string) => boolean,
  visit: (node: Text) => boolean | undefined,
): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  let visited = 0;
  for (let node = walker.nextNode(); node && visited++ < MAX_VISITED_NODES;) {
    if (
      test(node.nodeValue ?? '') &&
      !node.parentElement?.closest(NEVER_CONTENT_SELECTOR) &&
      visit(node as Text) === true
    )
      return;
    node = walker.nextNode();
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
