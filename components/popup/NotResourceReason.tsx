import { browser } from '#imports';
import { createResource, Show } from 'solid-js';
import { z } from 'zod';
import { NOT_RESOURCE_KINDS, REASONS } from '@/utils/detection/page-kinds';
import type { ToContentMessage } from '@/utils/messages/to-content';

/** The page's answer, read like anything from a page script: only a known kind is shown. */
const PageKindSchema = z.object({ kind: z.enum(NOT_RESOURCE_KINDS).nullable() });

/**
 * Why the page in front is not a learning resource ("it looks like a list of resources"), asked
 * of the page's reading script, which keeps it in memory only: nothing about pages that are not
 * resources is stored. The words are the popup's own, chosen by the kind the page names.
 */
export function NotResourceReason(props: { tabId: number | undefined }) {
  const [kind] = createResource(
    () => props.tabId,
    async (tabId) => {
      const ask: ToContentMessage = { type: 'popup:page-kind', data: {} };
      const reply = await browser.tabs.sendMessage(tabId, ask, { frameId: 0 }).catch(() => null);
      const parsed = PageKindSchema.safeParse(reply);
      return parsed.success ? parsed.data.kind : null;
    },
  );
  return (
    <Show
      when={kind()}
      fallback="This page is not recognised as a learning resource, so Learnlog is not timing it."
    >
      {(known) => `Not a learning page: ${REASONS[known()]}. Learnlog is not timing it.`}
    </Show>
  );
}
