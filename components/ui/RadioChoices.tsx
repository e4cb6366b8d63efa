import { For } from 'solid-js';

/** One choice among a few, as a fieldset of radio buttons (ids `<name>-<value>`). */
export function RadioChoices<T extends string>(props: {
  name: string;
  legend: string;
  value: T;
  onChange: (value: T) => void;
  options: readonly { value: T; label: string }[];
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      <For each={props.options}>
        {(option) => (
          <div class="radio">
            <input
              id={`${props.name}-${option.value}`}
              type="radio"
              name={props.name}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
            />
            <label for={`${props.name}-${option.value}`}>{option.label}</label>
          </div>
        )}
      </For>
    </fieldset>
  );
}
