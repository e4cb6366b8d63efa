import { browser } from '#imports';
import { z } from 'zod';
import { RecordFormValuesSchema } from '@/utils/record-form';

/**
 * Drafts: unsaved popup forms. A popup closes as soon as the learner clicks the page, so what
 * they have typed is kept in `storage.session` (memory only, gone when the browser closes) per
 * resource, and restored when the popup opens again. Cleared once the record is saved.
 */

const DraftSchema = z.object({
  values: RecordFormValuesSchema,
  /** The learner changed the minutes: otherwise they follow the page's progress on restore. */
  minutesEdited: z.boolean(),
});
export type Draft = z.infer<typeof DraftSchema>;

const keyFor = (resourceUrl: string) => `draft:${resourceUrl}`;

export async function loadDraft(resourceUrl: string): Promise<Draft | undefined> {
  const key = keyFor(resourceUrl);
  const stored = await browser.storage.session.get(key);
  const parsed = DraftSchema.safeParse(stored[key]);
  return parsed.success ? parsed.data : undefined;
}

export async function saveDraft(resourceUrl: string, draft: Draft): Promise<void> {
  await browser.storage.session.set({ [keyFor(resourceUrl)]: draft });
}

export async function clearDraft(resourceUrl: string): Promise<void> {
  await browser.storage.session.remove(keyFor(resourceUrl));
}
