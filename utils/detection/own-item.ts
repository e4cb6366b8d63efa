/**
 * Whether a figure on the page belongs to the page's own resource. A time inside a repeated card
 * (a listing's teasers, "You might also like"), a related or recommended list, comments, a
 * cookie notice, navigation, a footer or something hidden is another item's, however it is
 * written. The page's own info panel may sit in a sidebar ("About this resource"): a sidebar is
 * not by itself another item's.
 */

const FURNITURE =
  'nav, footer, [role="navigation"], [role="contentinfo"], [hidden], [aria-hidden="true"], [role="dialog"], [role="alertdialog"]';

const ELSEWHERE_NAME =
  /related|recommended|recommender|more-?from|also-?like|you-?might|read-?next|up-?next|next-?up|teaser|promo|carousel|playlist|comment|cookie|consent|gdpr|newsletter|popular|trending|suggest/i;

/** How far up a card may wrap the label (a card's title, body and its meta row). */
const MAX_CARD_DEPTH = 7;

function names(element: Element): string {
  return `${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''} ${element.getAttribute('aria-labelledby') ?? ''}`;
}

/** Siblings that look alike: same tag and same first class. */
function signature(element: Element): string {
  const firstClass = (element.getAttribute('class') ?? '').trim().split(/\s+/)[0] ?? '';
  return `${element.tagName}.${firstClass}`;
}

/** One of several alike siblings that each show the same label: a card in a list. */
function isRepeatedItem(element: Element, labelText: string): boolean {
  const parent = element.parentElement;
  if (!parent || parent.children.length < 2 || parent.children.length > 400) return false;
  const own = signature(element);
  const row = element.tagName.toUpperCase() === 'TR';
  if (row && element.querySelector('a[href]') === null) return false;
  const label = labelText.toLowerCase();
  let alike = 0;
  for (let index = 0; index < parent.children.length && index < 400; index++) {
    const sibling = parent.children[index]!;
    if (sibling === element || signature(sibling) !== own) continue;
    // A listing's rows each lead elsewhere; a details table's rows do not.
    if (row && sibling.querySelector('a[href]') === null) continue;
    const text = sibling.textContent ?? '';
    if (text.length < 4_000 && text.toLowerCase().includes(label)) alike += 1;
    if (alike >= 1) return true;
  }
  return false;
}

function holdsPageHeading(element: Element): boolean {
  return element.querySelector('h1, article, main, [itemprop~="articleBody"]') !== null;
}

/** Whether `element`'s figure (labelled `labelText`) belongs to something other than the page. */
export function belongsElsewhere(element: Element, labelText: string): boolean {
  if (element.closest(FURNITURE)) return true;
  let current: Element | null = element;
  let rowSeen = false;
  for (let depth = 0; current && depth < 12; depth++) {
    const tag = current.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'MAIN' || tag === 'HTML') break;
    // A section's own heading names it: "You might also like", "More from this author".
    // Unless it wraps the page's own heading or article: pages put state classes such as
    // "is-showingReadNextSidebar" on the wrapper of everything.
    if (ELSEWHERE_NAME.test(names(current)) && !holdsPageHeading(current)) return true;
    // Only the label's own table row may be a listing's (an old table-built page's list of
    // other modules, each row a link and its "Time: 20 mins"); cells are parts of their row, and
    // in a table-built layout its columns, never items of their own.
    if (
      depth < MAX_CARD_DEPTH &&
      tag !== 'DT' &&
      tag !== 'DD' &&
      tag !== 'TD' &&
      tag !== 'TH' &&
      (tag !== 'TR' || !rowSeen) &&
      isRepeatedItem(current, labelText)
    )
      return true;
    if (tag === 'TR') rowSeen = true;
    current = current.parentElement;
  }
  return false;
}
