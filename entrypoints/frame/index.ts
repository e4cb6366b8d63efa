import { defineUnlistedScript } from '#imports';
import { onTrustedPageHide, readMedia, watchMedia, watchPresence } from '@/utils/page/attention';
import { startScriptContext } from '@/utils/page/script-context';
import { startFrameWatcher } from '@/entrypoints/frame/frame-watcher';
import { watchFrameShown, whenLargeEnough } from '@/entrypoints/frame/frame-shown';
import { watchFrameLoads } from '@/utils/page/frame-loads';
import { claimFrame } from '@/utils/page/frame-claim';
import type { Envelope, MessageType } from '@/utils/messages/protocol';
import { fromExtension, readToContent } from '@/utils/messages/to-content';

/** Frame loads in a burst are told to the background once. */
const FRAME_LOADS_SETTLE_MS = 500;

/**
 * The native extension API. The frame script runs in every frame of a resource page, so it is
 * kept small: it uses the browser's own promise-returning `runtime` (both browsers' MV3) rather
 * than bundling the WebExtension polyfill the reading script carries.
 */
interface FrameRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown, sender: { id?: string }) => void): void;
    removeListener(listener: (message: unknown, sender: { id?: string }) => void): void;
  };
}
interface FrameApi {
  runtime?: FrameRuntime;
  extension?: { inIncognitoContext?: boolean };
}

const extensionApi = () =>
  (globalThis as { browser?: FrameApi }).browser ?? (globalThis as { chrome?: FrameApi }).chrome;

/**
 * The frame script: in the frames of a tab that shows a resource (a player, a quiz, a video
 * embed), hears the reader for the tab's reading script. Unlisted; the background injects it
 * into the tab's frames once the tab shows a resource, and again when its frames change
 * (entrypoints/background/frames.ts). It does nothing in a top frame.
 */
export default defineUnlistedScript(() => {
  // The top frame is the reading script's. A copy already at work here stays; this one leaves.
  if (window.top === window) return;
  const claimed = claimFrame(
    globalThis as unknown as Record<symbol, unknown>,
    () => extensionApi()?.runtime?.id !== undefined,
  );
  // A frame too small to be a player waits until it grows: a beacon or a hidden ad slot in a
  // resource page costs one listener.
  if (claimed) whenLargeEnough(window, (grew) => watchFrame(grew, claimed));
});

function watchFrame(grew: boolean, claimed: (alive: () => boolean) => void): void {
  const api = extensionApi();
  // Private windows are not watched. A copy left waiting by an extension since reloaded or
  // updated (its runtime id gone) must not start: it would end the new copy in this frame.
  if (!api?.runtime?.id || api.extension?.inIncognitoContext) return;
  const runtime = api.runtime;
  const context = startScriptContext({
    runtimeId: () => runtime.id,
    scriptGlobal: globalThis as unknown as Record<symbol, unknown>,
    location: () => location.href,
    key: Symbol.for('learnlog:frame-script'),
  });
  claimed(() => context.isValid());
  const send = <T extends MessageType>(type: T, data: Envelope<T>['data']) =>
    runtime.sendMessage({ type, data } satisfies Envelope<T>);

  const watcher = startFrameWatcher({
    signal: context.signal,
    now: () => performance.now(),
    setTimeout: context.setTimeout,
    clearTimeout: context.clearTimeout,
    send: async (report) => (await send('frame:presence', report)) as { watching: boolean },
    readMedia: () => readMedia(document),
    viewport: () => ({ width: window.innerWidth, height: window.innerHeight }),
    watchInput: (signal, onInput) => watchPresence(signal, onInput, window),
    watchMedia: (signal, onChange) => watchMedia(signal, onChange, document),
    watchShown: (signal, onChange) => watchFrameShown(signal, onChange, window),
    onPageHide: (signal, handler) => onTrustedPageHide(signal, handler, window),
  });

  const onMessage = (message: unknown, sender: { id?: string }) => {
    if (!context.isValid() || !fromExtension(sender, runtime.id)) return;
    const known = readToContent(message);
    if (known?.type === 'background:frames-watch') watcher.setWatching(known.data.watching);
  };
  runtime.onMessage.addListener(onMessage);
  context.signal.addEventListener('abort', () => runtime.onMessage.removeListener(onMessage));

  // Grown after the tab's frames were told (a player shown when the learner opens it): it asks
  // once, and the background tells it if the tab shows a resource.
  if (grew) send('content:frames-changed', {}).catch(() => undefined);

  // A frame inside this one loaded (a nested player, its next page): the background tells it.
  // Once per burst of loads, so a page reloading a frame in a loop sends little.
  let settle: ReturnType<typeof setTimeout> | undefined;
  watchFrameLoads(context.signal, document, () => {
    if (!watcher.watching || settle !== undefined) return;
    settle = context.setTimeout(() => {
      settle = undefined;
      if (watcher.watching) send('content:frames-changed', {}).catch(() => undefined);
    }, FRAME_LOADS_SETTLE_MS);
  });
}
