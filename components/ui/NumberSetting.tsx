/** A labelled whole-number field with its help text. */
export function NumberSetting(props: {
  id: string;
  label: string;
  help: string;
  min: number;
  max: number;
  step: number;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={props.step}
        aria-describedby={`${props.id}-help`}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <p id={`${props.id}-help`} class="muted">
        {props.help}
      </p>
    </>
  );
}
