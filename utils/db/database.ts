import Dexie, { type EntityTable } from 'dexie';
import type { LearningRecord } from '@/utils/records';
import type { ResourceProgress } from '@/utils/db/progress';

/**
 * Learnlog's IndexedDB database. Used only by the background and extension pages: in a content
 * script IndexedDB would belong to the website (lint forbids the import there).
 * Every new `version()` needs an upgrade test against a fixture of the version before it.
 */
export class LearnlogDatabase extends Dexie {
  resources!: EntityTable<ResourceProgress, 'url'>;
  records!: EntityTable<LearningRecord, 'id'>;

  constructor(name = 'learnlog') {
    super(name);
    this.version(1).stores({
      // Indexed fields only: what queries filter or sort on.
      resources: 'url, lastSeenAt',
      records: 'id, date, createdAt, updatedAt',
    });
  }
}

let shared: LearnlogDatabase | undefined;

/** The extension's database, opened on first use. */
export function getDatabase(): LearnlogDatabase {
  shared ??= new LearnlogDatabase();
  return shared;
}
