import { all, attribute, collapseWhitespace, shortText } from '@/utils/detection/dom-text';
import { CJK, WORD } from '@/utils/detection/main-content';
import { schemaItems } from '@/utils/detection/schema-org';
import type { Vocabulary } from '@/utils/detection/vocabulary';
import { REASONS, type NotResourceKind, type PageKindVerdict } from '@/utils/detection/page-kinds';

/**
 * What kind of page it is, decided before any number on it is read: a page that is not one
 * learning resource is never tracked, whatever times it shows (a listing's teasers, a shop's
 * dispatch countdown, a dashboard's hours). The kinds, and the plain words the popup uses:
 * a collection or search results (many teasers linking elsewhere), an application page (sign-in,
 * inbox, booking, basket, dashboard, settings, a page that is mostly a form), a product, a
 * policy, help or error page, an event yet to happen, a job advert, a discussion thread or a
 * question with its answers, and a site's home page.
 *
 * Each rule reads what the page says of itself (schema.org types, its main heading and title,
 * its address, its controls) or its structure (cards, forms). Words are data, per language
 * (`languages.json`, `pageWords`).
 */

export {
  NOT_RESOURCE_KINDS,
  REASONS,
  type NotResourceKind,
  type PageKindVerdict,
} from '@/utils/detection/page-kinds';

const verdict = (kind: NotResourceKind, signal: string): PageKindVerdict => ({
  kind,
  reason: REASONS[kind],
  signal,
});

/**
 * JSON-LD only: WordPress themes mark every page's body as a microdata Blog. A series' page
 * (schema.org `CreativeWorkSeries` and its `PodcastSeries`, `TVSeries`, `BookSeries`) lists its
 * episodes or books, each a resource of its own.
 */
const COLLECTION_TYPES = new Set([
  'CollectionPage',
  'ItemList',
  'ProfilePage',
  'CreativeWorkSeries',
  'PodcastSeries',
  'TVSeries',
  'BookSeries',
]);
const SEARCH_TYPES = new Set(['SearchResultsPage']);
const PRODUCT_TYPES = new Set([
  'Product',
  'ProductGroup',
  'IndividualProduct',
  'Offer',
  'AggregateOffer',
]);
const EVENT_TYPES = new Set([
  'Event',
  'EducationEvent',
  'BusinessEvent',
  'SocialEvent',
  'Festival',
  'ExhibitionEvent',
  'EventSeries',
]);
const APPLICATION_TYPES = new Set(['CheckoutPage']);
/**
 * Job sites add `JobPosting` to adverts so that Google's job search lists them
 * (https://developers.google.com/search/docs/appearance/structured-data/job-posting).
 */
const JOB_TYPES = new Set(['JobPosting']);
/**
 * Forum software and Q&A sites mark a thread up for Google's search as a discussion
 * (https://developers.google.com/search/docs/appearance/structured-data/discussion-forum) or a
 * question with its answers (https://developers.google.com/search/docs/appearance/structured-data/qapage).
 */
const DISCUSSION_TYPES = new Set(['DiscussionForumPosting', 'SocialMediaPosting', 'QAPage']);

/** Address segments of a site's tools, not its content. */
const APPLICATION_SEGMENTS = new Set([
  'dashboard',
  'inbox',
  'mail',
  'account',
  'my-account',
  'myaccount',
  'profile',
  'settings',
  'preferences',
  'basket',
  'cart',
  'checkout',
  'login',
  'log-in',
  'signin',
  'sign-in',
  'signup',
  'sign-up',
  'my',
  'my-learning',
  'my-courses',
  'learning-log',
  'my-learning-log',
  'appointments',
  'booking',
  'bookings',
  'transcript',
  'admin',
]);
const SEARCH_SEGMENTS = new Set([
  'search',
  'results',
  'search-results',
  'zoeken',
  'suche',
  'recherche',
  'buscar',
  'cerca',
  'chwilio',
]);
const SEARCH_PARAMETERS = ['q', 'query', 'search', 's', 'keywords', 'keyword', 'term', 'k', 'text'];
const COLLECTION_SEGMENTS = new Set([
  'category',
  'categories',
  'tag',
  'tags',
  'topic',
  'topics',
  'archive',
  'page',
]);
const HOME_PATH = /^\/(?:[a-z]{2}(?:[-_][a-z]{2})?\/?)?(?:index\.[a-z]{3,4}|home\/?)?$/i;

