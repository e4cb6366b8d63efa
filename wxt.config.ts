import { defineConfig } from 'wxt';
import { KNOWN_SITE_PATTERNS } from './utils/site-access/known-sites';

/** Firefox add-on id; the e2e harness pins its moz-extension UUID by this id. */
const GECKO_ID = 'learnlog@learnlog.app';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-solid', '@wxt-dev/webextension-polyfill'],
  // Firefox builds are Manifest V3 too (WXT defaults Firefox to MV2).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Learnlog',
    description:
      'Turns everyday learning on the web into trustworthy CPD evidence: measures attentive reading time and records it with your reflection.',
    // Each permission is justified in the README ("Permissions"). In short:
    // storage: settings, site choices, and per-tab state while the MV3 worker sleeps.
    // alarms: sync retries and pulls after the worker has stopped; a daily trim of the timing
    // history (time counted on pages not recorded).
    // scripting: registers the reading script on the sites the learner chose.
    // activeTab: lets the popup name the site in front, and turn it on, without "tabs".
    // offscreen (Chromium only): the document that reads copies of watched pages to tell whether
    // they are resources (a service worker has no DOM; Firefox's background page does).
    permissions: [
      'storage',
      'alarms',
      'scripting',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Asked for only when the learner turns on "Tell me when I can record" (settings page).
    optional_permissions: ['notifications'],
    // Host access is the learner's choice, asked for from their click: all sites
    // (first-run page or Settings), one site (popup), or the sync server's origin.
    // The install-time host permissions are only the known learning sites.
    host_permissions: [...KNOWN_SITE_PATTERNS],
    optional_host_permissions: ['*://*/*'],
    action: { default_title: 'Learnlog' },
    // Extension pages run only the extension's own scripts: no remote code, no eval,
    // no plugins, no <base> tricks, and they cannot be framed by web pages.
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          strict_min_version: '140.0',
          // Learnlog sends nothing anywhere unless the learner turns sync on.
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  webExt: { disabled: true },
  imports: false,
});
