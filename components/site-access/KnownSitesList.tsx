import { For } from 'solid-js';
import { KNOWN_LEARNING_SITES } from '@/utils/site-access/known-sites';

/** The learning sites watched from installation, named and with their exact addresses. */
export function KnownSitesList() {
  return (
    <ul class="known-sites" data-testid="known-sites">
      <For each={KNOWN_LEARNING_SITES}>
        {(site) => (
          <li>
            {site.name}: <span class="muted">{site.patterns.join(', ')}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
