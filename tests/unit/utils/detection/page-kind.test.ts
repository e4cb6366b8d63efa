import { describe, expect, it } from 'vitest';
import { htmlDocument } from '@/tests/unit/fixture-document';
import { readPage } from '@/utils/detection';
import { findMainRoot } from '@/utils/detection/main-content';
import { classifyPage } from '@/utils/detection/page-kind';
import { pageVocabulary } from '@/utils/detection/vocabulary';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const page = new URL('https://learning.example.org/resources/item');
const prose = (count: number) =>
  Array.from(
    { length: count },
    (_, index) => `<p>${'Care staff read this sentence carefully. '.repeat(6)} ${index}</p>`,
  ).join('');

function kindOf(html: string, url = page) {
  const doc = htmlDocument(html);
  return classifyPage(doc, url, findMainRoot(doc), pageVocabulary(doc), NOW)?.kind ?? null;
}

const teasers = (count: number, extra = '') =>
  Array.from(
    { length: count },
    (_, index) =>
      `<div class="card"><h3><a href="/r/${index}">Resource number ${index}</a></h3><p>8 min read</p>${extra}</div>`,
  ).join('');

/** Table rows or list items, each leading to its own page: a forum's topics, a calendar's dates. */
const topicRows = (count: number) =>
  Array.from(
    { length: count },
    (_, index) =>
      `<tr><td><a href="/forum/topic-${index}">Night shift handover question ${index}</a></td><td>12 replies</td><td>3 hours ago</td></tr>`,
  ).join('');
const sessionItems = (count: number) =>
  Array.from(
    { length: count },
    (_, index) =>
      `<li><a href="/book/${index}">Moving and handling refresher</a> Tuesday ${index + 2} March, Inverness, places left</li>`,
  ).join('');

