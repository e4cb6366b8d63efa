/**
 * The reading content script as the background registers it (`scripting.registerContentScripts`)
 * and as the popup injects it into the page in front when the learner turns a site on. WXT
 * builds `entrypoints/reading.content` to this file because its registration is `runtime`.
 */
export const READING_SCRIPT_ID = 'learnlog-reading';
export const READING_SCRIPT_FILE = '/content-scripts/reading.js';
