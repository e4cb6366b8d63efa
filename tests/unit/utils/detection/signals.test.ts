import { describe, expect, it } from 'vitest';
import { detectResource } from '@/utils/detection';
import { estimateReadingTime, imageSeconds, wordsPerMinuteFor } from '@/utils/detection/estimate';
import { countContent, findMainRoot } from '@/utils/detection/main-content';
import { findLabelPairs } from '@/utils/detection/label-pairs';
import { findMetaDuration } from '@/utils/detection/meta-tags';
import { readReadingTimeValue } from '@/utils/detection/reading-time-value';
import { findSchemaOrg } from '@/utils/detection/schema-org';
import { findVisibleDuration } from '@/utils/detection/visible-text';
import { pageVocabulary } from '@/utils/detection/vocabulary';
import { htmlDocument } from '@/tests/unit/fixture-document';

const page = new URL('https://learning.example.org/post');
const words = (count: number) =>
  Array.from({ length: count }, (_, index) => `word${index}`).join(' ');
const jsonLd = (data: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

describe('reading-time values', () => {
  it.each([
    ['4 minutes', 240],
    ['3 min read', 180],
    ['PT3M9S', 189],
    ['1 minuto', 60],
    ['3 Minuten', 180],
    ['5 minutes de lecture', 300],
  ])('reads %j', (value, seconds) => expect(readReadingTimeValue(value)).toBe(seconds));

  it.each(['Joanne Carew', 'P2M37S', '', 'PY0M0D0TH0M2S20'])('rejects %j', (value) =>
    expect(readReadingTimeValue(value)).toBeNull(),
  );
});

describe('schema.org', () => {
  it("reads timeRequired of the page's own item, in @graph, as ISO or display text", () => {
    const doc = htmlDocument(
      jsonLd({
        '@context': 'https://schema.org',
        '@graph': [{ '@type': 'WebSite' }, { '@type': 'BlogPosting', timeRequired: '5 min read' }],
      }),
    );
    expect(findSchemaOrg(doc, page)).toEqual({
      kind: 'blog',
      duration: { seconds: 300, raw: '5 min read' },
    });
  });

  it('prefers the item that names this page, and reads arrays of types', () => {
    const doc = htmlDocument(
      jsonLd([
        { '@type': 'VideoObject', duration: 'PT2M', url: 'https://learning.example.org/other' },
        {
          '@type': ['Course', 'LearningResource'],
          timeRequired: 'PT1H30M',
          url: 'https://learning.example.org/post',
        },
      ]),
    );
    expect(findSchemaOrg(doc, page)).toMatchObject({ kind: 'course', duration: { seconds: 5400 } });
  });

  it("ignores durations of nested items (an article's embedded video)", () => {
    const doc = htmlDocument(
      jsonLd({ '@type': 'NewsArticle', video: { '@type': 'VideoObject', duration: 'PT9M' } }),
    );
    expect(findSchemaOrg(doc, page)).toEqual({ kind: 'article' });
  });

  it('reads microdata of a top-level item only', () => {
    const doc = htmlDocument(
      '<div itemscope itemtype="https://schema.org/VideoObject"><meta itemprop="duration" content="PT4M2S">' +
        '<div itemscope itemtype="https://schema.org/VideoObject"><meta itemprop="duration" content="PT1M"></div></div>',
    );
    expect(findSchemaOrg(doc, page)).toEqual({
      kind: 'video',
      duration: { seconds: 242, raw: 'PT4M2S' },
    });
  });

  it('skips broken, hostile and oversized JSON without throwing', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const doc = htmlDocument(
      `<script type="application/ld+json">{ not json</script><script type="application/ld+json">${deep}</script>` +
        `<script type="application/ld+json">{"@type":"Article","timeRequired":"PT-5M","__proto__":{"polluted":true}}</script>`,
    );
    expect(findSchemaOrg(doc, page)).toEqual({ kind: 'article' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('meta tags', () => {
  it("reads the Yoast pair 2 and Medium's value= attribute, whatever the label language", () => {
    expect(
      findMetaDuration(
        htmlDocument(
          '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="A. Writer"><meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">',
        ),
      ),
    ).toMatchObject({ seconds: 240 });
    expect(
      findMetaDuration(
        htmlDocument(
          '<meta name="twitter:label1" value="Reading time"><meta name="twitter:data1" value="3 min read">',
        ),
      ),
    ).toMatchObject({ seconds: 180 });
    expect(
      findMetaDuration(
        htmlDocument(
          '<meta name="twitter:label1" content="Tempo di lettura stimato"><meta name="twitter:data1" content="1 minuto">',
        ),
      ),
    ).toMatchObject({ seconds: 60 });
  });

  it('reads og:video:duration and music:duration as whole seconds', () => {
    expect(
      findMetaDuration(htmlDocument('<meta property="og:video:duration" content="142">')),
    ).toEqual({ seconds: 142, raw: '142', kind: 'video' });
    expect(
      findMetaDuration(htmlDocument('<meta property="music:duration" content="157">')),
    ).toEqual({ seconds: 157, raw: '157', kind: 'audio' });
    expect(
      findMetaDuration(htmlDocument('<meta property="og:video:duration" content="-5">')),
    ).toBeNull();
  });
});

describe('label pairs', () => {
  const labels = { type: ['Type'], duration: ['Duration', 'Time to complete'] };
  const pairs = (body: string, lang = 'en') => {
    const doc = htmlDocument(`<html lang="${lang}"><body>${body}</body></html>`);
    return findLabelPairs(doc, labels, pageVocabulary(doc), ['Time']);
  };

  it('finds a label in any case and spacing, whole or before its value', () => {
    expect(pairs('<p><b>\n  DURATION :\n</b> 20 mins</p>').duration).toEqual({
      raw: '20 mins',
      seconds: 1200,
    });
    expect(pairs('<p>time   to\n complete: 1.5 hours</p>').duration?.seconds).toBe(5400);
    expect(pairs('<dl><dt>Type</dt><dd>Podcast</dd><dt>Time</dt><dd>45 min</dd></dl>')).toEqual({
      type: 'Podcast',
      duration: { raw: '45 min', seconds: 2700 },
    });
  });

  it('reads a weekly rate whose label names no duration label', () => {
    expect(
      pairs('<p><b>Duration</b> 4 weeks</p><p><b>Weekly study</b> 2 hours</p>').duration,
    ).toEqual({ raw: '4 weeks, 2 hours', seconds: 4 * 2 * 3600 });
  });

  it("reads a details table's row, not the rows of a table-built page's list of other modules", () => {
    const doc = htmlDocument(
      '<table><tr><td><table>' +
        ['20', '45', '25']
          .map(
            (m, i) =>
              `<tr><td><a href="/m/${i}">Module ${i}</a><br><span>Time: ${m} mins</span></td></tr>`,
          )
          .join('') +
        '</table></td><td><table><tr><th>Audience</th><td>All staff</td></tr><tr><th>Time</th><td>30 mins</td></tr></table></td></tr></table>',
    );
    expect(findLabelPairs(doc, labels, pageVocabulary(doc), ['Time']).duration).toEqual({
      raw: '30 mins',
      seconds: 1800,
    });
  });

  it('takes the text after a label only when a colon joins them, and rows only of a listing', () => {
    expect(
      pairs('<p>Please allow enough <strong>time</strong> for this, about 2 hours</p>'),
    ).toEqual({});
    expect(
      pairs(
        '<table><tr><th>Duration</th><td>2 hours (<a href="/cpd">CPD</a>)</td></tr><tr><th>Format</th><td>Online; duration varies by role</td></tr></table>',
      ).duration,
    ).toEqual({ raw: '2 hours', seconds: 7200 });
  });

  it('reads the text right after a label inside a long paragraph', () => {
    expect(
      pairs(
        `<p><strong>Who should complete this:</strong> all staff, volunteers and students on placement.<br><strong>Duration:</strong> 30 minutes<br><strong>Pass mark:</strong> 80% in the end-of-module assessment (20 questions)</p>`,
      ).duration,
    ).toEqual({ raw: '30 minutes', seconds: 1800 });
  });

  it('reads a label that names what it times, but not another label so extended', () => {
    expect(
      pairs('<p><strong>Time to complete activity: 0.75 hours</strong></p>').duration?.seconds,
    ).toBe(2700);
    expect(pairs('<dl><dt>Duration of this module</dt><dd>20 minutes</dd></dl>').duration).toEqual({
      raw: '20 minutes',
      seconds: 1200,
    });
    // Not a resource noun, or not a duration label before it.
    expect(pairs('<p>Time to complete this form: 5 minutes</p>')).toEqual({});
    expect(pairs('<p>Price of this course: 45</p>')).toEqual({});
  });

  it('takes nothing from text that only begins like a label, or from scripts, styles and drawings', () => {
    expect(pairs('<p>Durations vary: 20 mins for most.</p><p>Time is short: 5 mins</p>')).toEqual(
      {},
    );
    expect(
      pairs(
        '<script>Duration: 5 mins</script><style>Duration: 5 mins</style>' +
          '<svg><text>Duration: 5 mins</text></svg><noscript>Duration: 5 mins</noscript>',
      ),
    ).toEqual({});
  });
});

describe('visible text', () => {
  const find = (html: string, allowClocks = true) => {
    const doc = htmlDocument(html);
    return findVisibleDuration(doc, findMainRoot(doc), allowClocks, pageVocabulary(doc));
  };

  it.each([
    ['<main><p>Priya Shah · 8 min read</p></main>', 480],
    ['<main><p>5 minute read</p></main>', 300],
    ['<main><p>Reading time: 7 minutes</p></main>', 420],
    ['<main><p>Est. reading time 4 minutes</p></main>', 240],
    ['<main><p>(1 hour)</p></main>', 3600],
    ['<main><div><span>9.5</span><span>Hours</span></div></main>', 34200],
    [
      '<main><div class="player"><span class="now">00:10</span>/<span class="total">56:20</span></div></main>',
      3380,
    ],
    ['<main><time id="duration">54:01</time></main>', 3241],
    ['<main><ul><li><svg></svg><span>16 hours study</span></li></ul></main>', 57600],
    ['<main><h1>Safeguarding adults: level 2 (45 minutes)</h1><p>Intro</p></main>', 2700],
    ['<main><p>Free course · 8 hours of learning</p></main>', 28800],
    ['<html lang="es"><main><p>Curso · 20 horas de estudio</p></main></html>', 72000],
  ])('reads %s', (html, seconds) => expect(find(html)?.seconds).toBe(seconds));

  it.each([
    ['<main><p>Posted 25 minutes ago</p></main>', 'a relative time'],
    ['<main><p>Intro</p></main><aside><p>3 min read</p></aside>', 'a sidebar'],
    [
      '<main><p>Intro</p><ul class="related-posts"><li>3 min read</li></ul></main>',
      'a related list',
    ],
    [
      '<main><span class="duration">8:09</span><span class="duration">3:10</span></main>',
      'a list of video lengths',
    ],
    ['<main><span class="remaining-time">-14:36</span></main>', 'a remaining time'],
    [`<main><p>${words(2000)}</p><p>8 min read</p></main>`, 'far below the top of the content'],
    ['<main><p>£12.99 · 2 days delivery</p></main>', 'a price'],
  ])('ignores %s (%s)', (html) => expect(find(html)).toBeNull());

  it('reads a time picked out in a badge or a short line', () => {
    expect(find('<main><p>Time <strong>45 mins</strong></p></main>')?.seconds).toBe(2700);
    expect(find('<main><p>Time <strong>45 mins</strong> approx</p></main>')?.seconds).toBe(2700);
    expect(find('<main><p>Published 3 May · <span>6 mins</span></p></main>')?.seconds).toBe(360);
    expect(
      find('<main><p>Takes about <strong>10 minutes</strong> to complete</p></main>')?.seconds,
    ).toBe(600);
  });

  it("on an article, reads a player's length only when no reading time is stated", () => {
    const player =
      '<div class="player">Listen to this article <span class="time"><span class="now">0:00</span> / <span class="total">9:40</span></span></div>';
    expect(find(`<main>${player}<p>Priya Shah · 6 min read</p></main>`, false)?.seconds).toBe(360);
    expect(find(`<main>${player}<p>Priya Shah</p></main>`, false)).toMatchObject({
      seconds: 580,
      player: true,
    });
  });

  it("reads the page's own heading's time in brackets, not another heading's or a year", () => {
    expect(
      find(
        '<main><h1>Safeguarding adults</h1><ul><li><h2>Prevent (20 minutes)</h2></li></ul></main>',
      ),
    ).toBeNull();
    // On an article (clocks not allowed): a recipe's or a story's heading is not its length.
    expect(
      find('<main><h1>Quick chicken curry (30 minutes)</h1><p>Intro</p></main>', false),
    ).toBeNull();
    // A daily habit, not a length.
    expect(
      find('<main><h1>Why 20 minutes of study a day works</h1><p>Intro</p></main>'),
    ).toBeNull();
  });

  it("ignores clock times on an article page (an embedded video's length)", () => {
    expect(find('<main><time id="duration">8:09</time></main>', false)).toBeNull();
  });

  it("reads a player's position and length on an article page, marked as a player's", () => {
    expect(
      find(
        '<main><div class="player"><span class="now">0:00</span> / <span class="total">1:22:40</span></div></main>',
        false,
      ),
    ).toEqual({ raw: '0:00 / 1:22:40', seconds: 4960, player: true });
  });
});

describe('estimate', () => {
  it('uses 238 words a minute for English, scaled for other languages', () => {
    expect(wordsPerMinuteFor('en-GB')).toBe(238);
    expect(wordsPerMinuteFor(null)).toBe(238);
    expect(wordsPerMinuteFor('de')).toBe(187);
    expect(
      estimateReadingTime({ words: 2380, cjkCharacters: 0, images: 0, mediaSeconds: 0 }, 'en')
        .seconds,
    ).toBe(600);
  });

  it('adds a little per picture and the length of media', () => {
    expect(imageSeconds(0)).toBe(0);
    expect(imageSeconds(3)).toBe(12 + 11 + 10);
    expect(imageSeconds(12)).toBe(12 + 11 + 10 + 9 + 8 + 7 + 6 + 5 + 4 + 3 + 3 + 3);
    expect(
      estimateReadingTime({ words: 238, cjkCharacters: 0, images: 1, mediaSeconds: 30 }, 'en')
        .seconds,
    ).toBe(60 + 12 + 30);
  });

  it('reads Chinese and Japanese per character', () => {
    const estimate = estimateReadingTime(
      { words: 0, cjkCharacters: 357, images: 0, mediaSeconds: 0 },
      'ja',
    );
    expect(estimate.seconds).toBe(60);
  });

  it('counts only the main content: not menus, footers, comments, cookie banners or sidebars', () => {
    const doc = htmlDocument(
      `<nav>${words(500)}</nav><div class="cookie-banner">${words(80)}</div><article><h1>T</h1><p>${words(300)}</p>` +
        `<img src="photo.jpg" width="600"><img src="icon.png" width="16"><div id="comments">${words(400)}</div></article><footer>${words(90)}</footer>`,
    );
    expect(countContent(findMainRoot(doc))).toEqual({
      words: 301,
      cjkCharacters: 0,
      images: 1,
      mediaSeconds: 0,
    });
  });

  it('takes a feed of alike entries as the content, and a page’s own article beside its cards', () => {
    const entry = (index: number) =>
      `<article id="e${index}"><h2><a href="/r/${index}">Result ${index}</a></h2><p>${words(20 + index)}</p></article>`;
    const feed = htmlDocument(
      `<body><div id="results">${[1, 2, 3, 4].map(entry).join('')}</div></body>`,
    );
    expect(findMainRoot(feed).id).toBe('results');
    const own = htmlDocument(
      `<body><article id="own"><h1>Sepsis</h1><p>${words(400)}</p></article><section>${[1, 2, 3].map(entry).join('')}</section></body>`,
    );
    expect(findMainRoot(own).id).toBe('own');
    const longest = htmlDocument(
      `<body><div><article id="own"><h1>Sepsis</h1><p>${words(400)}</p></article>${[1, 2, 3].map(entry).join('')}</div></body>`,
    );
    expect(findMainRoot(longest).id).toBe('own');
  });

  it('counts words with a letter or digit in them, not dashes, bullets or quotation marks alone', () => {
    const doc = htmlDocument(
      '<article><p>Care — and\tcompassion « in » 2024: ‘tis 1.5 hours… — • * --x</p><p>日本語 text</p></article>',
    );
    expect(countContent(findMainRoot(doc))).toMatchObject({ words: 10, cjkCharacters: 3 });
  });
});

describe('detectResource, whole page', () => {
  it("reads a course's effort row ('Effort', 'Dedicación', 'Aufwand') as its weekly rate", () => {
    const course = (lang: string, rows: string) =>
      detectResource(
        htmlDocument(
          `<html lang="${lang}"><meta property="og:type" content="website"><main><h1>Curso</h1><dl>${rows}</dl><p>${words(300)}</p></main></html>`,
        ),
        page,
      )?.stated;
    expect(
      course(
        'es',
        '<dt>Duración</dt><dd>6 semanas</dd><dt>Dedicación</dt><dd>3 horas semanales</dd>',
      ),
    ).toMatchObject({ seconds: 6 * 3 * 3600, raw: '6 semanas, 3 horas semanales' });
    expect(
      course('de', '<dt>Dauer</dt><dd>4 Wochen</dd><dt>Aufwand</dt><dd>2 Stunden pro Woche</dd>'),
    ).toMatchObject({ seconds: 4 * 2 * 3600 });
    // An effort with no unit is not a time.
    expect(course('es', '<dt>Dedicación</dt><dd>3</dd>')).toBeUndefined();
  });

  it('estimates an article with no stated time, language-aware', () => {
    const doc = htmlDocument(
      `<html lang="de"><meta property="og:type" content="article"><article><h1>Titel</h1><p>${words(1870)}</p></article></html>`,
    );
    expect(detectResource(doc, page)).toMatchObject({
      kind: 'article',
      estimate: { words: 1871, wordsPerMinute: 187, images: 0 },
      durationSeconds: 600,
    });
  });

  it('estimates only a page that declares itself a resource or is prose under a heading, and is long enough', () => {
    // One blurb under a heading is not prose: a shop's description.
    expect(
      detectResource(htmlDocument(`<div><h1>Shop</h1><p>${words(600)}</p></div>`), page),
    ).toBeNull();
    // Paragraphs under a heading that declare nothing: a guidance page is estimated.
    const guidance = detectResource(
      htmlDocument(
        `<main><h1>Guidance</h1><p>${words(120)}</p><p>${words(120)}</p><p>${words(120)}</p></main>`,
      ),
      page,
    );
    expect(guidance?.estimate?.words).toBe(361);
    expect(
      detectResource(htmlDocument(`<article><h1>Note</h1><p>${words(100)}</p></article>`), page),
    ).toBeNull();
  });

  it('ranks signals and records the winner', () => {
    const doc = htmlDocument(
      `${jsonLd({ '@type': 'Article', timeRequired: 'PT3M' })}<meta name="twitter:label1" content="Reading time"><meta name="twitter:data1" content="9 minutes">` +
        '<main><h1>T</h1><p>12 min read</p><dl><dt>Duration</dt><dd>5 mins</dd></dl></main>',
    );
    expect(detectResource(doc, page)?.stated).toEqual({
      seconds: 300,
      source: 'label-pair',
      raw: '5 mins',
    });
    const noPairs = htmlDocument(
      `${jsonLd({ '@type': 'Article', timeRequired: 'PT3M' })}<main><h1>T</h1><p>12 min read</p></main>`,
    );
    expect(detectResource(noPairs, page)?.stated?.source).toBe('schema-org');
  });

  it('uses the Leading to Change profile on its site, and the generic one elsewhere', () => {
    const html =
      '<main><h1>Leadership</h1><div><span>Type</span><span>Blog</span></div><div><span>Duration</span><span>5 mins</span></div></main>';
    expect(
      detectResource(htmlDocument(html), new URL('https://leadingtochange.scot/blog/x'))?.stated
        ?.source,
    ).toBe('site-profile');
    expect(detectResource(htmlDocument(html), page)?.stated?.source).toBe('label-pair');
  });

  it('flags a claim of more than 24 hours and falls back to the next signal', () => {
    const doc = htmlDocument(
      `<article><h1>T</h1><dl><dt>Duration</dt><dd>30 hours</dd></dl><p>8 min read</p><p>${words(300)}</p></article>`,
    );
    expect(detectResource(doc, page)).toMatchObject({
      stated: { seconds: 480, source: 'visible-text' },
      flaggedClaim: { seconds: 108000, source: 'label-pair', raw: '30 hours' },
    });
  });

  it("never takes a sidebar's or a price's number for the page's duration", () => {
    const doc = htmlDocument(
      `<main><h1>Socks</h1><p>£5.00</p></main><aside><p>Duration: 4 mins</p><p>6 min read</p></aside>`,
    );
    expect(detectResource(doc, page)?.stated?.raw ?? null).not.toBe('6 min read');
  });

  it('survives enormous text nodes and deep nesting quickly', () => {
    const huge = htmlDocument(`<article><h1>T</h1><p>${'x '.repeat(2_000_000)}</p></article>`);
    const deep = htmlDocument(
      `<article><h1>T</h1>${'<div>'.repeat(3000)}8 min read${'</div>'.repeat(3000)}</article>`,
    );
    const started = performance.now();
    expect(() => detectResource(huge, page)).not.toThrow();
    expect(() => detectResource(deep, page)).not.toThrow();
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