describe('classifyPage', () => {
  it.each([
    ['a listing of teasers', `<main><h1>Safeguarding</h1>${teasers(8)}</main>`, 'collection'],
    [
      'a JSON-LD collection',
      `<script type="application/ld+json">{"@type":"CollectionPage"}</script><main><h1>News</h1>${prose(1)}</main>`,
      'collection',
    ],
    ['search results', `<main><h1>Search results</h1>${teasers(4)}</main>`, 'search'],
    [
      'a sign-in page',
      '<main><h1>Welcome back</h1><form><input type="email"><input type="password"></form></main>',
      'application',
    ],
    ['a dashboard', '<main><h1>Dashboard</h1></main>', 'application'],
    ['the learner’s own pages', '<main><h1>My learning log</h1></main>', 'application'],
    [
      'a product',
      '<main><h1>Fob watch</h1><p>£12.99</p><button>Add to basket</button></main>',
      'product',
    ],
    ['a policy', `<main><h1>Cookie policy</h1>${prose(6)}</main>`, 'policy'],
    [
      'a policy named for its service',
      `<main><h1>Adult social care privacy notice</h1>${prose(6)}</main>`,
      'policy',
    ],
    ['an error page', '<main><h1>Page not found</h1></main>', 'error'],
    ['a Welsh error page', '<html lang="cy"><main><h1>Gwall</h1></main></html>', 'error'],
    [
      'a German policy',
      `<html lang="de"><main><h1>Datenschutzerklärung</h1>${prose(6)}</main></html>`,
      'policy',
    ],
    [
      'an accessibility statement for a service',
      `<main><h1>Accessibility statement for the learning hub</h1>${prose(6)}</main>`,
      'policy',
    ],
    [
      'terms and conditions of a booking',
      `<main><h1>Terms and conditions of booking</h1>${prose(6)}</main>`,
      'policy',
    ],
    [
      'a job advert',
      '<script type="application/ld+json">{"@type":"JobPosting","title":"Staff nurse"}</script><main><h1>Staff nurse, band 5</h1><p>Apply within 20 minutes of starting.</p></main>',
      'job',
    ],
    [
      'a forum’s topic table',
      `<main><h1>Practice forum</h1><table><tbody>${topicRows(8)}</tbody></table></main>`,
      'collection',
    ],
    [
      'a calendar of sessions to book',
      `<main><h1>Training dates</h1><ul>${sessionItems(6)}</ul></main>`,
      'collection',
    ],
    [
      'a sales page whose button carries the price',
      `<main><h1>Dementia communication course</h1><p>24 lessons</p><p class="price">One payment of £49</p><a class="button" href="/enroll/1">Enroll now £49</a>${prose(2)}</main>`,
      'product',
    ],
    [
      'a page of a help centre',
      `<html><head><title>Frequently asked questions about courses – Brightwell Help Centre</title></head><body><main><h1>Frequently asked questions about courses</h1>${prose(4)}</main></body></html>`,
      'policy',
    ],
    [
      'a page of a help centre named only by its site name',
      `<html><head><meta property="og:site_name" content="Brightwell Care Training Help Centre"></head><body><main><h1>How long is my certificate valid?</h1>${prose(4)}</main></body></html>`,
      'policy',
    ],
    [
      'search results, each an <article> of its own',
      `<html lang="pl"><body><h1>Wyniki wyszukiwania dla: „odleżyny”</h1><div>${Array.from({ length: 6 }, (_, index) => `<article><h2><a href="/s/${index}">Profilaktyka odleżyn ${index}</a></h2><p>Jak ocenić ryzyko powstania odleżyn u pacjenta leżącego.</p><p>Czas trwania: 30 min</p></article>`).join('')}</div></body></html>`,
      'search',
    ],
    [
      'a job advert without JobPosting markup',
      `<main><h1>Staff nurse, acute medicine</h1><dl><dt>Salary</dt><dd>£31,049 to £37,796 a year</dd><dt>Contract type</dt><dd>Permanent</dd><dt>Closing date</dt><dd>14 January 2027</dd></dl>${prose(6)}<a class="nhsuk-button" href="/apply/4471">Apply for this job</a></main>`,
      'job',
    ],
    [
      'a German job advert without JobPosting markup',
      `<html lang="de"><main><h1>Pflegefachkraft (m/w/d)</h1><ul><li><span class="label">Vergütung</span>TVöD-K, P7</li><li><span class="label">Wochenarbeitszeit</span>38,5 Stunden</li></ul>${prose(6)}<a class="btn-apply" href="/bewerbung/12">Jetzt bewerben</a></main></html>`,
      'job',
    ],
    [
      'a Spanish job advert whose way to apply is a plain link',
      `<html lang="es"><main><h1>Enfermero/a para UCI de adultos</h1><dl><dt>Tipo de contrato</dt><dd>Interinidad</dd><dt>Salario</dt><dd>31.200 € brutos al año</dd></dl>${prose(6)}</main><aside><a class="apply" href="/candidato/inscripcion?oferta=2026-0214">Inscribirme en esta oferta</a></aside></html>`,
      'job',
    ],
    [
      'a podcast series page listing its episodes',
      `<script type="application/ld+json">{"@type":"PodcastSeries","name":"The Ward Round Podcast"}</script><main><h1>The Ward Round Podcast</h1>${prose(1)}<ol>${Array.from({ length: 6 }, (_, index) => `<li><div>1 Dec 2026</div><div><a href="/episodes/${index}">Episode ${index}</a></div><div>46 min</div></li>`).join('')}</ol></main>`,
      'collection',
    ],
    [
      'a grid of cards, each a heading, a line and a link elsewhere',
      `<main><h1>Member benefits</h1>${Array.from({ length: 8 }, (_, index) => `<article class="benefit-card"><h2>Benefit ${index}</h2><p>Support from a trained rep within 48 hours if you need one.</p><a class="benefit-card__link" href="/benefits/${index}">Find out more</a></article>`).join('')}</main>`,
      'collection',
    ],
    [
      'a forum thread',
      `<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Ultra test timer ignores extra time"}</script><main><h1>Ultra test timer ignores extra time</h1>${prose(6)}</main>`,
      'discussion',
    ],
    [
      'a question and its answers',
      `<script type="application/ld+json">{"@type":"QAPage","mainEntity":{"@type":"Question","name":"How long is a PIN valid?"}}</script><main><h1>How long is a PIN valid?</h1>${prose(6)}</main>`,
      'discussion',
    ],
    [
      'a study day whose date and booking sit in a side column',
      `<main><h1>Frailty, falls and delirium: study day</h1>${prose(4)}</main><aside><div class="event-facts"><h2>Event details</h2><dl><dt>Date</dt><dd><time datetime="2027-05-13">Thursday 13 May 2027</time></dd><dt>Time</dt><dd><time datetime="2027-05-13T09:30">09:30</time> to <time datetime="2027-05-13T16:00">16:00</time></dd></dl><a class="btn-book" href="/events/frailty/book">Book your place</a></div></aside>`,
      'event',
    ],
    [
      'an event yet to happen',
      '<script type="application/ld+json">{"@type":"Event","startDate":"2027-02-10T12:30:00Z"}</script><main><h1>Wound care webinar</h1></main>',
      'event',
    ],
  ])('%s', (_, html, kind) => {
    expect(kindOf(html)).toBe(kind);
  });

  it.each([
    [
      'an article with a few related cards',
      `<main><article><h1>Sepsis</h1>${prose(8)}</article>${teasers(3)}</main>`,
    ],
    [
      'an article whose headings carry edit links (a wiki)',
      `<main><h1>Dementia</h1>${Array.from({ length: 8 }, (_, index) => `<h2>Section ${index} <a href="?edit=${index}">edit</a></h2><p>${'Words here. '.repeat(20)}</p>`).join('')}</main>`,
    ],
    [
      'a recording of an event that has happened',
      `<script type="application/ld+json">{"@type":"Event","startDate":"2025-02-10T12:30:00Z"}</script><main><h1>Wound care webinar</h1>${prose(5)}</main>`,
    ],
    [
      'a resource about privacy',
      `<main><h1>Understanding privacy notices in care records</h1>${prose(6)}</main>`,
    ],
    [
      'an article that declares itself, with a grid of related items',
      `<meta property="og:type" content="article"><main><h1>Falls</h1>${teasers(8)}</main>`,
    ],
    [
      'a resource about privacy notice changes',
      `<main><h1>Privacy notice changes: what care homes must do</h1>${prose(6)}</main>`,
    ],
    [
      'an article with a few further-reading links',
      `<main><h1>Pressure ulcers</h1>${prose(6)}<ul>${sessionItems(4)}</ul></main>`,
    ],
    [
      'an article with its reference list',
      `<main><h1>Delirium</h1>${prose(6)}<ol>${Array.from({ length: 8 }, (_, index) => `<li>Smith J, Jones K (20${10 + index}) Delirium in older adults. <a href="https://doi.example.org/10.1/${index}">doi:10.1/${index}</a></li>`).join('')}</ol></main>`,
    ],
    [
      'a guide with a table of contents',
      `<main><h1>Mental capacity</h1><ol>${Array.from({ length: 8 }, (_, index) => `<li><a href="#part-${index}">Part ${index}</a> what this part of the guide covers for staff</li>`).join('')}</ol>${prose(6)}</main>`,
    ],
    [
      'a table-built page whose menu is a table of links',
      `<table><tr><td><table>${Array.from({ length: 8 }, (_, index) => `<tr><td><a href="/ld/${index}">Menu item ${index}</a></td></tr>`).join('')}</table></td><td><b>Fire safety awareness</b>${prose(3)}</td></tr></table>`,
    ],
    [
      'a free course to enrol on, with an optional paid certificate',
      `<main><h1>Dementia care</h1><a class="btn-enrol" href="/register">Enrol now</a><p>Free, optional certificate £49</p>${prose(3)}</main>`,
    ],
    [
      'a page about a support centre, or on a site named one',
      `<html><head><title>Setting up a cancer support centre | Macmillan Learning</title></head><body><main><h1>Setting up a cancer support centre</h1>${prose(6)}</main></body></html>`,
    ],
    [
      'a course on a site called a support centre',
      `<html><head><title>Dementia awareness course – Carers Support Centre</title></head><body><main><h1>Dementia awareness course</h1>${prose(6)}</main></body></html>`,
    ],
    [
      'an article with a shop link (affiliate)',
      `<main><h1>Day clocks that help people with dementia</h1><p>Day clock £29.99</p><a class="btn" href="/go/1">Buy now</a>${prose(6)}</main>`,
    ],
    [
      'a short news item beside three teaser articles',
      `<main><article><h1>New falls guidance published</h1><p>${'The guidance was published today for care homes. '.repeat(3)}</p></article>${Array.from({ length: 3 }, (_, index) => `<article class="card"><h2><a href="/n/${index}">Story ${index}</a></h2><p>${'A teaser for another story here. '.repeat(2)}</p></article>`).join('')}</main>`,
    ],
    [
      'a guide that helps carers (not a help centre)',
      `<html><head><title>Help and support for carers – Care Guide</title></head><body><main><h1>Help and support for carers</h1>${prose(6)}</main></body></html>`,
    ],
    [
      'a guide with a table of its own figures',
      `<main><h1>Fluid balance</h1>${prose(6)}<table><tbody>${Array.from({ length: 8 }, (_, index) => `<tr><td>Hour ${index}</td><td>${index * 50} ml</td></tr>`).join('')}</tbody></table></main>`,
    ],
    [
      'an article on pay with a salary table and no way to apply',
      `<main><h1>What nurses earn</h1>${prose(6)}<table><tbody><tr><th>Salary</th><td>£31,049</td></tr></tbody></table></main>`,
    ],
    [
      'a course page whose "Apply now" has a closing date but no salary',
      `<main><h1>Advanced clinical practice</h1><dl><dt>Closing date</dt><dd>30 June 2027</dd><dt>Duration</dt><dd>2 years part time</dd></dl>${prose(6)}<a class="button" href="/apply">Apply now</a></main>`,
    ],
    [
      'an article beside a column of upcoming events to book',
      `<main><article><h1>Delirium in older people</h1>${prose(4)}</article></main><aside><h2>Upcoming events</h2><ul>${[13, 20, 27].map((day) => `<li><h3>Study day ${day}</h3><time datetime="2027-05-${day}">${day} May 2027</time> <a class="btn" href="/events/${day}/book">Book now</a></li>`).join('')}</ul></aside>`,
    ],
    [
      'a short post that promotes one event to book in its side column',
      `<html><head><meta property="og:type" content="article"></head><body><main><h1>Five questions on delirium</h1>${prose(4)}</main><aside><h2>Next study day</h2><time datetime="2027-05-13">13 May 2027</time> <a class="btn" href="/events/13/book">Book your place</a></aside></body></html>`,
    ],
    [
      'a careers guide naming one of a job\'s facts, with the site\'s "Apply" in its menu',
      `<header><nav><a href="/apply">Apply now</a></nav></header><main><h1>Becoming a nurse</h1><dl><dt>Salary</dt><dd>Band 5 to start</dd></dl>${prose(6)}</main>`,
    ],
    [
      'a course one applies for, declared as a course',
      `<script type="application/ld+json">{"@type":"Course","name":"Nursing apprenticeship"}</script><main><h1>Nursing apprenticeship</h1><dl><dt>Salary</dt><dd>£24,000</dd><dt>Contract type</dt><dd>Fixed term</dd></dl>${prose(6)}<a class="button" href="/apply">Apply now</a></main>`,
    ],
    [
      'a guide beside a promotion of the next webinar to register for',
      `<main><h1>Pressure ulcer prevention</h1>${prose(4)}</main><aside><p>Next webinar: <time datetime="2027-01-20">20 January 2027</time></p><a class="button" href="/webinars/next">Register</a></aside>`,
    ],
    [
      'a guide beside an embedded forum post marked up as microdata',
      `<main><h1>Pressure ulcer prevention</h1>${prose(6)}</main><aside><div itemscope itemtype="https://schema.org/SocialMediaPosting"><p itemprop="text">Great guide, thanks</p></div></aside>`,
    ],
    [
      'a feed of whole posts (each long), alike and each with a link',
      `<main>${Array.from({ length: 6 }, (_, index) => `<article class="post"><h2>Night shift notes ${index}</h2>${prose(3)}<a href="/posts/${index}#comments">Comments</a></article>`).join('')}</main>`,
    ],
    [
      'a guide with a few boxes of key facts below its text',
      `<main><h1>Falls prevention</h1>${prose(8)}${Array.from({ length: 5 }, (_, index) => `<div class="fact"><h3>Fact ${index}</h3><p>One in three people over 65 falls each year.</p><a href="/facts/${index}">Source</a></div>`).join('')}</main>`,
    ],
  ])('%s is not ruled out', (_, html) => {
    expect(kindOf(html)).toBeNull();
  });

  it('says why, in plain words, and a non-resource reads no time', () => {
    const reading = readPage(
      htmlDocument(`<main><h1>Topics</h1>${teasers(8)}</main>`),
      page,
      undefined,
      NOW,
    );
    expect(reading).toEqual({
      notResource: {
        kind: 'collection',
        reason: 'it looks like a list of resources, not one resource',
        signal: 'teasers',
      },
    });
  });

  it('is not asked on a site with its own profile', () => {
    const reading = readPage(
      htmlDocument('<main><h1>Dashboard</h1><dl><dt>Duration</dt><dd>5 mins</dd></dl></main>'),
      new URL('https://leadingtochange.scot/resource'),
      undefined,
      NOW,
    );
    expect('detection' in reading).toBe(true);
  });
});

