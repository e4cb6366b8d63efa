import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabLoads } from '@/entrypoints/background/tab-loads';
import {
  getTabResource,
  setTabResource,
  setTopDocument,
  topDocumentOf,
} from '@/entrypoints/background/tab-state';
import type { ResourceDetection } from '@/utils/detection/schema';

const detection: ResourceDetection = {
  title: 'Safeguarding adults: module 3',
  url: 'https://learning.example.org/module/3',
  kind: 'course',
  stated: { seconds: 900, source: 'label-pair', raw: '15 mins' },
  durationSeconds: 900,
};

describe('a tab loading, as the browser reports it', () => {
  let top: string | undefined;
  let forgotten: number[];
  let lookedAgain: number[];
  /** Whether the browser gives the tab's address (a site Learnlog may read). */
  let mayRead: boolean;
  /** What happens while the top document is being looked at. */
  let meanwhile: () => Promise<void>;
  const loads = () =>
    createTabLoads({
      topDocument: async () => {
        const seen = top;
        await meanwhile();
        return seen;
      },
      mayRead: async () => mayRead,
      forgotten: async (tabId) => void forgotten.push(tabId),
      stillShown: async (tabId) => void lookedAgain.push(tabId),
    });
  /** Tab 7 shows the module, announced by document `doc` (undefined: the browser did not say). */
  const shows = async (doc: string | undefined) => {
    await setTabResource(7, { detection, lastReportAt: 1_000 });
    await setTopDocument(7, doc);
  };

  beforeEach(() => {
    fakeBrowser.reset();
    top = 'doc-1';
    forgotten = [];
    lookedAgain = [];
    mayRead = true;
    meanwhile = async () => undefined;
  });

  it('forgets the tab when it loads another address', async () => {
    await shows('doc-1');
    await loads().loading(7, 'https://elsewhere.example.com/');
    expect(await getTabResource(7)).toBeUndefined();
    expect(await topDocumentOf(7)).toBeUndefined();
    expect(forgotten).toEqual([7]);
  });

  it('keeps the tab while only a frame in its page loads (Chrome says "loading" with no address)', async () => {
    await shows('doc-1');
    await loads().loading(7, undefined);
    await loads().complete(7);
    expect((await getTabResource(7))?.detection.url).toBe(detection.url);
    expect(forgotten).toEqual([]);
    // Its frames are looked at again (the frame that loaded may sit in one Learnlog cannot read).
    expect(lookedAgain).toEqual([7]);
  });

  it('forgets a reloaded tab once it has loaded and shows another document', async () => {
    await shows('doc-1');
    await loads().loading(7, undefined);
    expect(await getTabResource(7)).toBeDefined();
    top = 'doc-2';
    await loads().complete(7);
    expect(await getTabResource(7)).toBeUndefined();
    expect(forgotten).toEqual([7]);
  });

  it('keeps the new page’s resource when it was announced before the load completed', async () => {
    await shows('doc-1');
    await loads().loading(7, undefined);
    top = 'doc-2';
    await setTopDocument(7, 'doc-2');
    await loads().complete(7);
    expect(await getTabResource(7)).toBeDefined();
    expect(forgotten).toEqual([]);
  });

  it('keeps a new page’s resource announced while the check was under way', async () => {
    await shows('doc-1');
    await loads().loading(7, undefined);
    // The check saw the old document; the new one announced itself before it finished.
    meanwhile = () => setTopDocument(7, 'doc-2');
    top = 'doc-0';
    await loads().complete(7);
    expect(await getTabResource(7)).toBeDefined();
    expect(await topDocumentOf(7)).toBe('doc-2');
    expect(forgotten).toEqual([]);
  });

  it('looks at nothing when the tab shows no resource', async () => {
    await loads().complete(7);
    expect(forgotten).toEqual([]);
    expect(lookedAgain).toEqual([]);
  });

  it('forgets the tab when its page can no longer be reached (a site Learnlog may not read)', async () => {
    await shows('doc-1');
    await loads().loading(7, undefined);
    top = undefined;
    mayRead = false;
    await loads().complete(7);
    expect(await getTabResource(7)).toBeUndefined();
  });

  it('keeps the tab when its page, on a site Learnlog may read, did not answer (busy)', async () => {
    await shows('doc-1');
    await loads().loading(7, undefined);
    top = undefined;
    await loads().complete(7);
    expect(await getTabResource(7)).toBeDefined();
    expect(forgotten).toEqual([]);
  });

  it('forgets at once, as before, where the browser did not say which document announced it', async () => {
    await shows(undefined);
    await loads().loading(7, undefined);
    expect(await getTabResource(7)).toBeUndefined();
    expect(forgotten).toEqual([7]);
  });
});
