import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium and Firefox ESR with the BUILT extension
// (`npm run build:all` first). Two files at a time (each browser's steps stay in order within
// its file), which keeps `npm test` inside 10 minutes on two cores. `npm run test:e2e` runs the
// ground-truth accuracy file first and alone (`--no-file-parallelism`), so no other browser
// competes with it for the CPU while it compares counted time with the clock.
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
