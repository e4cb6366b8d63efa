import { z } from 'zod';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from '@/utils/export/backup';
import { validateRecords, NOTHING_IMPORTED } from '@/utils/import/validate-records';
import type { LearningRecord } from '@/utils/records';
import {
  IdentitySettingsSchema,
  ProfileSettingsSchema,
  TrackingSettingsSchema,
  type Settings,
} from '@/utils/settings';

const EnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string().max(50),
  exportedAt: z.iso.datetime(),
  scope: z.enum(['all', 'filtered']),
  settings: z.unknown().optional(),
  records: z.array(z.unknown()),
});

const BackupSettingsSchema = z.object({
  tracking: TrackingSettingsSchema,
  profile: ProfileSettingsSchema,
  identity: IdentitySettingsSchema,
});

export type ParsedImport =
  | {
      ok: true;
      records: LearningRecord[];
      settings?: Omit<Settings, 'version'>;
    }
  | { ok: false; error: string };

/** A Learnlog JSON backup, checked from envelope to every record. */
export async function parseBackup(
  text: string,
  {
    now,
    onProgress,
  }: { now: Date; onProgress?: (done: number, total: number) => void | Promise<void> },
): Promise<ParsedImport> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: `This file is not a complete Learnlog backup: it is not valid JSON (it may have been cut short). ${NOTHING_IMPORTED}`,
    };
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) {
    return { ok: false, error: `This file is not a Learnlog backup. ${NOTHING_IMPORTED}` };
  }
  const version = (data as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION) {
    return {
      ok: false,
      error: `This backup was made by a newer version of Learnlog (backup format ${version}). Update Learnlog, then import it again. ${NOTHING_IMPORTED}`,
    };
  }
  const envelope = EnvelopeSchema.safeParse(data);
  if (!envelope.success || envelope.data.formatVersion !== BACKUP_FORMAT_VERSION) {
    const field = envelope.error?.issues[0]?.path.join('.') ?? 'formatVersion';
    return {
      ok: false,
      error: `This Learnlog backup is damaged: its “${field}” is missing or wrong. ${NOTHING_IMPORTED}`,
    };
  }
  let settings: Omit<Settings, 'version'> | undefined;
  if (envelope.data.settings !== undefined) {
    const parsed = BackupSettingsSchema.safeParse(envelope.data.settings);
    if (!parsed.success) {
      return {
        ok: false,
        error: `The settings in this backup are not valid (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}). ${NOTHING_IMPORTED}`,
      };
    }
    settings = parsed.data;
  }
  const total = envelope.data.records.length;
  const validated = await validateRecords(envelope.data.records, {
    where: (index) => `Record ${index + 1}`,
    now,
    ...(onProgress ? { onProgress: (done: number) => onProgress(done, total) } : {}),
  });
  if (!validated.ok) return validated;
  return { ok: true, records: validated.records, ...(settings ? { settings } : {}) };
}
