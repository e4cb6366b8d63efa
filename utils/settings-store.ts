import { browser } from '#imports';
import { onLocalKeyChanged } from '@/utils/local-storage-watch';
import { readSettings, SETTINGS_KEY, SettingsSchema, type Settings } from '@/utils/settings';
import { exclusively } from '@/utils/exclusive';
import { refusedWrite } from '@/utils/write-outcome';

/** Held while the settings are read, changed and written back. */
const SETTINGS_LOCK = 'learnlog:settings';

/**
 * Settings in `storage.local` (never `storage.sync`, never sent to content scripts). Used by the
 * background and the extension pages.
 */
export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return readSettings(stored[SETTINGS_KEY]);
}

/** Validates, then saves; invalid settings are refused and nothing is written. */
async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: SettingsSchema.parse(settings) });
}

/**
 * Saves one section (tracking, profile) over the latest stored settings, so two forms on the
 * settings page never undo each other's changes.
 */
export async function saveSettingsSection<K extends 'tracking' | 'profile' | 'identity'>(
  section: K,
  value: Settings[K],
): Promise<void> {
  await exclusively(SETTINGS_LOCK, async () => {
    const current = await loadSettings();
    await saveSettings({ ...current, [section]: value });
  });
}

/**
 * What a settings form does on submit: validates its section with zod, saves it, and says how
 * it went in plain words (the first problem found, or `savedText`).
 */
export async function validateAndSaveSection<K extends 'tracking' | 'profile' | 'identity'>(
  section: K,
  candidate: unknown,
  savedText: string,
): Promise<{ kind: 'saved' | 'error'; text: string }> {
  const parsed = SettingsSchema.shape[section].safeParse(candidate);
  if (!parsed.success) {
    return { kind: 'error', text: parsed.error.issues[0]?.message ?? 'This is not valid.' };
  }
  try {
    await saveSettingsSection(section, parsed.data as Settings[K]);
    return { kind: 'saved', text: savedText };
  } catch {
    return { kind: 'error', text: refusedWrite('save your settings') };
  }
}

/** Calls back with the new settings whenever they change; returns the unsubscribe function. */
export function onSettingsChanged(callback: (settings: Settings) => void): () => void {
  return onLocalKeyChanged(SETTINGS_KEY, readSettings, callback);
}
