import { describe, expect, it } from 'vitest';
import { fixtureDocument, htmlDocument } from '@/tests/unit/fixture-document';
import { fixtureLabels, fixtureUrl } from '@/tests/detection-fixtures';
import { readPage } from '@/utils/detection';
import { readPageCopy, toCopyReading } from '@/utils/detection/page-copy';
import { copyPage, MAX_COPY_CHARS, MAX_COPY_MEDIA } from '@/utils/page/page-copy';
import { PageCopySchema } from '@/utils/messages/protocol';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const URL_OF_PAGE = 'https://learning.example.org/webinars/recruits';
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

/** A page whose only time is its main video's length, known once the metadata loaded. */
function videoPage(lengths: number[] = [1_260]): Document {
  const doc = htmlDocument(`<html lang="en-GB"><head><title>Welcoming new recruits</title>
    <meta property="og:type" content="video.other"></head>
    <body><main><h1>Welcoming new recruits</h1>
    ${'<video src="/talk.mp4"></video>'.repeat(lengths.length)}<p>${words(40)}</p></main></body></html>`);
  doc
    .querySelectorAll('video')
    .forEach((video, index) => Object.defineProperty(video, 'duration', { value: lengths[index] }));
  return doc;
}

describe('detection on a copy of the page', () => {
  it('answers as on the page itself, on every labelled fixture', () => {
    const labels = fixtureLabels();
    expect(labels.length).toBeGreaterThan(200);
    const differing = labels.filter((label) => {
      const doc = fixtureDocument(`detection/${label.file}`);
      const url = fixtureUrl(label);
      const live = readPage(doc, url, undefined, NOW);
      const copied = readPageCopy(copyPage(doc, url.href), new DOMParser(), undefined, NOW);
      return JSON.stringify(toCopyReading(live)) !== JSON.stringify(toCopyReading(copied));
    });
    expect(differing.map((label) => label.file)).toEqual([]);
    // Two readings of 235 pages: about 3 s alone, longer beside the other test files.
  }, 60_000);

  it("carries the page's players' lengths beside the copy, in document order", () => {
    const copy = copyPage(videoPage(), URL_OF_PAGE);
    expect(copy.media).toEqual([1_260]);
    const reading = toCopyReading(readPageCopy(copy, new DOMParser()));
    expect(reading.detection?.stated).toMatchObject({ source: 'media', seconds: 1_260 });
    // Lengths that no longer pair with the copy's players (the copy was cut) are not used.
    const unpaired = toCopyReading(readPageCopy({ ...copy, media: [1_260, 30] }, new DOMParser()));
    expect(unpaired.detection?.stated).toBeUndefined();
  });

  it('sends no lengths for a page with more players than a copy carries', () => {
    const copy = copyPage(videoPage(new Array<number>(MAX_COPY_MEDIA + 1).fill(60)), URL_OF_PAGE);
    expect(copy.media).toEqual([]);
    expect(PageCopySchema.safeParse(copy).success).toBe(true);
  });

  it('gives an unknown length as null, which the protocol accepts', () => {
    const copy = copyPage(videoPage([Number.NaN, Number.POSITIVE_INFINITY, 0]), URL_OF_PAGE);
    expect(copy.media).toEqual([null, null, null]);
    expect(PageCopySchema.safeParse(copy).success).toBe(true);
  });

  it('cuts a huge page at the limit the protocol accepts', () => {
    const doc = htmlDocument(`<html><body><p>${'x'.repeat(MAX_COPY_CHARS)}</p></body></html>`);
    const copy = copyPage(doc, URL_OF_PAGE);
    expect(copy.html.length).toBe(MAX_COPY_CHARS);
    expect(PageCopySchema.safeParse(copy).success).toBe(true);
  });

  it('takes out what a page shows only without scripts (<noscript>): with scripts on it is text, not markup', () => {
    const html = `<html><head><title>Learning hub</title></head><body>
      <main><noscript><h1>Please turn on JavaScript</h1></noscript>
      <article><h1>Safeguarding adults: a refresher</h1><p>${words(400)}</p></article></main>
      </body></html>`;
    const reading = toCopyReading(
      readPageCopy({ url: URL_OF_PAGE, html, media: [] }, new DOMParser()),
    );
    expect(reading.detection?.title).toBe('Safeguarding adults: a refresher');
  });

  it('empties each <noscript> as a page with scripts serialises it (its text as it came)', () => {
    // What Chromium gives for a page that runs scripts: the noscript's content is text, written
    // out literally, and an unclosed <p> in it would swallow the page in a parser without scripts.
    const noscripts = [
      '<noscript><img src="/pixel.gif"></noscript>',
      '<noscript><p>Turn on JavaScript</noscript>',
    ];
    const page = {
      documentElement: {
        outerHTML: `<html><head><title>Safeguarding</title>${noscripts[0]}</head><body>${noscripts[1]}<main><h1>Safeguarding adults</h1><p>${words(400)}</p></main></body></html>`,
      },
      getElementsByTagName: () => noscripts.map((outerHTML) => ({ outerHTML })),
      querySelectorAll: () => [],
    } as unknown as Document;
    const copy = copyPage(page, URL_OF_PAGE);
    expect(copy.html).toBe(
      `<html><head><title>Safeguarding</title><noscript></noscript></head><body><noscript></noscript><main><h1>Safeguarding adults</h1><p>${words(400)}</p></main></body></html>`,
    );
  });

  it('finds nothing, without throwing, in an empty copy, markup soup or an address that is not a web page', () => {
    const parser = new DOMParser();
    expect(readPageCopy({ url: URL_OF_PAGE, html: '', media: [] }, parser)).toEqual({
      nothing: true,
    });
    expect(
      readPageCopy({ url: URL_OF_PAGE, html: '<<<table><td></tr></svg><p', media: [] }, parser),
    ).toEqual({ nothing: true });
    expect(readPageCopy({ url: 'not an address', html: '<p>x</p>', media: [] }, parser)).toEqual({
      nothing: true,
    });
    const article = `<html><body><article><h1>A</h1><p>${words(400)}</p></article></body></html>`;
    expect(readPageCopy({ url: 'file:///home/a.html', html: article, media: [] }, parser)).toEqual({
      nothing: true,
    });
  });
});
