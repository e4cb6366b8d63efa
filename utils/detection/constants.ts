/** A reading time longer than this is flagged and never used as a gate. */
export const MAX_TRUSTED_SECONDS = 24 * 60 * 60;
/** Fewer words than this is not an article to estimate (about a minute of reading). */
export const MIN_ESTIMATE_WORDS = 250;
