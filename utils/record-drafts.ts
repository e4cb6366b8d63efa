import { browser } from '#imports';
import { RecordFormValuesSchema, type RecordFormValues } from '@/utils/record-form';

/**
 * Drafts: unsaved popup forms. A popup closes as soon as the learner clicks the page, so what
 * they have typed is kept in `storage.session` (memory only, gone when the browser closes) per
 * resource, and restored when the popup opens again. Cleared once the record is saved.
 */

const keyFor = (resourceUrl: string) => `draft:${resourceUrl}`;

export async function loadDraft(resourceUrl: string): Promise<RecordFormValues | undefined> {
  const key = keyFor(resourceUrl);
  const stored = await browser.storage.session.get(key);
  const parsed = RecordFormValuesSchema.safeParse(stored[key]);
  return parsed.success ? parsed.data : undefined;
}

export async function saveDraft(resourceUrl: string, values: RecordFormValues): Promise<void> {
  await browser.storage.session.set({ [keyFor(resourceUrl)]: values });
}

export async function clearDraft(resourceUrl: string): Promise<void> {
  await browser.storage.session.remove(keyFor(resourceUrl));
}
