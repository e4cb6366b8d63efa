import { describe, expect, it } from 'vitest';
import { detectResource } from '@/utils/detection';
import { ResourceDetectionSchema } from '@/utils/detection/schema';
import { fixtureDocument, htmlDocument } from '@/tests/unit/fixture-document';

const url = (path: string) => new URL(path, 'https://learning.example.org/');

describe('detectResource', () => {
  const sentences = (count: number) =>
    Array.from(
      { length: count },
      () => `<p>${'Staff read this guidance with care. '.repeat(10)}</p>`,
    ).join('');
  // The player above the text, where a page's own player sits.
  const articleWithPlayer = (paragraphs: number, length: string) =>
    htmlDocument(
      `<html lang="en"><head><title>Settling international recruits</title><meta property="og:type" content="article"></head><body><main><h1>Settling international recruits</h1><div class="player"><span class="now">0:00</span> / <span class="total">${length}</span></div>${sentences(paragraphs)}</main></body></html>`,
    );

  it("takes a recording's length on an article page whose text it outlasts (a webinar's page)", () => {
    expect(
      detectResource(articleWithPlayer(4, '1:22:40'), url('/webinars/recruits'))?.stated,
    ).toMatchObject({ seconds: 4960, source: 'visible-text' });
  });

  it("estimates a long article from its text, not a short clip's length", () => {
    const detection = detectResource(articleWithPlayer(40, '3:10'), url('/guides/recruits'));
    expect(detection?.stated).toBeUndefined();
    expect(detection?.estimate?.words).toBeGreaterThan(2000);
  });

  it('estimates an article read aloud from its text: the recording is about as long', () => {
    // 16 paragraphs of 60 words: about 4 minutes' reading, read aloud in 6.
    const detection = detectResource(articleWithPlayer(16, '6:10'), url('/guides/recruits'));
    expect(detection?.stated).toBeUndefined();
    expect(detection?.estimate).toBeDefined();
  });

  it('reads the Leading to Change shape: Type and Duration label pairs', () => {
    const detection = detectResource(
      fixtureDocument('leading-to-change.html'),
      url('/blog/change'),
    );
    expect(detection).toMatchObject({
      title: 'Supporting people through change',
      url: 'https://learning.example.org/blog/change',
      kind: 'blog',
      typeLabel: 'Blog',
      stated: { seconds: 300, source: 'label-pair', raw: '5 mins' },
      durationSeconds: 300,
    });
    expect(ResourceDetectionSchema.safeParse(detection).success).toBe(true);
  });

  it('reads a definition list (dt/dd)', () => {
    const detection = detectResource(fixtureDocument('short-resource.html'), url('/huddle'));
    expect(detection).toMatchObject({ kind: 'video', typeLabel: 'Video', durationSeconds: 10 });
  });

  it('recognises a page whose only marker is "8 min read", not the sidebar\'s "3 min read"', () => {
    const detection = detectResource(
      fixtureDocument('min-read-blog.html'),
      url('/min-read-blog.html?utm_source=x#top'),
    );
    expect(detection).toMatchObject({
      title: 'Handovers that keep patients safe',
      url: 'https://learning.example.org/min-read-blog.html',
      kind: 'article',
      stated: { seconds: 480, source: 'visible-text', raw: '8 min read' },
    });
  });

  it('does not recognise a shop product page', () => {
    expect(detectResource(fixtureDocument('shop.html'), url('/socks'))).toBeNull();
  });

  it('reads "Duration: 1 hour" in one piece of text, and table rows', () => {
    const inline = htmlDocument('<h1>Course</h1><p>Duration: 1 hour</p>');
    expect(detectResource(inline, url('/c'))?.durationSeconds).toBe(3600);
    const table = htmlDocument(
      '<h1>Module</h1><table><tr><th>Type</th><td>eLearning</td></tr><tr><th>Duration</th><td>45 minutes</td></tr></table>',
    );
    expect(detectResource(table, url('/m'))).toMatchObject({
      kind: 'course',
      durationSeconds: 2700,
    });
  });

  it('ignores durations in navigation and footers', () => {
    const doc = htmlDocument(
      '<h1>Home</h1><nav><span>Duration</span><span>5 mins</span></nav><footer>4 min read</footer>',
    );
    expect(detectResource(doc, url('/'))).toBeNull();
  });

  it('does not trust a claim of more than 24 hours', () => {
    const doc = htmlDocument('<h1>Forever</h1><dl><dt>Duration</dt><dd>30 hours</dd></dl>');
    expect(detectResource(doc, url('/'))).toBeNull();
  });

  it('ignores a canonical link to another origin', () => {
    const doc = htmlDocument(
      '<link rel="canonical" href="https://other.example.com/x"><h1>T</h1><dl><dt>Duration</dt><dd>5 mins</dd></dl>',
    );
    expect(detectResource(doc, url('/page'))?.url).toBe('https://learning.example.org/page');
  });

  it('treats titles as text and clips very long ones', () => {
    const doc = htmlDocument(
      `<h1>&lt;img src=x onerror=alert(1)&gt;${'x'.repeat(400)}</h1><p>Duration: 5 mins</p>`,
    );
    const detection = detectResource(doc, url('/'));
    expect(detection?.title.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    expect(detection?.title.length).toBe(300);
  });

  it('never throws, and is null on non-web addresses', () => {
    expect(
      detectResource(htmlDocument('<p>Duration: 5 mins</p>'), new URL('file:///tmp/x.html')),
    ).toBeNull();
    const deep = htmlDocument(`${'<div>'.repeat(5000)}Duration: 5 mins${'</div>'.repeat(5000)}`);
    expect(() => detectResource(deep, url('/deep'))).not.toThrow();
  });
});
