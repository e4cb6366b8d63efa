import { liveQuery } from 'dexie';
import { createSignal, createEffect, on, onCleanup, type Accessor } from 'solid-js';

/**
 * A Solid signal that follows a Dexie query: it re-runs when the data changes (in this page or
 * another extension context) and re-subscribes when `source` changes.
 */
export function createLiveQuery<S, T>(
  source: Accessor<S>,
  query: (value: S) => T | Promise<T>,
  initial: T,
): Accessor<T> {
  const [value, setValue] = createSignal<T>(initial);
  createEffect(
    on(source, (current) => {
      const subscription = liveQuery(() => query(current)).subscribe({
        next: (result) => setValue(() => result),
        error: (error: unknown) => console.error('Learnlog: a database query failed', error),
      });
      onCleanup(() => subscription.unsubscribe());
    }),
  );
  return value;
}
