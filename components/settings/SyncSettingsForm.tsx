import { browser } from '#imports';
import { createEffect, createSignal, Show } from 'solid-js';
import { originPatternOf } from '@/utils/origin-pattern';
import { FormStatus, type FormStatusValue } from '@/components/ui/FormStatus';
import { NumberSetting } from '@/components/ui/NumberSetting';
import { RadioChoices } from '@/components/ui/RadioChoices';
import { TextField } from '@/components/ui/TextField';
import { SyncStatusNotice } from '@/components/sync/SyncStatusNotice';
import { createSyncStatus } from '@/components/sync/sync-status-signal';
import { getDatabase } from '@/utils/db/database';
import { actorFrom } from '@/utils/export/xapi';
import { loadSettings } from '@/utils/settings-store';
import {
  DEFAULT_BATCH_SIZE,
  EndpointSchema,
  MAX_BATCH_SIZE,
  SyncConfigSchema,
  SYNC_TARGETS,
  TARGET_NAMES,
  type SyncConfig,
  type SyncTarget,
} from '@/utils/sync/config';
import { testSyncConnection } from '@/utils/sync/connection-test';
import { DEFAULT_TIMEOUT_MS } from '@/utils/sync/engine';
import { applySyncConfig, forgetSyncServer } from '@/utils/sync/settings-changes';
import { attemptWrite } from '@/utils/write-outcome';

const NEEDS_IDENTITY =
  'A learning record store needs to know who you are: fill in “Your identity for xAPI” on this page and save it first.';

/**
 * Sync settings: where to send records, the sign-in details, "Test connection", and
 * turning sync on or off. Off by default. Turning it on asks the browser for permission to reach
 * that one server, from the learner's own click.
 */
