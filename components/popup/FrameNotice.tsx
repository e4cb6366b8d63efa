import { browser } from '#imports';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { z } from 'zod';
import { FormStatus, statusOf, type FormStatusValue } from '@/components/ui/FormStatus';
import { hostFromInput, watchStateOf } from '@/utils/site-access/access';
import { watchSite } from '@/utils/site-access/choices';
import { loadSiteAccess, onSiteAccessChanged } from '@/utils/site-access/site-access-store';
import type { ToContentMessage } from '@/utils/messages/to-content';

/** The page's answer, read like anything from a page script: it may be old or odd. */
const FrameHostsSchema = z.object({ hosts: z.array(z.string().max(253)).max(10) });

/** At most this many sites are offered at once. */
const MAX_OFFERED = 3;

/**
 * "This page plays its content from player.example.org": the page's visible frames come from
 * sites Learnlog may not read (the learner chose "Only on sites I choose"), so activity in them
 * is not heard. Offers to let Learnlog read each; once granted, the frame counts from then on.
 * Nothing stands in for a frame Learnlog cannot read.
 */
export default function FrameNotice(props: { tabId: number }) {
  const [access, { mutate: setAccess }] = createResource(loadSiteAccess);
  onCleanup(onSiteAccessChanged(setAccess));
  const [hosts, { refetch }] = createResource(
    () => props.tabId,
    async (tabId) => {
      const ask: ToContentMessage = { type: 'popup:list-frames', data: {} };
      const reply = await browser.tabs.sendMessage(tabId, ask, { frameId: 0 }).catch(() => null);
      const parsed = FrameHostsSchema.safeParse(reply);
      if (!parsed.success) return [];
      return parsed.data.hosts.filter((host) => hostFromInput(host) === host);
    },
  );
  const unread = () => {
    const current = access();
    if (!current) return [];
    return (hosts() ?? [])
      .filter((host) => watchStateOf(new URL(`https://${host}/`), current) === 'not-chosen')
      .slice(0, MAX_OFFERED);
  };
  const [status, setStatus] = createSignal<FormStatusValue>(null);
  let heading: HTMLHeadingElement | undefined;

  // No await before the permission request: Firefox grants only from the click itself.
  function allow(host: string) {
    const current = access();
    if (!current) return;
    void watchSite(host, current, false, props.tabId).then((result) => {
      setStatus(
        statusOf(
          result.ok
            ? { ok: true, text: `Learnlog now sees your activity in content from ${host}.` }
            : result,
        ),
      );
      heading?.focus();
      void refetch();
    });
  }

  return (
    <Show when={unread().length > 0 || status()}>
      <section class="card frame-notice" aria-labelledby="frames-heading" data-testid="frames">
        <h2 id="frames-heading" tabindex="-1" ref={heading}>
          Content in this page
        </h2>
        <For each={unread()}>
          {(host) => (
            <div class="frame-notice__host">
              <p data-testid="frame-host">
                This page plays its content from <bdi>{host}</bdi>. Learnlog cannot see your
                activity there.
              </p>
              <button type="button" class="secondary" onClick={() => allow(host)}>
                Let Learnlog see activity on <bdi>{host}</bdi>
              </button>
            </div>
          )}
        </For>
        <FormStatus status={status()} testId="frames-status" />
      </section>
    </Show>
  );
}
