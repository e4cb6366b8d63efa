import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Teaches plain Node the '@/' import alias that WXT, Vite and Vitest resolve, so scripts can load
 * test support code that imports Learnlog's own schemas (the reference sync server). Call it
 * before a dynamic `import()` of such a module.
 */
export function resolveProjectAlias(): void {
  const root = fileURLToPath(new URL('../', import.meta.url));
  registerHooks({
    resolve(specifier, context, next) {
      if (!specifier.startsWith('@/')) return next(specifier, context);
      for (const suffix of ['.ts', '.tsx', '/index.ts']) {
        const file = join(root, specifier.slice(2) + suffix);
        if (existsSync(file)) return next(pathToFileURL(file).href, context);
      }
      return next(specifier, context);
    },
  });
}
