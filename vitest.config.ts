import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: pure logic in happy-dom, Dexie on fake-indexeddb, extension APIs on WXT's fake
// browser. The real-browser tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'happy-dom',
    // Corpus pages reference remote frames, scripts and stylesheets; happy-dom must not fetch
    // them (it still logs each frame it skips).
    environmentOptions: {
      happyDOM: {
        settings: {
          disableIframePageLoading: true,
          disableCSSFileLoading: true,
          disableJavaScriptFileLoading: true,
          handleDisabledFileLoadingAsSuccess: true,
        },
      },
    },
    setupFiles: ['fake-indexeddb/auto', './tests/support/web-locks.ts'],
    restoreMocks: true,
  },
});
