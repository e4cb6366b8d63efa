import { z } from 'zod';
import { RECORD_KINDS } from '@/utils/records';

/**
 * Unsaved popup forms. A popup closes as soon as the learner clicks the page, so what they have
 * typed is kept in `storage.session` (memory only, gone when the browser closes) per resource,
 * and restored when the popup opens again. Cleared once the record is saved.
 */

/** The record form's values as typed (`components/RecordFields.tsx`). */
const DraftSchema = z.object({
  title: z.string(),
  url: z.string(),
  kind: z.enum(RECORD_KINDS),
  date: z.string(),
  minutes: z.string(),
  whatLearned: z.string(),
  howWillUse: z.string(),
  standards: z.array(z.string()),
  participatory: z.boolean(),
  planned: z.boolean(),
  tags: z.string(),
  notes: z.string(),
});
export type DraftValues = z.infer<typeof DraftSchema>;

const keyFor = (resourceUrl: string) => `draft:${resourceUrl}`;

export async function loadDraft(resourceUrl: string): Promise<DraftValues | undefined> {
  const key = keyFor(resourceUrl);
  const stored = await browser.storage.session.get(key);
  const parsed = DraftSchema.safeParse(stored[key]);
  return parsed.success ? parsed.data : undefined;
}

export async function saveDraft(resourceUrl: string, values: DraftValues): Promise<void> {
  await browser.storage.session.set({ [keyFor(resourceUrl)]: values });
}

export async function clearDraft(resourceUrl: string): Promise<void> {
  await browser.storage.session.remove(keyFor(resourceUrl));
}
