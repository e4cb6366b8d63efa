/**
 * Learning sites Learnlog watches from installation, so a learner who chooses "Only on sites I
 * choose" still has their usual learning sites watched without being asked for each. Each
 * pattern names one site, https only (narrow on purpose); together they are the extension's
 * only install-time host permissions (`host_permissions` in wxt.config.ts). The learner can
 * stop any of them from the popup or Settings (they go on the never-watch list).
 *
 * Plain data, shared by the build config, the background and the settings page.
 */
export interface KnownLearningSite {
  name: string;
  patterns: readonly string[];
}

export const KNOWN_LEARNING_SITES: readonly KnownLearningSite[] = [
  {
    name: 'Leading to Change (NHS Education for Scotland)',
    patterns: ['https://leadingtochange.scot/*', 'https://*.leadingtochange.scot/*'],
  },
  { name: 'Turas Learn (NHS Education for Scotland)', patterns: ['https://learn.nes.nhs.scot/*'] },
  { name: 'NHS England Learning Hub', patterns: ['https://learninghub.nhs.uk/*'] },
  {
    name: 'e-Learning for Healthcare (NHS England)',
    patterns: ['https://portal.e-lfh.org.uk/*', 'https://www.e-lfh.org.uk/*'],
  },
  { name: 'OpenLearn (The Open University)', patterns: ['https://www.open.edu/*'] },
  { name: 'SCIE (Social Care Institute for Excellence)', patterns: ['https://www.scie.org.uk/*'] },
];

export const KNOWN_SITE_PATTERNS: readonly string[] = KNOWN_LEARNING_SITES.flatMap(
  (site) => site.patterns,
);
