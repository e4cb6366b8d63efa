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
