import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { corpusPages, corpusUrl, CORPUS_DIR, type CorpusPage } from '../corpus.ts';
import { bundleDetection } from './detection-bundle.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { CHROMIUM_ARGS, EXECUTABLES } from './harness.ts';
import type { ResourceDetection } from '../../utils/detection/schema.ts';

/**
 * Runs the extension's detection on every corpus page in real Chromium: pages are served from
 * 127.0.0.1 with their own scripts off and every request elsewhere blocked (no network here, and
 * none needed), then `detectResource` runs in the page with its original address.
 */

export interface ChromiumCorpusResult {
  page: CorpusPage;
  detection: ResourceDetection | null;
  /** Milliseconds per detectResource call, median of several runs. */
  detectMs: number;
  /**
   * The first, cold run on the page, its code compiled afresh: each page gets its own copy of the
   * bundle (a comment naming the page), so the engine's in-memory cache of compiled code from
   * earlier pages does not help. In the extension the reading script's detection costs that much
   * on each page load (3 December: 8 to 25 ms a page in a traced load, where a reused copy here
   * measured 5 ms for the median page and a fresh one 12.5 ms).
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
              detectResource(doc: Document, url: URL): ResourceDetection | null;
            };
          }
        ).LearnlogDetection;
        const url = new URL(href);
        const timings: number[] = [];
        let detection: ResourceDetection | null = null;
        for (let index = 0; index < times; index++) {
          const started = performance.now();
          detection = api.detectResource(document, url);
          timings.push(performance.now() - started);
        }
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
          detection,
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
