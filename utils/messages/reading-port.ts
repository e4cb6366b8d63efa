/**
 * The reading port: each content-script session holds one open, so the background learns when a
 * tab closes. Firefox drops messages sent while a closing tab unloads; a tab that was counting
 * when its port closed is counted up to what its last hint promised (nothing lost).
 * Plain constants, so the content script can use them without zod.
 */
export const READING_PORT = 'learnlog-reading';
/** The longest a hint may promise: the report interval plus slack. */
export const MAX_HINT_MS = 6_000;
