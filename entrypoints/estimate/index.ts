import { defineUnlistedScript } from '#imports';
import { readerCounts } from '@/utils/detection/reader-count';

/**
 * The estimate script: Reader View's count of the page's main text. Unlisted; the background
 * runs it in a tab's top frame when the tab's resource states no time and its reading script
 * finds the page idle (entrypoints/background/reader-estimate.ts). Its answer is what
 * `scripting.executeScript` returns; it keeps nothing, listens for nothing and sends nothing.
 */
export default defineUnlistedScript(() => readerCounts(document));