const CURRENCY_AMOUNT =
  /(?:[£€$]\s?\d{1,5}(?:[.,]\d{2})?|\d{1,5}(?:[.,]\d{2})?\s?(?:€|zł|PLN|EUR|GBP))/;

function normalise(text: string | null | undefined): string {
  return collapseWhitespace(text ?? '')
    .toLowerCase()
    .replace(/[.!?:]+$/, '')
    .trim();
}

/** `og:type` naming the page an article, a video, a track or a book. */
function declaresResource(doc: Document): boolean {
  const type = attribute(doc.querySelector('meta[property="og:type" i]'), 'content') ?? '';
  return /^(?:article|video|music|book)/i.test(type);
}

/** The page's main heading (or ''), then its title's first two parts ("Home | Trust" gives "home"). */
function headings(doc: Document, mainRoot: Element): string[] {
  const h1 = mainRoot.querySelector('h1') ?? doc.querySelector('h1');
  const heading = h1 ? normalise(h1.textContent) : '';
  const title = collapseWhitespace(doc.title ?? '');
  const parts = title
    .split(/\s+[|–—·•-]\s+|\s*[|–—·•]\s*/)
    .slice(0, 2)
    .map(normalise);
  return [heading.length <= 80 ? heading : '', ...parts.filter((part) => part.length <= 80)];
}

const matches = (texts: readonly string[], words: Set<string>) =>
  texts.some(
    (text) => text !== '' && (words.has(text) || words.has(text.replace(/^\d{3}\s*[-–:]?\s*/, ''))),
  );

function inHelpCentre(doc: Document, titles: readonly string[], helpSites: Set<string>): boolean {
  const siteName = normalise(
    doc.querySelector('meta[property="og:site_name"]')?.getAttribute('content'),
  );
  // The title's last part names the site ("… – Brightwell Help Centre"); its first is the page's.
  const siteTitle = titles.length > 2 ? titles[titles.length - 1]! : '';
  for (const name of [siteName, siteTitle]) {
    if (name === '') continue;
    for (const site of helpSites) if (name === site || name.endsWith(` ${site}`)) return true;
  }
  return false;
}

/**
 * "Cookie policy"; a heading ending in a policy's name ("Adult social care privacy notice"); or
 * one starting with it, then a short joining word ("Accessibility statement for …", "Terms and
 * conditions of booking") — not "Privacy notice changes: what care homes must do".
 */
function isPolicyHeading(heading: string, policies: Set<string>): boolean {
  if (policies.has(heading)) return true;
  // "Privacy notice: training in social work" names the policy before its subject; a name of
  // two words or more, so that "Cookies: what nurses need to know" stays an article.
  const lead = heading.split(':')[0]!.trim();
  if (lead !== heading && lead.includes(' ') && policies.has(lead)) return true;
  const words = heading.split(' ');
  if (words.length > 8) return false;
  for (const policy of policies) {
    if (!policy.includes(' ')) continue;
    if (heading.endsWith(` ${policy}`)) return true;
    if (heading.startsWith(`${policy} `)) {
      const next = words[policy.split(' ').length] ?? '';
      if (next.length <= 4 && !/\d/.test(next)) return true;
    }
  }
  return false;
}

/** What the page's tools are made of, found in one pass over the page. */
interface ToolCensus {
  passwordShown: boolean;
  /** ARIA widgets of a web application: a mail client's message list, folder tree, toolbar… */
  widgets: number;
  /** …and their items. */
  widgetItems: number;
  /** Progress bars in the main content (a dashboard's courses). */
  progressBars: number;
}

