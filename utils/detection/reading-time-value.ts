import { parseDuration } from '@/utils/duration';

/**
 * Reads a value that publishers put in a reading-time field: an exact duration ("4 minutes",
 * "PT3M9S"), display text ("5 min read"), or a translated one ("1 minuto", "3 Minuten"): the
 * label around it is translated, so the value is read, not the label.
 */

const READ_SUFFIX = /\s+(?:read|reading|de lecture|di lettura|de lectura|lesezeit|leestijd)$/i;
/** "minute" in the languages a Yoast or Medium label is commonly translated into. */
const LOCALISED_MINUTES =
  /^(\d{1,3}(?:[.,]\d)?)\s*(?:min(?:ute|uto|uti|utos|uten|uta|uty|utter|uut|uten)?s?\.?|минут[аы]?|分钟?|분)$/iu;

export function readReadingTimeValue(value: string): number | null {
  const text = value.replace(/\s+/g, ' ').trim();
  if (text.length === 0 || text.length > 60) return null;
  const exact =
    parseDuration(text) ?? parseDuration(text.replace(READ_SUFFIX, '').replace(/-/g, ' '));
  if (exact !== null) return exact;
  const localised = LOCALISED_MINUTES.exec(text.replace(READ_SUFFIX, ''));
  return localised ? Math.round(Number(localised[1]!.replace(',', '.')) * 60) : null;
}
