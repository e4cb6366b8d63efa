import { startReadingSession } from '@/entrypoints/reading.content/reading-session';
import { detectResource } from '@/utils/detection';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    let stopSession: (() => void) | undefined;

    const detect = () => {
      stopSession?.();
      stopSession = undefined;
      const detection = detectResource(document, new URL(location.href));
      // Not a learning resource: nothing is sent, nothing is stored.
      if (detection) stopSession = startReadingSession(ctx, detection);
    };

    detect();
    // Single-page apps change the address without a reload.
    ctx.addEventListener(window, 'wxt:locationchange', detect);
  },
});
