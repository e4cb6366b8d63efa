import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Bundles detection (tests/e2e/detection-entry.ts) into one script (global `LearnlogDetection`)
 * so that real browsers can run exactly the extension's detection code on a page, for the corpus
 * tests and the benchmark; or another module of it (`readerCounts`, the estimate script's code)
 * under another global.
 */
export async function bundleDetection(
  entry = 'tests/e2e/detection-entry.ts',
  name = 'LearnlogDetection',
): Promise<string> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { alias: { '@': root } },
    build: {
      write: false,
      minify: true,
      lib: {
        entry: `${root}${entry}`,
        formats: ['iife'],
        name,
        fileName: 'detection',
      },
    },
  });
  type Output = { output: { type: string; code?: string }[] };
  const outputs = (Array.isArray(result) ? result : [result]) as Output[];
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (!chunk?.code) throw new Error('The detection bundle was not built.');
  return chunk.code;
}
