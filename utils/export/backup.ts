import type { LearningRecord } from '@/utils/records';
import type { Settings } from '@/utils/settings';

/**
 * The JSON backup: a versioned envelope that round-trips exactly. A backup of all
 * records includes deleted ones (`deletedAt`), so restoring it also restores the deletes a sync
 * must pass on; a backup of a filtered view holds just the records shown.
 */

export const BACKUP_FORMAT = 'learnlog-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  appVersion: string;
  exportedAt: string;
  scope: 'all' | 'filtered';
  /** The settings that matter on another machine: tracking, profile and goal, identity. */
  settings?: Omit<Settings, 'version'>;
  records: LearningRecord[];
}

export function createBackup(
  records: readonly LearningRecord[],
  settings: Settings | undefined,
  { appVersion, now, scope }: { appVersion: string; now: Date; scope: Backup['scope'] },
): Backup {
  const backup: Backup = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion,
    exportedAt: now.toISOString(),
    scope,
    records: [...records],
  };
  if (settings) {
    const { version: _version, ...rest } = settings;
    backup.settings = rest;
  }
  return backup;
}
