/**
 * The reading script's own life in a page, in place of WXT's content-script context, which
 * announces itself to the page: it dispatches DOM events named after the extension's public id
 * when a copy starts and when the address changes, and any page script can listen for those.
 * Nothing here is visible to the page: a newer copy finds the older one through a global of the
 * script's own world (Chrome's isolated world, Firefox's content-script sandbox), which the
 * page's scripts cannot see; listeners and timers leave no trace in the DOM.
 *
 * A copy ends when a newer copy starts in the same page (the learner turned its site on and the
 * open page was read again), when the extension is reloaded, updated or removed (its runtime id
 * goes), or when `end()` is called.
 */

export interface ScriptContext {
  /** Aborts when this copy ends; every listener is added with it. */
  readonly signal: AbortSignal;
  /** False once this copy has ended or the extension has gone (which ends it). */
  isValid(): boolean;
  /** A timer that runs only while this copy is valid. */
  setTimeout(handler: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(id: ReturnType<typeof setTimeout> | undefined): void;
  /** Calls `handler` after the page's address changes without a reload (single-page apps). */
  onLocationChange(handler: () => void): void;
  end(): void;
}

export interface ScriptContextPorts {
  /** The extension's runtime id; undefined once the extension has been reloaded or removed. */
  runtimeId: () => string | undefined;
  /** The script world's global object (never the page's window in Chrome or Firefox). */
  scriptGlobal: Record<symbol, unknown>;
  /** The page's current address. */
  location: () => string;
  /** The Navigation API, where the browser has it: address changes without polling. */
  navigation?: EventTarget;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;
  /** Which script this copy is (the reading script unless told): copies of others are left be. */
  key?: symbol;
}

/** Where the running copy leaves its `end`, for a newer copy to call. */
const RUNNING = Symbol.for('learnlog:reading-script');
/** Without the Navigation API, the address is looked at once a second. */
const LOCATION_POLL_MS = 1_000;

export function startScriptContext(ports: ScriptContextPorts): ScriptContext {
  const timers = ports.timers ?? globalThis;
  const controller = new AbortController();
  const end = () => controller.abort();

  // A copy already running in this page stops before this one starts.
  const running = ports.key ?? RUNNING;
  const previous = ports.scriptGlobal[running] as { end(): void } | undefined;
  previous?.end();
  ports.scriptGlobal[running] = { end };
  controller.signal.addEventListener('abort', () => {
    if ((ports.scriptGlobal[running] as { end(): void } | undefined)?.end === end)
      Reflect.deleteProperty(ports.scriptGlobal, running);
  });

  const isValid = () => {
    if (controller.signal.aborted) return false;
    if (ports.runtimeId() === undefined) {
      end();
      return false;
    }
    return true;
  };

  let watchingLocation = false;
  const locationHandlers: (() => void)[] = [];
  function watchLocation(): void {
    if (watchingLocation) return;
    watchingLocation = true;
    let last = ports.location();
    const check = () => {
      if (!isValid()) return;
      const now = ports.location();
      if (now === last) return;
      last = now;
      for (const handler of locationHandlers) handler();
    };
    if (ports.navigation) {
      // Fires for pushState, replaceState and link navigations alike; the address may change a
      // moment later, so it is looked at once the event's task is done.
      ports.navigation.addEventListener('navigate', () => timers.setTimeout(check, 0), {
        signal: controller.signal,
      });
      ports.navigation.addEventListener('navigatesuccess', check, { signal: controller.signal });
    } else {
      const id = timers.setInterval(check, LOCATION_POLL_MS);
      controller.signal.addEventListener('abort', () => timers.clearInterval(id));
    }
  }

  // Timers still to run: cleared together when the copy ends (one listener, not one per timer,
  // so a long visit does not pile them up).
  const pending = new Set<ReturnType<typeof setTimeout>>();
  controller.signal.addEventListener('abort', () => {
    for (const id of pending) timers.clearTimeout(id);
    pending.clear();
  });

  return {
    signal: controller.signal,
    isValid,
    setTimeout(handler, ms) {
      const id = timers.setTimeout(() => {
        pending.delete(id);
        if (isValid()) handler();
      }, ms);
      pending.add(id);
      return id;
    },
    clearTimeout(id) {
      if (id === undefined) return;
      timers.clearTimeout(id);
      pending.delete(id);
    },
    onLocationChange(handler) {
      locationHandlers.push(handler);
      watchLocation();
    },
    end,
  };
}