const WIDGET_ROLES = new Set(['listbox', 'tree', 'grid', 'treegrid', 'menubar', 'toolbar']);

function toolCensus(doc: Document, mainRoot: Element): ToolCensus {
  const census: ToolCensus = { passwordShown: false, widgets: 0, widgetItems: 0, progressBars: 0 };
  for (const element of all(
    doc,
    'input[type="password" i], progress, [role="progressbar"], [role="listbox"], [role="tree"], [role="grid"], [role="treegrid"], [role="menubar"], [role="toolbar"], [role="option"], [role="treeitem"], [role="row"], [role="gridcell"]',
    300,
  )) {
    const role = element.getAttribute('role') ?? '';
    if (element.tagName.toUpperCase() === 'INPUT') census.passwordShown ||= shown(element);
    else if (role === 'progressbar' || element.tagName.toUpperCase() === 'PROGRESS') {
      if (mainRoot.contains(element)) census.progressBars += 1;
    } else if (WIDGET_ROLES.has(role)) census.widgets += 1;
    else census.widgetItems += 1;
  }
  return census;
}

/** A price ending a control's text: "Enroll now £49", "Buy now – €89,00". */
const PRICE_AFTER = /\s*[-–]?\s*[£$€]\s?\d[\d.,]*$|\s*[-–]?\s*\d[\d.,]*\s?(?:€|zł|eur)$/i;

/** Controls a visitor acts with: buttons and submit inputs… */
const BUTTONS = 'button, input[type="submit" i], input[type="button" i], a[role="button"]';
/** …and links styled as buttons, which cost a match of every link's class. */
const BUTTON_LINKS = 'a[class*="button" i], a[class*="btn" i]';

/** The text of the controls `selector` finds. */
function controlTexts(root: ParentNode, selector: string, limit = 200, outside?: string): string[] {
  return all(root, selector, limit)
    .filter((element) => !outside || !element.closest(outside))
    .map((element) => normalise(element.textContent || attribute(element, 'value')))
    .filter((text) => text.length > 0 && text.length <= 60);
}

/** The start of an element's text, without building the text of a huge page. */
function boundedText(root: Element): string {
  let text = '';
  for (const element of all(root, 'p, span, div, strong, b, dd, td, li', 400)) {
    if (element.childElementCount > 3) continue;
    text += ` ${element.textContent ?? ''}`;
    if (text.length > 20_000) break;
  }
  return text;
}

/** A site's own furniture: its menus link to its careers pages, its filters say "Apply". */
const SITE_FURNITURE = 'nav, header, footer';
/** Elements that label one fact of a job advert: "<dt>Salary</dt>", "<span class="label">Gehalt</span>". */
const FACT_LABELS = 'dt, th, [class*="label" i]';
/** A job advert labels several of a job's facts; a careers article may name one. */
const JOB_FACTS_ENOUGH = 2;

/** Whether the page labels enough of a job's facts ("Salary", "Contract type"), outside its furniture. */
function labelsJobFacts(root: ParentNode, facts: Set<string>): boolean {
  const named = new Set<string>();
  for (const element of all(root, FACT_LABELS, 300)) {
    if (element.closest(SITE_FURNITURE)) continue;
    const text = normalise(shortText(element, 40));
    if (facts.has(text)) named.add(text);
  }
  return named.size >= JOB_FACTS_ENOUGH;
}

/** A control or a link to apply, outside the furniture: "Apply for this job", "Inscribirme en esta oferta". */
function appliesForJob(root: ParentNode, actions: Set<string>): boolean {
  return controlTexts(root, `${BUTTONS}, a[href]`, 1_000, SITE_FURNITURE).some((text) =>
    actions.has(text),
  );
}

