import { browser } from '#imports';
import type { LearnlogDatabase } from '@/utils/db/database';
import { forgetOldTiming } from '@/utils/db/resources-store';
import type { Settings } from '@/utils/settings';
import { onSettingsChanged } from '@/utils/settings-store';

/** Once a day, and when the browser starts: timing history past its days is forgotten. */
const FORGET_ALARM = 'learnlog-forget-timing';
const FORGET_EVERY_MINUTES = 24 * 60;

/**
 * Keeps the timing history (the `resources` table) to what the learner wants kept: rows with
 * no record are forgotten after their chosen number of days, and the table is trimmed when a
 * newly stored resource takes it past its cap. Returns the call that trims, for the progress
 * manager to make when it stores a resource.
 */
export function startTimingHistory(
  db: LearnlogDatabase,
  loadSettings: () => Promise<Settings>,
): () => void {
  let running = false;
  let again = false;
  const forget = () => {
    // One at a time; a request made meanwhile (a burst of new resources) runs once more after.
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        try {
          const settings = await loadSettings();
          await forgetOldTiming(db, {
            now: Date.now(),
            keepDays: settings.tracking.forgetTimingAfterDays,
          });
        } catch (error) {
          console.error('Learnlog could not trim its timing history', error);
        }
      } while (again);
      running = false;
    })();
  };
  // A shorter time chosen in Settings applies at once; other settings leave the history be.
  let keepDays: number | undefined;
  void loadSettings()
    .then((settings) => (keepDays ??= settings.tracking.forgetTimingAfterDays))
    .catch(() => undefined);
  onSettingsChanged((settings) => {
    if (settings.tracking.forgetTimingAfterDays === keepDays) return;
    keepDays = settings.tracking.forgetTimingAfterDays;
    forget();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FORGET_ALARM) forget();
  });
  const keepAlarm = () =>
    void browser.alarms.get(FORGET_ALARM).then((alarm) => {
      if (!alarm)
        void browser.alarms.create(FORGET_ALARM, { periodInMinutes: FORGET_EVERY_MINUTES });
    });
  browser.runtime.onStartup.addListener(() => {
    keepAlarm();
    forget();
  });
  browser.runtime.onInstalled.addListener(() => {
    keepAlarm();
    forget();
  });
  return forget;
}
