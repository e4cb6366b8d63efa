/**
 * `npm run demo`: builds the Chromium extension, serves the project's fixture pages on
 * 127.0.0.1 and, where a display exists, opens Chromium with Learnlog loaded. Headless, it
 * prints the address and how to load the extension by hand. Stops with Ctrl+C.
 */
import { execFileSync } from 'node:child_process';
import { startFixtureServer } from '../tests/e2e/fixture-server.ts';
import { launchWithExtension, OUTPUT_DIRS } from '../tests/e2e/harness.ts';
import { resolveProjectAlias } from './project-alias.ts';

const port = Number(process.env.LEARNLOG_DEMO_PORT ?? 5180);

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
const server = await startFixtureServer(port);
// The reference sync server: an xAPI LRS and a Learnlog API to try sync against.
resolveProjectAlias();
const { startSyncServer, DEFAULT_CREDENTIALS } = await import('../tests/support/sync-server.ts');
const sync = await startSyncServer({ port: port + 1 });
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

console.log(`
Learnlog demo pages: ${server.url('/')}
  ${server.url('/leading-to-change.html')}  (Blog, 5 mins)
  ${server.url('/short-resource.html')}  (Video, 10 secs: watch the countdown run out)
  ${server.url('/min-read-blog.html')}  ("8 min read")
  ${server.url('/shop.html')}  (not a learning resource)

Try sync (Settings → Sync with your organisation; set "Your identity for xAPI" first):
  xAPI learning record store: ${sync.xapiBase}
    key ${DEFAULT_CREDENTIALS.xapi.key}, secret ${DEFAULT_CREDENTIALS.xapi.secret}
  Learnlog app API: ${sync.apiBase}
    access token ${DEFAULT_CREDENTIALS.token}
`);

let stop = async () => {
  await sync.close();
  await server.close();
};
if (hasDisplay) {
  const extension = await launchWithExtension('chromium', {
    headless: false,
    siteAccess: 'left-to-learner',
  });
  const page = await extension.browser.newPage();
  await page.goto(server.url('/'));
  console.log(
    'Chromium is open with Learnlog loaded. Answer its welcome page ("Detect learning on all sites" to try the demo pages). Close it or press Ctrl+C to stop.',
  );
  stop = async () => {
    await extension.close();
    await sync.close();
    await server.close();
  };
  extension.browser.on('disconnected', () => void stop().then(() => process.exit(0)));
} else {
  console.log(`No display here, so no browser was opened. To try Learnlog by hand:
  1. Open chrome://extensions (or edge://extensions) and turn on Developer mode.
  2. Choose "Load unpacked" and pick: ${OUTPUT_DIRS.chromium}
  3. Learnlog opens its welcome page: choose "Detect learning on all sites" (or "Only on
     sites I choose", then "Watch this site" in Learnlog's popup on a demo page).
  4. Visit the pages above, then click the Learnlog icon in the toolbar.
  (Firefox: npm run build:firefox, then about:debugging → This Firefox → Load Temporary
   Add-on… and pick ${OUTPUT_DIRS.firefox}manifest.json)
Press Ctrl+C to stop the servers.`);
}

process.on('SIGINT', () => void stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
