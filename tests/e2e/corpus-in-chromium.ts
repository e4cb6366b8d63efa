import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { corpusPages, corpusUrl, CORPUS_DIR, type CorpusPage } from '../corpus.ts';
import { bundleDetection } from './detection-bundle.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { CHROMIUM_ARGS, EXECUTABLES } from './harness.ts';
import type { ResourceDetection } from '../../utils/detection/schema.ts';
import type { CopyReading } from '../../utils/detection/page-copy.ts';
import type { PageCopy } from '../../utils/page/page-copy.ts';

/**
 * Runs the extension's detection on every corpus page in real Chromium: pages are served from
 * 127.0.0.1 with their own scripts off and every request elsewhere blocked (no network here, and
 * none needed), then detection runs in the page with its original address: on a copy of the
 * page, as the extension runs it (the copy taken in the page, read in an extension document), and
 * on the page itself, to show the two agree.
 */

export interface ChromiumCorpusResult {
  page: CorpusPage;
  /** What the extension finds: detection on a copy of the page. */
  detection: ResourceDetection | null;
  /** Detection's answers on the copy and on the page itself, which must agree. */
  readings: { copy: CopyReading; page: CopyReading };
  /**
   * Taking the copy (`copyPage`), its first run on the page: the part of detection that runs on
   * the page's own thread in the extension.
   */
  copyMs: number;
  /** The copy's size in characters. */
  copyChars: number;
  /** Milliseconds per `readPage` call on the page, median of several runs. */
  detectMs: number;
  /**
   * The first, cold run on the page, its code compiled afresh: each page gets its own copy of the
   * bundle (a comment naming the page), so the engine's in-memory cache of compiled code from
   * earlier pages does not help. Until 4 December the reading script ran detection in the page and
   * paid that on each page load (8 to 25 ms a page in a traced load); it now runs in an extension
   * document, compiled once, so only `copyMs` is paid in the page.
   */
  firstMs: number;
  /** Words counted by @mozilla/readability's parse(), and its milliseconds (bench only). */
  readability?: { words: number; ms: number };
  /**
   * The estimate script's count (`readerCounts`: Reader View's text, Learnlog's counting), as
   * the extension estimates a page that states no time once it is idle (bench only).
   */
  reader?: { words: number; ms: number } | null;
}

type RunOptions = { readabilitySource?: string; readerSource?: string; repeats?: number };
type FileResult = Omit<ChromiumCorpusResult, 'page'>;

export interface ChromiumCorpus {
  run(page: CorpusPage, options?: RunOptions): Promise<ChromiumCorpusResult>;
  /** Any page under the served folder, detected as if it were at `url`. */
  runFile(file: string, url: URL, options?: RunOptions): Promise<FileResult>;
  close(): Promise<void>;
}

/** `root`: the folder served (the shared corpus unless told, e.g. Learnlog's own fixtures). */
export async function openChromiumCorpus(root = `${CORPUS_DIR}/`): Promise<ChromiumCorpus> {
  const detectionSource = await bundleDetection();
  let loads = 0;
  const server: FixtureServer = await startFixtureServer(0, root);
  const browser: Browser = await puppeteer.launch({
    executablePath: EXECUTABLES.chromium,
    headless: true,
    pipe: true,
    args: CHROMIUM_ARGS,
  });
  const tab: Page = await browser.newPage();
  await tab.setJavaScriptEnabled(false);
  await tab.setRequestInterception(true);
  tab.on('request', (request) => {
    if (request.url().startsWith(server.origin)) void request.continue();
    else void request.abort();
  });

  async function runFile(
    file: string,
    pageUrl: URL,
    { readabilitySource, readerSource, repeats = 5 }: RunOptions = {},
  ): Promise<FileResult> {
    await tab.goto(server.url(`/${file}`), { waitUntil: 'domcontentloaded' });
    await tab.evaluate(`${detectionSource}\n//# sourceURL=learnlog-detection-${(loads += 1)}.js`);
    if (readabilitySource) await tab.evaluate(readabilitySource);
    if (readerSource) await tab.evaluate(readerSource);
    return tab.evaluate(
      (href, times, withReadability, withReader) => {
        const api = (
          window as unknown as {
            LearnlogDetection: {
              readPage(doc: Document, url: URL): unknown;
              readPageCopy(copy: PageCopy, parser: DOMParser): unknown;
              toCopyReading(reading: unknown): CopyReading;
              copyPage(doc: Document, url: string): PageCopy;
            };
          }
        ).LearnlogDetection;
        const url = new URL(href);
        // As on a page load: the copy the reading script takes, its code compiled afresh.
        const copyStarted = performance.now();
        const copy = api.copyPage(document, href);
        const copyMs = performance.now() - copyStarted;

        const timings: number[] = [];
        let onPage: unknown;
        for (let index = 0; index < times; index++) {
          const started = performance.now();
          onPage = api.readPage(document, url);
          timings.push(performance.now() - started);
        }
        const readings = {
          copy: api.toCopyReading(api.readPageCopy(copy, new DOMParser())),
          page: api.toCopyReading(onPage),
        };
        // The first run is cold, as in the extension on each page load (its code compiled).
        const firstMs = timings[0]!;
        timings.sort((a, b) => a - b);
        let readability: { words: number; ms: number } | undefined;
        if (withReadability) {
          const Readability = (
            window as unknown as {
              Readability: new (doc: Document) => {
                parse(): { textContent?: string | null } | null;
              };
            }
          ).Readability;
          const clone = document.cloneNode(true) as Document; // parse() changes the document it reads
          const started = performance.now();
          const article = new Readability(clone).parse();
          readability = {
            ms: performance.now() - started,
            words: (article?.textContent ?? '').trim().split(/\s+/).filter(Boolean).length,
          };
        }
        let reader: { words: number; ms: number } | null | undefined;
        if (withReader) {
          const api = (
            window as unknown as {
              LearnlogReader: {
                readerCounts(doc: Document): { words: number; cjkCharacters: number } | null;
              };
            }
          ).LearnlogReader;
          const started = performance.now();
          const counts = api.readerCounts(document);
          reader = counts
            ? { words: counts.words + counts.cjkCharacters, ms: performance.now() - started }
            : null;
        }
        return {
          detection: readings.copy.detection,
          readings,
          copyMs,
          copyChars: copy.html.length,
          detectMs: timings[Math.floor(timings.length / 2)]!,
          firstMs,
          readability,
          reader,
        };
      },
      pageUrl.href,
      repeats,
      Boolean(readabilitySource),
      Boolean(readerSource),
    );
  }

  return {
    async run(page, options) {
      return { page, ...(await runFile(page.file, corpusUrl(page), options)) };
    },
    runFile,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export { corpusPages };
