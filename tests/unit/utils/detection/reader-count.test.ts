import { describe, expect, it, vi } from 'vitest';
import { htmlDocument } from '@/tests/unit/fixture-document';
import { readerCounts } from '@/utils/detection/reader-count';
import { countContent, findMainRoot } from '@/utils/detection/main-content';

const sentence = 'Carers who work nights need a plan for sleep and for the drive home. ';
const paragraphs = (count: number, words = sentence) =>
  Array.from({ length: count }, (_, index) => `<p>${words.repeat(8)} (${index})</p>`).join('');
/** 8 × 14 words + the number in brackets, per paragraph. */
const WORDS_PER_PARAGRAPH = 8 * 14 + 1;

/**
 * A blog post as many themes lay one out: no <main> or <article>, the post's text in a div
 * beside as much again of menus, related posts and comments.
 */
const themePage = `<!doctype html><html lang="en-GB"><head><title>Night shifts</title></head><body>
  <div class="menu"><ul>${'<li><a href="/x">Topic link here</a></li>'.repeat(30)}</ul></div>
  <div class="wrap"><div class="post-body"><h1>Night shifts and sleep</h1>
    ${paragraphs(12)}<img src="/pictures/rota.jpg" width="640" height="400" alt="A rota"></div>
  <div class="extra">${paragraphs(3, 'Subscribe to our newsletter for news and offers every week now. ')}</div>
  <div class="replies">${paragraphs(6, 'Thanks for this, it was useful on my ward last month too. ')}</div></div>
</body></html>`;

describe("readerCounts: the page's main text as Reader View finds it", () => {
  it('counts the post, not the menus, sidebar or comments around it', () => {
    const doc = htmlDocument(themePage);
    const counts = readerCounts(doc)!;
    const post = 12 * WORDS_PER_PARAGRAPH;
    expect(Math.abs(counts.words - post) / post).toBeLessThan(0.1);
    expect(counts.images).toBe(1);
    // Learnlog's own quick count takes in far more of this page (why Reader View is asked).
    const own = countContent(findMainRoot(doc)).words;
    expect(own).toBeGreaterThan(post * 1.25);
  });

  it('reads a copy: the page itself is left exactly as it was', () => {
    const doc = htmlDocument(themePage);
    const before = doc.documentElement.outerHTML;
    readerCounts(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('finds next to nothing on a page with no article, and answers nothing for one too big', () => {
    const empty = readerCounts(htmlDocument('<html><body><p>Hello.</p></body></html>'));
    expect(empty?.words ?? 0).toBeLessThan(5);
    const big = htmlDocument(`<html><body><article>${paragraphs(40)}</article></body></html>`);
    // Refused before any copy is made.
    const cloneNode = vi.spyOn(big, 'cloneNode');
    expect(readerCounts(big, 30)).toBeNull();
    expect(cloneNode).not.toHaveBeenCalled();
    expect(readerCounts(big)).not.toBeNull();
  });
});
