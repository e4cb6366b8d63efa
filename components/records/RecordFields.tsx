import { For, Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import { cleanAddressText } from '@/utils/canonical-url';
import { KIND_LABELS } from '@/utils/kind-labels';
import { standardLabel, type Regulator } from '@/utils/profile/regulators';
import type { RecordFormValues } from '@/utils/record-form';
import { MAX_TEXT, MAX_TITLE, RECORD_KINDS, type RecordKind } from '@/utils/records';

/**
 * The fields of a learning record, shared by the popup, manual entries and edits. Labels and
 * the standards list follow the learner's regulator. `idPrefix` keeps ids unique on a page.
 */
export function RecordFields(props: {
  values: RecordFormValues;
  setValues: SetStoreFunction<RecordFormValues>;
  regulator: Regulator;
  today: string;
  idPrefix: string;
  /** Manual entries (and edits of them) may carry a web address. */
  showUrl: boolean;
}) {
  const id = (name: string) => `${props.idPrefix}-${name}`;
  /** The regulator's standards, plus any a record carries from another profile. */
  const standardOptions = () => {
    const own = props.regulator.standards.map((standard) => ({
      id: standard.id,
      label: standard.label,
    }));
    const known = new Set(own.map((option) => option.id));
    const carried = props.values.standards
      .filter((standard) => !known.has(standard))
      .map((standard) => ({ id: standard, label: standardLabel(standard) }));
    return [...own, ...carried];
  };
  /** The address as it will be saved, when cleaning it changes what was typed. */
  const savedAddress = () => {
    const typed = props.values.url.trim();
    if (!URL.canParse(typed)) return undefined;
    const saved = cleanAddressText(typed);
    return saved !== new URL(typed).href ? saved : undefined;
  };
  const toggleStandard = (standard: string, checked: boolean) =>
    props.setValues('standards', (current) =>
      checked ? [...current, standard] : current.filter((item) => item !== standard),
    );

  return (
    <>
      <label for={id('title')}>Title</label>
      <input
        id={id('title')}
        dir="auto"
        required
        maxLength={MAX_TITLE}
        value={props.values.title}
        onInput={(e) => props.setValues('title', e.currentTarget.value)}
      />
      <Show when={props.showUrl}>
        <label for={id('url')}>Web address (optional)</label>
        <input
          id={id('url')}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={props.values.url}
          aria-describedby={savedAddress() ? id('url-saved') : undefined}
          onInput={(e) => props.setValues('url', e.currentTarget.value)}
        />
        <Show when={savedAddress()}>
          {(address) => (
            <p id={id('url-saved')} class="muted hint" data-testid="url-saved-as">
              Saved as <bdi class="address">{address()}</bdi>. Learnlog leaves out the part after #,
              tracking tags and anything that looks like sign-in details or personal data.
            </p>
          )}
        </Show>
      </Show>
      <div class="row">
        <div>
          <label for={id('type')}>Type</label>
          <select
            id={id('type')}
            value={props.values.kind}
            onChange={(e) => props.setValues('kind', e.currentTarget.value as RecordKind)}
          >
            <For each={RECORD_KINDS}>
              {(option) => <option value={option}>{KIND_LABELS[option]}</option>}
            </For>
          </select>
        </div>
        <div>
          <label for={id('date')}>Date</label>
          <input
            id={id('date')}
            type="date"
            required
            max={props.today}
            value={props.values.date}
            onInput={(e) => props.setValues('date', e.currentTarget.value)}
          />
        </div>
        <div>
          <label for={id('minutes')}>Minutes</label>
          <input
            id={id('minutes')}
            type="number"
            inputMode="decimal"
            min="0"
            max="1440"
            step="any"
            required
            value={props.values.minutes}
            onInput={(e) => props.setValues('minutes', e.currentTarget.value)}
          />
        </div>
      </div>
      <label for={id('learned')}>{props.regulator.prompts.learned}</label>
      <textarea
        id={id('learned')}
        dir="auto"
        rows="3"
        maxLength={MAX_TEXT}
        value={props.values.whatLearned}
        onInput={(e) => props.setValues('whatLearned', e.currentTarget.value)}
      />
      <label for={id('practice')}>{props.regulator.prompts.practice}</label>
      <textarea
        id={id('practice')}
        dir="auto"
        rows="3"
        maxLength={MAX_TEXT}
        value={props.values.howWillUse}
        onInput={(e) => props.setValues('howWillUse', e.currentTarget.value)}
      />
      <Show when={standardOptions().length > 0}>
        <fieldset class="choices">
          <legend>{props.regulator.prompts.standards}</legend>
          <For each={standardOptions()}>
            {(option, index) => (
              <div class="checkbox">
                <input
                  id={id(`standard-${index()}`)}
                  type="checkbox"
                  checked={props.values.standards.includes(option.id)}
                  onChange={(e) => toggleStandard(option.id, e.currentTarget.checked)}
                />
                <label for={id(`standard-${index()}`)}>{option.label}</label>
              </div>
            )}
          </For>
        </fieldset>
      </Show>
      <div class="checkbox">
        <input
          id={id('participatory')}
          type="checkbox"
          checked={props.values.participatory}
          aria-describedby={id('participatory-hint')}
          onChange={(e) => props.setValues('participatory', e.currentTarget.checked)}
        />
        <label for={id('participatory')}>Participatory: I learned with other people</label>
      </div>
      <p id={id('participatory-hint')} class="muted hint">
        For example a workshop, a discussion or a group session, in person or online.
      </p>
      <Show when={props.regulator.asksPlanned}>
        <div class="checkbox">
          <input
            id={id('planned')}
            type="checkbox"
            checked={props.values.planned}
            onChange={(e) => props.setValues('planned', e.currentTarget.checked)}
          />
          <label for={id('planned')}>Planned learning (not unplanned)</label>
        </div>
      </Show>
      <label for={id('tags')}>Tags (optional)</label>
      <input
        id={id('tags')}
        dir="auto"
        aria-describedby={id('tags-hint')}
        value={props.values.tags}
        onInput={(e) => props.setValues('tags', e.currentTarget.value)}
      />
      <p id={id('tags-hint')} class="muted hint">
        Separate tags with commas, for example: safeguarding, dementia care
      </p>
      <label for={id('notes')}>Notes (optional)</label>
      <textarea
        id={id('notes')}
        dir="auto"
        rows="2"
        maxLength={MAX_TEXT}
        value={props.values.notes}
        onInput={(e) => props.setValues('notes', e.currentTarget.value)}
      />
    </>
  );
}
