import { Show } from 'solid-js';

/** A labelled one-line text field of the settings forms, with optional help text. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'url' | 'password';
  autocomplete?: string;
  placeholder?: string;
  help?: string;
  /** Names and other free text may be right-to-left. */
  dir?: 'auto';
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        class="text-input"
        type={props.type ?? 'text'}
        inputMode={props.type === 'url' ? 'url' : undefined}
        dir={props.dir}
        autocomplete={props.autocomplete}
        placeholder={props.placeholder}
        aria-describedby={props.help ? `${props.id}-help` : undefined}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Show when={props.help}>
        <p id={`${props.id}-help`} class="muted">
          {props.help}
        </p>
      </Show>
    </>
  );
}
