import { browser } from '#imports';
import { createSignal, onMount, Show } from 'solid-js';
import type { Settings } from '@/utils/settings';
import { saveSettingsSection } from '@/utils/settings-store';
import { planExport, recordsToExport, type ExportFormat } from '@/utils/export/export-parts';
import type { LearningRecord } from '@/utils/records';
import { buildExport, runImport, saveFile } from '@/utils/transfer/client';
import type { ImportReply } from '@/utils/transfer/protocol';
import { requestSync } from '@/utils/sync/page-requests';
import { RadioChoices } from '@/components/ui/RadioChoices';

const FORMAT_NAMES: Record<ExportFormat, string> = {
  csv: 'CSV spreadsheet',
  json: 'JSON backup',
  xapi: 'xAPI statements',
};

/**
 * Export (CSV, JSON backup, xAPI, printable report) and import, for all records or
 * the ones the log shows. The work runs in a worker; progress and results are announced.
 */
export function TransferPanel(props: {
  settings: Settings;
  /** Every record, deleted ones included (a full backup keeps them). */
  allRecords: () => readonly LearningRecord[];
  /** The records the log shows, in its order. */
  shownRecords: () => readonly LearningRecord[];
  totalCount: number;
  filtered: boolean;
  /** Take the focus when shown (the log was opened for exporting). */
  focusOnOpen: boolean;
}) {
  const [scope, setScope] = createSignal<'all' | 'shown'>('all');
  const [ukDates, setUkDates] = createSignal(true);
  const [restoreSettings, setRestoreSettings] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [progress, setProgress] = createSignal<Extract<ImportReply, { type: 'progress' }>>();
  const [result, setResult] = createSignal<{ kind: 'done' | 'error'; text: string }>();
  let fileInput!: HTMLInputElement;
  let section!: HTMLElement;
  onMount(() => {
    if (props.focusOnOpen) section.focus();
  });

  const count = (value: number) => value.toLocaleString('en-GB');
  const onProgress = (update: Extract<ImportReply, { type: 'progress' }>) => setProgress(update);

  async function exportAs(format: ExportFormat) {
    setResult(undefined);
    const shown = scope() === 'shown' && props.filtered;
    const plan = planExport(
      recordsToExport(props.allRecords(), shown ? props.shownRecords() : undefined, format),
      format,
      {
        settings: props.settings,
        appVersion: browser.runtime.getManifest().version,
        now: new Date(),
        ukDates: ukDates(),
        scope: shown ? 'filtered' : 'all',
      },
    );
    if ('error' in plan) {
      setResult({ kind: 'error', text: plan.error });
      return;
    }
    setBusy(true);
    try {
      saveFile(await buildExport(plan, onProgress), plan.filename);
      setResult({
        kind: 'done',
        text: `Exported ${count(plan.count)} ${plan.count === 1 ? 'record' : 'records'} as a ${FORMAT_NAMES[format]}: ${plan.filename}, in your downloads.`,
      });
    } catch {
      setResult({ kind: 'error', text: 'Learnlog could not write the file. Please try again.' });
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  async function importFile(file: File) {
    setBusy(true);
    setResult(undefined);
    const reply = await runImport({ type: 'import', file, now: Date.now() }, onProgress);
    setBusy(false);
    setProgress(undefined);
    fileInput.value = '';
    if (reply.type === 'failed') {
      setResult({ kind: 'error', text: reply.error });
      return;
    }
    if (reply.type !== 'imported') return;
    const { added, updated, skipped } = reply.counts;
    if (added + updated > 0) requestSync();
    let settingsNote = '';
    if (reply.settings && restoreSettings()) {
      try {
        await saveSettingsSection('tracking', reply.settings.tracking);
        await saveSettingsSection('profile', reply.settings.profile);
        await saveSettingsSection('identity', reply.settings.identity);
        settingsNote = ' Your settings were restored from the backup.';
      } catch {
        settingsNote = ' Your settings could not be restored; your records were imported.';
      }
    }
    setResult({
      kind: 'done',
      text: `Imported ${count(reply.total)} ${reply.total === 1 ? 'record' : 'records'}: ${count(added)} added, ${count(updated)} updated, ${count(skipped)} skipped (already up to date).${settingsNote}`,
    });
  }

  return (
    <section
      ref={section}
      class="card transfer"
      id="export"
      aria-labelledby="transfer-heading"
      tabIndex={-1}
    >
      <h2 id="transfer-heading">Export and import</h2>
      <Show when={props.filtered}>
        <RadioChoices
          name="scope"
          legend="Which records"
          value={scope()}
          onChange={setScope}
          options={[
            { value: 'all', label: `All records (${count(props.totalCount)})` },
            {
              value: 'shown',
              label: `The records shown by your search and filters (${count(props.shownRecords().length)})`,
            },
          ]}
        />
      </Show>
      <div class="checkbox">
        <input
          id="uk-dates"
          type="checkbox"
          checked={ukDates()}
          onChange={(e) => setUkDates(e.currentTarget.checked)}
        />
        <label for="uk-dates">Add UK-style dates (26 November 2026) to the CSV</label>
      </div>
      <div class="actions">
        <button
          type="button"
          disabled={busy()}
          onClick={() => void exportAs('csv')}
          data-testid="export-csv"
        >
          Download CSV spreadsheet
        </button>
        <button
          type="button"
          disabled={busy()}
          onClick={() => void exportAs('json')}
          data-testid="export-json"
        >
          Download JSON backup
        </button>
        <button
          type="button"
          disabled={busy()}
          onClick={() => void exportAs('xapi')}
          data-testid="export-xapi"
        >
          Download xAPI statements
        </button>
        <a
          class="button-link button-link--action"
          href={browser.runtime.getURL('/report.html')}
          target="_blank"
          data-testid="open-report"
        >
          Printable CPD report
        </a>
      </div>
      <p class="muted">
        The CSV opens in Excel; the JSON backup restores everything, including your settings; the
        xAPI statements go into your organisation’s learning record store.
      </p>
      <label for="import-file">Import a Learnlog backup (.json) or CSV export</label>
      <input
        id="import-file"
        ref={fileInput}
        type="file"
        accept=".json,.csv,application/json,text/csv"
        disabled={busy()}
        aria-describedby="import-help"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void importFile(file);
        }}
      />
      <p id="import-help" class="muted">
        Records are matched by their ID: new ones are added, and where a record is already here the
        newer version is kept. A file with any problem changes nothing.
      </p>
      <div class="checkbox">
        <input
          id="restore-settings"
          type="checkbox"
          checked={restoreSettings()}
          onChange={(e) => setRestoreSettings(e.currentTarget.checked)}
        />
        <label for="restore-settings">
          Also restore the settings saved in a backup (profile, goal, identity, time measuring)
        </label>
      </div>
      <Show when={progress()}>
        {(current) => (
          <div class="transfer__progress" data-testid="transfer-progress">
            <label for="transfer-bar">{current().stage}</label>
            <progress
              id="transfer-bar"
              max={current().total || undefined}
              value={current().total ? current().done : undefined}
            />
          </div>
        )}
      </Show>
      <p class="notice" role="status" data-testid="transfer-result">
        {result()?.kind === 'done' ? result()!.text : ''}
      </p>
      <p class="error" role="alert" data-testid="transfer-error">
        {result()?.kind === 'error' ? result()!.text : ''}
      </p>
    </section>
  );
}