describe('the seventh held-out set', () => {
  it('a live blog (schema.org LiveBlogPosting) is a stream of updates, not one resource', () => {
    const liveBlog = `<html lang="en-GB"><head><title>Live: Hearts v Hibs</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting",
      "headline":"Hearts v Hibs","coverageStartTime":"2026-11-29T15:00:00Z"}</script></head>
      <body><main><h1>Hearts v Hibs</h1>${prose(8)}</main></body></html>`;
    expect(kindOf(liveBlog)).toBe('collection');
    // A blog post is still one.
    expect(kindOf(liveBlog.replace('LiveBlogPosting', 'BlogPosting'))).toBeNull();
  });

  it('a privacy notice in Scottish Gaelic (Brath Prìobhaideachd) is a policy page', () => {
    const notice = `<html lang="gd"><head><title>Brath Prìobhaideachd | Comhairle nan Eilean Siar</title></head>
      <body><main><h1>Brath Prìobhaideachd: Trèanadh agus Leasachadh ann an Obair Shòisealta</h1>
      ${prose(10)}</main></body></html>`;
    expect(kindOf(notice)).toBe('policy');
  });
});

describe('a policy named before its subject', () => {
  it('"Privacy notice: …" is a policy page, "Cookies: …" may be an article', () => {
    const headed = (heading: string) =>
      `<html lang="en-GB"><head><title>${heading}</title></head><body><main><h1>${heading}</h1>${prose(10)}</main></body></html>`;
    expect(kindOf(headed('Privacy notice: training and development in social work'))).toBe(
      'policy',
    );
    expect(kindOf(headed('Cookies: what nurses need to know about infection'))).toBeNull();
  });
});
