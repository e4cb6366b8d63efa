/**
 * The reading script as the background registers it (`scripting.registerContentScripts`) and as
 * the popup injects it into the page in front when the learner turns a site on. WXT builds the
 * unlisted script `entrypoints/reading/index.ts` to this file.
 */
export const READING_SCRIPT_ID = 'learnlog-reading';
export const READING_SCRIPT_FILE = '/reading.js';
