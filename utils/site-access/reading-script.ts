/**
 * The page scripts as the background registers them (`scripting.registerContentScripts`) and as
 * the popup injects them when the learner turns a site on. WXT builds the unlisted scripts
 * `entrypoints/reading/index.ts` and `entrypoints/frame/index.ts` to these files.
 *
 * - The reading script runs in a page's top frame: it recognises the resource and counts.
 * - The frame script runs in every frame of a watched site (and in `about:blank` and `srcdoc`
 *   frames a watched page makes): it only hears trusted input and audible media there, and only
 *   once the background says the tab shows a resource, for the tab's reading script to count.
 * - The estimate script (`entrypoints/estimate/index.ts`) is never registered: the background
 *   runs it once in the top frame of a tab whose resource states no time, when the reading
 *   script finds the page idle, to count the main text as Reader View finds it.
 */
export const READING_SCRIPT_ID = 'learnlog-reading';
export const READING_SCRIPT_FILE = '/reading.js';
export const FRAME_SCRIPT_ID = 'learnlog-frame';
export const FRAME_SCRIPT_FILE = '/frame.js';
export const ESTIMATE_SCRIPT_FILE = '/estimate.js';
/** Every page script, for checks that hold for all of them. */
export const PAGE_SCRIPT_FILES = [
  READING_SCRIPT_FILE,
  FRAME_SCRIPT_FILE,
  ESTIMATE_SCRIPT_FILE,
] as const;
