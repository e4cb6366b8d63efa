import { Show } from 'solid-js';

export type FormStatusValue = { kind: 'saved' | 'error'; text: string } | null;

/** An action's outcome, done or refused, as the status line shows it. */
export const statusOf = (result: { ok: boolean; text: string }): FormStatusValue => ({
  kind: result.ok ? 'saved' : 'error',
  text: result.text,
});

/** A form's outcome: "Saved." as a status, a refusal as an alert, so screen readers hear both. */
export function FormStatus(props: { status: FormStatusValue; testId: string }) {
  return (
    <Show when={props.status}>
      {(current) => (
        <p
          class={current().kind === 'error' ? 'error' : 'notice'}
          role={current().kind === 'error' ? 'alert' : 'status'}
          data-testid={props.testId}
        >
          {current().text}
        </p>
      )}
    </Show>
  );
}
