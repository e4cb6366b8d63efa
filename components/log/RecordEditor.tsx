import { createSignal, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { RecordFields } from '@/components/records/RecordFields';
import type { LearnlogDatabase } from '@/utils/db/database';
import { addRecord, saveEditOf } from '@/utils/db/records-store';
import { requestSync } from '@/utils/sync/page-requests';
import { localIsoDate } from '@/utils/iso-date';
import type { Regulator } from '@/utils/profile/regulators';
import {
  blankFormValues,
  contentFromForm,
  formValuesFromRecord,
  type RecordFormValues,
} from '@/utils/record-form';
import { refusedWrite } from '@/utils/write-outcome';
import { createRecord, type LearningRecord } from '@/utils/records';

/**
 * Adds learning that did not happen on a web page (a course, a conference, supervision), or
 * edits a record, in a modal dialog: Escape or "Cancel" leaves everything as it was.
 */
export function RecordEditor(props: {
  db: LearnlogDatabase;
  regulator: Regulator;
  /** The record to edit; none to add a manual entry. */
  record?: LearningRecord;
  onClose: (saved?: string) => void;
}) {
  const today = localIsoDate(new Date());
  // eslint-disable-next-line solid/reactivity -- the form takes a copy once and then owns it
  const editing = props.record;
  const [values, setValues] = createStore<RecordFormValues>(
    editing ? formValuesFromRecord(editing) : blankFormValues(today),
  );
  const [error, setError] = createSignal('');
  let dialog!: HTMLDialogElement;

  onMount(() => dialog.showModal());

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setError('');
    const fields = contentFromForm(values);
    try {
      if (editing) {
        // A page record keeps the address Learnlog timed; a manual entry's can be changed or cleared.
        const changes =
          editing.origin === 'page'
            ? { ...fields, url: editing.url }
            : { url: undefined, ...fields };
        const result = await saveEditOf(props.db, editing, changes, new Date());
        if (!result.ok) return setError(result.error);
        requestSync();
        props.onClose(`Saved your changes to “${result.record.title}”.`);
      } else {
        const result = createRecord(
          { ...fields, origin: 'manual', recordedEarly: false },
          new Date(),
          () => crypto.randomUUID(),
        );
        if (!result.ok) return setError(result.error);
        await addRecord(props.db, result.record);
        requestSync();
        props.onClose(`Added “${result.record.title}” to your learning log.`);
      }
    } catch {
      setError(refusedWrite('save this record'));
    }
  }

  return (
    <dialog
      ref={dialog}
      class="editor"
      aria-labelledby="editor-heading"
      onClose={() => props.onClose()}
      data-testid="record-editor"
    >
      <form class="record-form" onSubmit={(event) => void submit(event)} novalidate>
        <h2 id="editor-heading">{editing ? 'Edit this record' : 'Add learning'}</h2>
        <Show when={!editing}>
          <p class="muted">
            For learning away from a web page Learnlog timed: a course, a conference, a supervision
            session, a discussion with colleagues.
          </p>
        </Show>
        <RecordFields
          values={values}
          setValues={setValues}
          regulator={props.regulator}
          today={today}
          idPrefix="editor"
          showUrl={!editing || editing.origin === 'manual'}
        />
        <Show when={error()}>
          <p class="error" role="alert" data-testid="editor-error">
            {error()}
          </p>
        </Show>
        <div class="actions">
          <button type="submit" data-testid="editor-save">
            {editing ? 'Save changes' : 'Add to your log'}
          </button>
          <button type="button" class="secondary" onClick={() => dialog.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
