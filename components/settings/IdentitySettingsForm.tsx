import { createSignal, Show } from 'solid-js';
import { FormStatus, type FormStatusValue } from '@/components/ui/FormStatus';
import { RadioChoices } from '@/components/ui/RadioChoices';
import { TextField } from '@/components/ui/TextField';
import type { IdentitySettings } from '@/utils/settings';
import { validateAndSaveSection } from '@/utils/settings-store';
import { requestSync } from '@/utils/sync/page-requests';

/**
 * Who the learner is in xAPI statements (exports and sync): an email address or an
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
      <TextField
        id="identity-name"
        label="Your name (optional)"
        dir="auto"
        autocomplete="name"
        value={name()}
        onInput={setName}
      />
      <RadioChoices
        name="identity-by"
        legend="Identify me by"
        value={by()}
        onChange={setBy}
        options={[
          { value: 'email', label: 'My email address' },
          { value: 'account', label: 'My account on my organisation’s system' },
        ]}
      />
      <Show
        when={by() === 'account'}
        fallback={
          <TextField
            id="identity-email"
            label="Email address"
            type="email"
            autocomplete="email"
            value={email()}
            onInput={setEmail}
          />
        }
      >
        <TextField
          id="identity-home"
          label="Web address of the system"
          type="url"
          placeholder="https://"
          value={homePage()}
          onInput={setHomePage}
        />
        <TextField
          id="identity-account"
          label="Your user name there"
          value={accountName()}
          onInput={setAccountName}
        />
      </Show>
      <button type="submit" data-testid="save-identity">
        Save identity
      </button>
      <FormStatus status={status()} testId="identity-status" />
    </form>
  );
}
