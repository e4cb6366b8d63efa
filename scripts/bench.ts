/**
 * `npm run bench`: prints Learnlog's performance figures. Targets are checked here, not in
 * timed tests. For now: the size of the built content script, which every page loads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { OUTPUT_DIRS } from '../tests/e2e/harness.ts';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

if (
  !existsSync(`${OUTPUT_DIRS.chromium}manifest.json`) ||
  !existsSync(`${OUTPUT_DIRS.firefox}manifest.json`)
) {
  execFileSync('npm', ['run', '--silent', 'build:all'], { stdio: 'inherit' });
}

console.log('Content script size (loaded into every page it matches)');
for (const [browser, dir] of Object.entries(OUTPUT_DIRS)) {
  const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as {
    content_scripts: { js: string[] }[];
  };
  for (const file of manifest.content_scripts.flatMap((script) => script.js)) {
    const code = readFileSync(`${dir}${file}`);
    console.log(
      `  ${browser.padEnd(8)} ${file}: ${kib(code.length)} raw, ${kib(gzipSync(code, { level: 9 }).length)} gzip`,
    );
  }
}
