import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium and Firefox ESR with the BUILT extension
// (`npm run build:all` first). Two files at a time, and within a file Chromium's and Firefox's
// suites side by side (`describeEachBrowser`; each browser's steps stay in order): the tests
// mostly wait on the clock, so this keeps `npm test` inside 12 minutes on two cores. `npm run
// test:e2e` runs the ground-truth accuracy file first and alone (`--no-file-parallelism`), so no
// other file competes with it for the CPU while it compares counted time with the clock.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
