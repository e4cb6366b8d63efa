/** A reading time longer than this is flagged and never used as a gate. */
export const MAX_TRUSTED_SECONDS = 24 * 60 * 60;