export function SyncSettingsForm(props: { initial: SyncConfig | undefined }) {
  const initial = props.initial;
  const [enabled, setEnabled] = createSignal(initial?.enabled ?? false);
  const [target, setTarget] = createSignal<SyncTarget>(initial?.target ?? 'xapi');
  const [endpoint, setEndpoint] = createSignal(initial?.endpoint ?? '');
  const [key, setKey] = createSignal(initial?.target === 'xapi' ? initial.credentials.key : '');
  const [secret, setSecret] = createSignal(
    initial?.target === 'xapi' ? initial.credentials.secret : '',
  );
  const [token, setToken] = createSignal(
    initial?.target === 'learnlog' ? initial.credentials.token : '',
  );
  const [batch, setBatch] = createSignal(
    String((initial?.target === 'xapi' && initial.batchSize) || DEFAULT_BATCH_SIZE),
  );
  const [saved, setSaved] = createSignal(initial);
  const [status, setStatus] = createSignal<FormStatusValue>(null);
  const [busy, setBusy] = createSignal(false);
  const syncStatus = createSyncStatus();
  // The buttons that disappear when pressed hand the focus here, not to the page's body.
  let submitButton: HTMLButtonElement | undefined;

  function candidate(on: boolean) {
    return SyncConfigSchema.safeParse({
      enabled: on,
      target: target(),
      endpoint: endpoint(),
      credentials: target() === 'xapi' ? { key: key(), secret: secret() } : { token: token() },
      ...(target() === 'xapi' ? { batchSize: Number(batch()) } : {}),
    });
  }

  // Whether Learnlog may already reach the typed server, checked as it is typed: the click must
  // ask the browser straight away (Firefox and Chrome want a user action) and must not ask for
  // access already granted (the browser would prompt again).
  const [grantedPattern, setGrantedPattern] = createSignal<string>();
  createEffect(() => {
    const parsed = EndpointSchema.safeParse(endpoint());
    if (!parsed.success) return;
    const pattern = originPatternOf(parsed.data);
    void browser.permissions
      .contains({ origins: [pattern] })
      .then((granted) => setGrantedPattern(granted ? pattern : undefined));
  });

  /** Asks for the server's host from the learner's click, unless Learnlog already has it. */
  function permissionFor(config: SyncConfig): Promise<boolean> {
    const origins = [originPatternOf(config.endpoint)];
    if (grantedPattern() === origins[0]) return Promise.resolve(true);
    return browser.permissions.request({ origins }).catch(() => false);
  }
  const refusedPermission = (config: SyncConfig) =>
    `Learnlog was not allowed to reach ${new URL(config.endpoint).origin}, so nothing was changed.`;

  const browserFetch = (input: string, init: RequestInit) => fetch(input, init);

  async function testConnection() {
    const parsed = candidate(false);
    if (!parsed.success) return setStatus({ kind: 'error', text: parsed.error.issues[0]!.message });
    const config = parsed.data;
    if (!(await permissionFor(config)))
      return setStatus({ kind: 'error', text: refusedPermission(config) });
    setBusy(true);
    setStatus({ kind: 'saved', text: 'Testing the connection…' });
    const result = await testSyncConnection(config, browserFetch, DEFAULT_TIMEOUT_MS);
    setBusy(false);
    setStatus({ kind: result.ok ? 'saved' : 'error', text: result.message });
  }

  async function turnOn(event: SubmitEvent) {
    event.preventDefault();
    const parsed = candidate(true);
    if (!parsed.success) return setStatus({ kind: 'error', text: parsed.error.issues[0]!.message });
    const config = parsed.data;
    if (!(await permissionFor(config)))
      return setStatus({ kind: 'error', text: refusedPermission(config) });
    if (config.target === 'xapi' && !actorFrom((await loadSettings()).identity))
      return setStatus({ kind: 'error', text: NEEDS_IDENTITY });
    // Wrong sign-in details or address are refused now, not found with the first record; a
    // server that cannot be reached just now does not stop the learner turning sync on.
    setBusy(true);
    setStatus({ kind: 'saved', text: 'Checking the connection…' });
    const test = await testSyncConnection(config, browserFetch, DEFAULT_TIMEOUT_MS);
    setBusy(false);
    if (!test.ok && !test.passing)
      return setStatus({ kind: 'error', text: `${test.message} Nothing was changed.` });
    const outcome = await attemptWrite('save the sync settings', () => applySyncConfig(config));
    if (!outcome.ok) return setStatus({ kind: 'error', text: outcome.text });
    setSaved(config);
    setEnabled(true);
    const host = new URL(config.endpoint).host;
    setStatus({
      kind: 'saved',
      text: test.ok
        ? `Sync is on: your records will be sent to ${host}.`
        : `Sync is on, but ${host} could not be reached just now (${test.message}) Learnlog will keep trying.`,
    });
  }

  async function turnOff() {
    const current = saved();
    if (!current) return;
    const outcome = await attemptWrite('turn sync off', () =>
      applySyncConfig({ ...current, enabled: false }),
    );
    if (!outcome.ok) return setStatus({ kind: 'error', text: outcome.text });
    setSaved({ ...current, enabled: false });
    setEnabled(false);
    setStatus({ kind: 'saved', text: 'Sync is off. Nothing more will be sent.' });
    submitButton?.focus();
  }

  async function forget() {
    const current = saved();
    const outcome = await attemptWrite('forget the server', () =>
      forgetSyncServer(current ? [originPatternOf(current.endpoint)] : []),
    );
    if (!outcome.ok) return setStatus({ kind: 'error', text: outcome.text });
    setSaved(undefined);
    setEnabled(false);
    setKey('');
    setSecret('');
    setToken('');
    setStatus({ kind: 'saved', text: 'The server and your sign-in details were removed.' });
    submitButton?.focus();
  }

  return (
    <form class="card settings" onSubmit={turnOn} novalidate aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync with your organisation</h2>
      <p class="muted">
        Off unless you turn it on. When it is on, Learnlog sends your records (title, address,
        dates, time, reflections, tags) to the one server you name here, and nothing else to anyone.
        Your sign-in details stay on this device.
      </p>
      <SyncStatusNotice db={getDatabase()} status={syncStatus()} />
      <RadioChoices
        name="sync-target"
        legend="Send my records to"
        value={target()}
        onChange={setTarget}
        options={SYNC_TARGETS.map((value) => ({ value, label: TARGET_NAMES[value] }))}
      />
      <TextField
        id="sync-endpoint"
        label="Server address"
        type="url"
        placeholder={target() === 'xapi' ? 'https://lrs.example.org/xapi/' : 'https://'}
        help="Your organisation gives you this. It must start with https://."
        value={endpoint()}
        onInput={setEndpoint}
      />
      <Show
        when={target() === 'xapi'}
        fallback={
          <TextField
            id="sync-token"
            label="Access token"
            type="password"
            autocomplete="off"
            value={token()}
            onInput={setToken}
          />
        }
      >
        <TextField
          id="sync-key"
          label="Key (user name)"
          autocomplete="off"
          value={key()}
          onInput={setKey}
        />
        <TextField
          id="sync-secret"
          label="Secret (password)"
          type="password"
          autocomplete="off"
          value={secret()}
          onInput={setSecret}
        />
        <details class="advanced">
          <summary>Advanced</summary>
          <NumberSetting
            id="sync-batch"
            label="Statements sent in one request"
            help={`From 1 to ${MAX_BATCH_SIZE}. Default: ${DEFAULT_BATCH_SIZE}. Use 1 if your learning record store refuses batches.`}
            min={1}
            max={MAX_BATCH_SIZE}
            step={1}
            value={batch()}
            onInput={setBatch}
          />
        </details>
      </Show>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          disabled={busy()}
          onClick={() => void testConnection()}
          data-testid="sync-test"
        >
          Test connection
        </button>
        <button type="submit" ref={submitButton} data-testid="sync-turn-on">
          {enabled() ? 'Save changes' : 'Save and turn on sync'}
        </button>
        <Show when={enabled()}>
          <button
            type="button"
            class="secondary"
            onClick={() => void turnOff()}
            data-testid="sync-turn-off"
          >
            Turn sync off
          </button>
        </Show>
        <Show when={saved()}>
          <button type="button" class="secondary" onClick={() => void forget()}>
            Forget this server
          </button>
        </Show>
      </div>
      <FormStatus status={status()} testId="sync-form-status" />
    </form>
  );
}
