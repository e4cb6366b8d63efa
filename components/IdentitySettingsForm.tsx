import { createSignal, Show } from 'solid-js';
import { FormStatus, type FormStatusValue } from '@/components/FormStatus';
import type { IdentitySettings } from '@/utils/settings';
import { validateAndSaveSection } from '@/utils/settings-store';
import { requestSync } from '@/utils/sync/request-sync';

/**
 * Who the learner is in xAPI statements (issue #6 export; issue #7 sync): an email address or an
 * account on the organisation's system. Stays on this device unless the learner exports or syncs.
 */
export function IdentitySettingsForm(props: { initial: IdentitySettings }) {
  // The form takes a copy once and then owns it.
  const initial = props.initial;
  const [name, setName] = createSignal(initial.name ?? '');
  const [by, setBy] = createSignal<'email' | 'account'>(initial.account ? 'account' : 'email');
  const [email, setEmail] = createSignal(initial.email ?? '');
  const [homePage, setHomePage] = createSignal(initial.account?.homePage ?? '');
  const [accountName, setAccountName] = createSignal(initial.account?.name ?? '');
  const [status, setStatus] = createSignal<FormStatusValue>(null);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const candidate = {
      ...(name().trim() ? { name: name() } : {}),
      ...(by() === 'email' && email().trim() ? { email: email().trim() } : {}),
      ...(by() === 'account' && (homePage().trim() || accountName().trim())
        ? { account: { homePage: homePage().trim(), name: accountName() } }
        : {}),
    };
    const result = await validateAndSaveSection('identity', candidate, 'Identity saved.');
    setStatus(result);
    // Sync may have stopped for want of an identity.
    if (result.kind === 'saved') requestSync();
  }

  return (
    <form class="card settings" onSubmit={submit} novalidate aria-labelledby="identity-heading">
      <h2 id="identity-heading">Your identity for xAPI</h2>
      <p class="muted">
        xAPI statements (for your organisation’s learning record store) name the learner. This stays
        on this device: it is only written into files you export, and sent with your records if you
        turn on sync.
      </p>
      <label for="identity-name">Your name (optional)</label>
      <input
        id="identity-name"
        class="text-input"
        dir="auto"
        autocomplete="name"
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <fieldset class="choices">
        <legend>Identify me by</legend>
        <div class="radio">
          <input
            id="identity-by-email"
            type="radio"
            name="identity-by"
            checked={by() === 'email'}
            onChange={() => setBy('email')}
          />
          <label for="identity-by-email">My email address</label>
        </div>
        <div class="radio">
          <input
            id="identity-by-account"
            type="radio"
            name="identity-by"
            checked={by() === 'account'}
            onChange={() => setBy('account')}
          />
          <label for="identity-by-account">My account on my organisation’s system</label>
        </div>
      </fieldset>
      <Show
        when={by() === 'account'}
        fallback={
          <>
            <label for="identity-email">Email address</label>
            <input
              id="identity-email"
              class="text-input"
              type="email"
              autocomplete="email"
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </>
        }
      >
        <label for="identity-home">Web address of the system</label>
        <input
          id="identity-home"
          class="text-input"
          type="url"
          placeholder="https://"
          value={homePage()}
          onInput={(e) => setHomePage(e.currentTarget.value)}
        />
        <label for="identity-account">Your user name there</label>
        <input
          id="identity-account"
          class="text-input"
          value={accountName()}
          onInput={(e) => setAccountName(e.currentTarget.value)}
        />
      </Show>
      <button type="submit" data-testid="save-identity">
        Save identity
      </button>
      <FormStatus status={status()} testId="identity-status" />
    </form>
  );
}