/** Whether an element is shown: not hidden by attribute or inline style. */
function shown(element: Element): boolean {
  if (element.closest('[hidden], [aria-hidden="true"]')) return false;
  const style = element.getAttribute('style') ?? '';
  return !/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Form fields a visitor fills in (not search boxes, not hidden). */
function formFields(root: ParentNode): Element[] {
  return all(root, 'input, select, textarea', 300).filter((field) => {
    const type = (field.getAttribute('type') ?? 'text').toLowerCase();
    if (['hidden', 'submit', 'button', 'search', 'image', 'reset'].includes(type)) return false;
    if (field.closest('[role="search"], nav, header, footer')) return false;
    return shown(field);
  });
}

/** Words in `text`, a Chinese, Japanese or Korean character counting as one. */
const wordsIn = (text: string) => (text.match(CJK)?.length ?? 0) + (text.match(WORD)?.length ?? 0);

/** Enough prose to be a page of its own, whatever else it has: counting stops here. */
const PROSE_ENOUGH = 800;
/** Containers whose paragraphs are not the page's own prose. */
const NOT_PROSE =
  'aside, nav, footer, form, [role="complementary"], [role="navigation"], [role="dialog"]';

/**
 * Words in the main content's paragraphs, outside the given cards and asides, up to
 * `PROSE_ENOUGH` (the rules only ask whether there is little).
 */
function proseWords(mainRoot: Element, cards: readonly Element[]): number {
  let words = 0;
  // Looked up by ancestor: a listing has hundreds of cards and a page hundreds of paragraphs.
  const inCards = new Set(cards);
  const inCard = (paragraph: Element) => {
    for (let at: Element | null = paragraph; at && at !== mainRoot; at = at.parentElement)
      if (inCards.has(at)) return true;
    return false;
  };
  for (const paragraph of all(mainRoot, 'p', 600)) {
    if (paragraph.closest(NOT_PROSE)) continue;
    if (inCards.size > 0 && inCard(paragraph)) continue;
    const text = paragraph.textContent ?? '';
    if (text.length > 20_000) return PROSE_ENOUGH;
    // Han, kana and hangul are read per character, as in the estimate.
    words += wordsIn(text);
    if (words >= PROSE_ENOUGH) return words;
  }
  return words;
}

/**
 * Teasers linking elsewhere: headings that are links (or sit in one), each the title of another
 * item. The card is the heading's nearest ancestor that has a sibling like it.
 */
function teaserCards(mainRoot: Element): Element[] {
  const cards: Element[] = [];
  // Few linked headings at all: no listing (most articles stop here, cheaply).
  if (mainRoot.querySelectorAll(LINKED_HEADINGS).length < 3) return cards;
  for (const heading of all(mainRoot, 'h2, h3, h4, h5', 400)) {
    const link = heading.closest('a[href]') ?? heading.querySelector('a[href]');
    if (!link || !shown(heading)) continue;
    // The heading is the link (a teaser's title), not a heading with an "edit" link in it.
    const headingText = collapseWhitespace(heading.textContent ?? '');
    if (
      !link.contains(heading) &&
      collapseWhitespace(link.textContent ?? '').length < headingText.length * 0.6
    )
      continue;
    if (heading.closest(NOT_TEASERS)) continue;
    let card: Element = heading;
    for (
      let at: Element | null = heading.parentElement, depth = 0;
      at && at !== mainRoot && depth < 5;
      at = at.parentElement, depth++
    ) {
      const alike = (sibling: Element | null) =>
        sibling !== null &&
        sibling.tagName === at!.tagName &&
        sibling.querySelector('a[href]') !== null;
      if (alike(at.previousElementSibling) || alike(at.nextElementSibling)) {
        card = at;
        break;
      }
    }
    cards.push(card);
  }
  return cards;
}

/** Rows of a table or list that each lead to another page: a forum's topics, a calendar's sessions. */
const ROWS_ENOUGH = 5;
/** Rows looked at per table or list: enough to tell a listing, bounded on a huge one. */
const ROWS_LOOKED_AT = 40;

/** A link to another page: not an anchor on this one, a script, mail or a phone number. */
function linkElsewhere(row: Element): string | undefined {
  for (const link of all(row, 'a[href]', 6)) {
    const href = (link.getAttribute('href') ?? '').trim();
    if (href !== '' && !/^(?:#|javascript:|mailto:|tel:)/i.test(href)) return href;
  }
  return undefined;
}

/**
 * A list item that starts with its link and says more after it (a topic's excerpt, a session's
 * venue), read text node by text node so a huge item costs no more than its start.
 */
function leadsWithLink(row: Element): boolean {
  const link = row.querySelector('a[href]');
  if (!link || collapseWhitespace(link.textContent ?? '').length < 3) return false;
  const walker = row.ownerDocument.createTreeWalker(row, 4 /* NodeFilter.SHOW_TEXT */);
  let after = 0;
  for (let node = walker.nextNode(), seen = 0; node && seen < 60; node = walker.nextNode()) {
    seen++;
    const length = (node.nodeValue ?? '').trim().length;
    if (length === 0 || link.contains(node)) continue;
    // Text before the link: a reference list's authors, a date, a number.
    if (link.compareDocumentPosition(node) & 2 /* DOCUMENT_POSITION_PRECEDING */) return false;
    after += length;
    if (after >= 20) return true;
  }
  return false;
}

/**
 * A table row with text of its own besides its links (a session's date and venue, a topic's
 * replies): a row that is only a link is a menu's, as old table-built sites lay out navigation.
 */
function saysMoreThanLinks(row: Element): boolean {
  const walker = row.ownerDocument.createTreeWalker(row, 4 /* NodeFilter.SHOW_TEXT */);
  let outside = 0;
  for (let node = walker.nextNode(), seen = 0; node && seen < 60; node = walker.nextNode()) {
    seen++;
    if (node.parentElement?.closest('a[href]')) continue;
    outside += (node.nodeValue ?? '').trim().length;
    if (outside >= 3) return true;
  }
  return false;
}

/** A card's own words at most: a heading and a line or two, not a whole post of a feed. */
const CARD_WORDS = 60;

/**
 * A grid of alike boxes, each a heading, a line or two and a link to another page ("Member
 * benefits": "Free legal advice … Legal services"), holding at least half the main content's
 * text: the children of one element sharing a tag and first class. Headings need not be links
 * here, as the teasers' do.
 */
function cardGrid(mainRoot: Element): Element[] {
  for (const group of [mainRoot, ...all(mainRoot, 'section, div, ul, ol', 40)]) {
    const children = group.children;
    if (children.length < ROWS_ENOUGH) continue;
    const byKind = new Map<string, Element[]>();
    for (let index = 0; index < children.length && index < ROWS_LOOKED_AT; index++) {
      const child = children[index]!;
      const kind = `${child.tagName} ${(child.getAttribute('class') ?? '').trim().split(/\s+/)[0]}`;
      const alike = byKind.get(kind);
      if (alike) alike.push(child);
      else byKind.set(kind, [child]);
    }
    for (const alike of byKind.values()) {
      if (alike.length < ROWS_ENOUGH) continue;
      const cards = alike.filter(
        (card) =>
          card.querySelector('h2, h3, h4') !== null &&
          linkElsewhere(card) !== undefined &&
          wordsIn(card.textContent ?? '') <= CARD_WORDS,
      );
      if (cards.length < ROWS_ENOUGH || cards.length < alike.length * 0.6) continue;
      // The grid is the page (a guide may end with a few boxes of facts).
      const inCards = cards.reduce((sum, card) => sum + (card.textContent ?? '').length, 0);
      if (inCards * 2 >= (mainRoot.textContent ?? '').length) return cards;
    }
  }
  return [];
}

/**
 * Listing rows without headings: table rows that link elsewhere, or list items that lead with
 * their link. A reference list starts with authors; a table of contents links within the page.
 * Five rows, most of them each linking somewhere different.
 */
function rowCards(mainRoot: Element): Element[] {
  const cards: Element[] = [];
  for (const group of all(mainRoot, 'table, tbody, ul, ol', 60)) {
    const rows: Element[] = [];
    const children = group.children;
    for (let index = 0; index < children.length && rows.length < ROWS_LOOKED_AT; index++) {
      const tag = children[index]!.tagName.toUpperCase();
      if (tag === 'TR' || tag === 'LI') rows.push(children[index]!);
    }
    if (rows.length < ROWS_ENOUGH || group.closest(NOT_TEASERS)) continue;
    const targets = new Set<string>();
    const linked = rows.filter((row) => {
      const href = linkElsewhere(row);
      if (
        href === undefined ||
        (row.tagName.toUpperCase() === 'LI' ? !leadsWithLink(row) : !saysMoreThanLinks(row))
      )
        return false;
      targets.add(href);
      return true;
    });
    if (targets.size >= ROWS_ENOUGH && linked.length >= rows.length * 0.6) cards.push(...linked);
  }
  return cards;
}

const LINKED_HEADINGS = 'h2 a[href], h3 a[href], h4 a[href], a[href] h2, a[href] h3, a[href] h4';
/** Related items and sidebars beside a page's own content are not its listing. */
const NOT_TEASERS =
  'aside, nav, footer, [role="complementary"], [class*="related" i], [class*="recommended" i], [class*="more-from" i], [id*="related" i], [class*="comment" i]';

function pagination(doc: Document): boolean {
  return (
    doc.querySelector(
      'nav[aria-label*="pagination" i], nav[aria-label*="pages" i], .pagination, .pager, [class*="pagination"], ul.page-numbers, a[rel="next"], link[rel="next"]',
    ) !== null
  );
}

function pathSegments(url: URL): string[] {
  return url.pathname.toLowerCase().split('/').filter(Boolean);
}

/** The page's addresses: where it is, and the canonical address it names (any host). */
function addresses(doc: Document, url: URL): URL[] {
  const found = [url];
  const canonical = attribute(doc.querySelector('link[rel="canonical" i]'), 'href', 2_000);
  if (canonical) {
    const parsed = URL.parse(canonical, url);
    if (parsed) found.push(parsed);
  }
  return found;
}

function startsInFuture(item: Record<string, unknown>, now: number): boolean {
  const start = item['startDate'];
  const value = Array.isArray(start) ? start[0] : start;
  if (typeof value !== 'string') return false;
  const at = Date.parse(value);
  return Number.isFinite(at) && at > now;
}

/** A `<time datetime>` more than an hour after `now`. */
function isFuture(time: Element, now: number): boolean {
  const at = Date.parse(time.getAttribute('datetime') ?? '');
  return Number.isFinite(at) && at > now + 60 * 60 * 1000;
}

/** A future date shown in the page's content (`<time datetime>`), as an event's page shows its date. */
function showsFutureDate(root: ParentNode, now: number): boolean {
  return all(root, 'time[datetime]', 50).some(
    (time) => !time.closest('nav, footer, aside, [class*="related" i]') && isFuture(time, now),
  );
}

/** The day a `datetime` names ("2027-05-13", "2027-05-13T09:30"); a time of day alone names none. */
const DAY = /^\d{4}-\d{2}-\d{2}/;

/**
 * One event's facts in a side column: a future date among listed facts (a `<dl>` or a table)
 * there, no other day, and a control to book it. A column of upcoming events beside an article
 * names several days, a promotion's "Next webinar … Register" lists no facts.
 */
function sideEventFacts(doc: Document, now: number, registerActions: Set<string>): boolean {
  return all(doc, 'aside, [role="complementary"]', 10).some((side) => {
    if (side.closest('nav, footer')) return false;
    const times = all(side, 'time[datetime]', 50);
    const days = new Set(
      times.map((time) => DAY.exec(time.getAttribute('datetime') ?? '')?.[0]).filter(Boolean),
    );
    return (
      days.size === 1 &&
      times.some((time) => time.closest('dl, table') && isFuture(time, now)) &&
      controlTexts(side, `${BUTTONS}, ${BUTTON_LINKS}`).some((text) => registerActions.has(text))
    );
  });
}

/**
 * The page's kind when it is not one learning resource, or null when it may be one.
 * `now`: the time (ms) an event's start is compared with.
 */
export function classifyPage(
  doc: Document,
  url: URL,
  mainRoot: Element,
  vocabulary: Vocabulary,
  now: number,
): PageKindVerdict | null {
  const words = vocabulary.pageWords;
  const titles = headings(doc, mainRoot);
  const items = schemaItems(doc);
  const types = new Set(items.flatMap((item) => item.types));
  const declaresLearning = items.some((item) => item.learning);
  const urls = addresses(doc, url);

  if (matches(titles, words.errorTitles) || titles.some((text) => /^(?:error\s+)?404\b/.test(text)))
    return verdict('error', 'error-heading');
  if (titles[0] !== undefined && isPolicyHeading(titles[0], words.policyTitles))
    return verdict('policy', 'policy-heading');
  if (titles[0] === '' && titles.slice(1).some((part) => words.policyTitles.has(part)))
    return verdict('policy', 'policy-title');
  // A page of a help centre answers questions about the site itself ("How long is my
  // certificate valid?"), whatever it looks like: its title or site name ends with the centre's.
  if (inHelpCentre(doc, titles, words.helpSites)) return verdict('policy', 'help-centre');

  // Controls are read once, and only when a rule needs them: a shop's "Add to basket" beside a
  // price, an event's "Book your place" beside a future date.
  let buttonsRead: string[] | undefined;
  let linksRead: string[] | undefined;
  const buttons = () => (buttonsRead ??= controlTexts(doc.body ?? doc, BUTTONS));
  const allControls = () => [
    ...buttons(),
    ...(linksRead ??= controlTexts(doc.body ?? doc, BUTTON_LINKS)),
  ];
  if ([...types].some((type) => PRODUCT_TYPES.has(type)) && !declaresLearning)
    return verdict('product', 'product-schema');
  // A shop's "Add to basket" button (not a link: an article's affiliate "Buy now"), or an
  // enrolment control carrying its price ("Enroll now £49"; a free course's "Enrol now" beside
  // "optional certificate £49" is the course): looked for only on a page that shows a price.
  if (
    CURRENCY_AMOUNT.test(boundedText(mainRoot)) &&
    (buttons().some((text) => words.basketActions.has(text)) ||
      allControls().some((text) => {
        const action = text.replace(PRICE_AFTER, '');
        return action !== text && words.enrolActions.has(action);
      }))
  )
    return verdict('product', 'basket-and-price');

  if ([...types].some((type) => APPLICATION_TYPES.has(type)))
    return verdict('application', 'checkout-schema');
  if ([...types].some((type) => JOB_TYPES.has(type))) return verdict('job', 'job-schema');
  // A live blog is rolling coverage, updates added as an event goes on (schema.org
  // LiveBlogPosting, https://schema.org/LiveBlogPosting): a stream, not one resource with a time,
  // although it is a kind of blog post.
  if (items.some((item) => item.jsonLd && item.types.includes('LiveBlogPosting')))
    return verdict('collection', 'live-blog');
  // JSON-LD only, which describes the page: an embedded post's microdata may sit in a sidebar.
  if (
    items.some((item) => item.jsonLd && item.types.some((type) => DISCUSSION_TYPES.has(type))) &&
    !declaresLearning
  )
    return verdict('discussion', 'discussion-schema');
  // A job advert without that markup: a control to apply, and a job's facts each under a label
  // of its own ("Salary", "Vergütung"). A course's "Apply now" beside a closing date is not one.
  // The labels first: they are rare elsewhere, and a job board's "apply" is often a plain link.
  // A page that declares a learning item (a course one applies for) is that item.
  if (
    !declaresLearning &&
    labelsJobFacts(doc.body ?? doc, words.jobFacts) &&
    appliesForJob(doc.body ?? doc, words.applyActions)
  )
    return verdict('job', 'apply-and-job-facts');
  if (matches(titles.slice(0, 1), words.applicationTitles))
    return verdict('application', 'application-heading');
  if (
    urls.some((address) =>
      pathSegments(address).some((segment) => APPLICATION_SEGMENTS.has(segment)),
    )
  )
    return verdict('application', 'application-address');
  // What the page says of itself beats its structure: an article or a track with a grid of
  // related items, or a form below, is still the article or the track.
  const declared = declaresLearning || declaresResource(doc);
  // A page that declares itself a resource is not looked at for tools or teasers at all (the
  // costliest looks, and what it says of itself wins).
  const cards = declared
    ? []
    : [...teaserCards(mainRoot), ...rowCards(mainRoot), ...cardGrid(mainRoot)];
  let proseRead: number | undefined;
  const prose = () => (proseRead ??= proseWords(mainRoot, cards));
  const tools = declared ? undefined : toolCensus(doc, mainRoot);
  if (tools?.passwordShown && prose() < 400) return verdict('application', 'sign-in-form');
  if (tools && formFields(mainRoot).length >= 4 && prose() < 300)
    return verdict('application', 'mostly-a-form');
  if (tools && tools.widgets >= 2 && tools.widgetItems >= 8)
    return verdict('application', 'application-widgets');
  if (tools && tools.progressBars >= 3 && prose() < 400)
    return verdict('application', 'progress-bars');

  const futureEvent = items.some(
    (item) => item.types.some((type) => EVENT_TYPES.has(type)) && startsInFuture(item.node, now),
  );
  if (futureEvent) return verdict('event', 'future-event-schema');
  if (
    showsFutureDate(mainRoot, now) &&
    allControls().some((text) => words.registerActions.has(text)) &&
    prose() < 800
  )
    return verdict('event', 'register-for-future-date');
  // Only on a page that does not call itself an article: a short post may promote one event.
  if (!declared && sideEventFacts(doc, now, words.registerActions) && prose() < 800)
    return verdict('event', 'event-facts-beside');

  if ([...types].some((type) => SEARCH_TYPES.has(type))) return verdict('search', 'search-schema');
  const searchAddress = urls.some(
    (address) =>
      pathSegments(address).some((segment) => SEARCH_SEGMENTS.has(segment)) ||
      SEARCH_PARAMETERS.some((name) => (address.searchParams.get(name) ?? '').trim().length > 0),
  );
  if (searchAddress && (cards.length >= 3 || matches(titles, words.searchTitles)))
    return verdict('search', 'search-address');
  if (
    titles.some((text) => [...words.searchTitles].some((phrase) => text.startsWith(phrase))) &&
    cards.length >= 3
  )
    return verdict('search', 'search-heading');

  if (
    items.some((item) => item.jsonLd && item.types.some((type) => COLLECTION_TYPES.has(type))) &&
    !declared
  )
    return verdict('collection', 'collection-schema');
  // A listing's address or its pages of results: three teasers are enough.
  const listed = () =>
    urls.some((address) =>
      pathSegments(address).some((segment) => COLLECTION_SEGMENTS.has(segment)),
    ) || pagination(doc);
  // Many teasers and little prose of its own: an article with related cards has its text.
  if (!declared && (cards.length >= 5 || (cards.length >= 3 && listed())) && prose() < 400)
    return verdict('collection', 'teasers');

  const atRoot = urls.some((address) => HOME_PATH.test(address.pathname));
  if (matches(titles.slice(1), words.homeTitles) || (atRoot && !declared && cards.length >= 3))
    return verdict('home', 'home');
  return null;
}
