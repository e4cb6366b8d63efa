import { getDatabase } from '@/utils/db/database';
import { importRecords } from '@/utils/db/import-records';
import { MAX_IMPORT_BYTES, parseImport } from '@/utils/import/parse-import';
import { NOTHING_IMPORTED } from '@/utils/import/validate-records';
import type { ImportReply, ImportRequest } from '@/utils/transfer/protocol';

/**
 * The import worker: reads, checks and saves a file away from the page's main
 * thread. It opens the extension's own database (a worker started by an extension page shares
 * its origin).
 */

const post = (reply: ImportReply) => self.postMessage(reply);
/** Lets the worker send progress between chunks of work. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

async function handle(request: ImportRequest): Promise<ImportReply> {
  if (request.file.size > MAX_IMPORT_BYTES) {
    return {
      type: 'failed',
      error: `This file is too large to be a Learnlog backup (${Math.round(request.file.size / 1024 / 1024)} MB). ${NOTHING_IMPORTED}`,
    };
  }
  post({ type: 'progress', stage: 'Reading the file…', done: 0, total: 0 });
  const text = await request.file.text();
  const parsed = await parseImport(text, {
    now: new Date(request.now),
    onProgress: async (done, total) => {
      post({ type: 'progress', stage: 'Checking records…', done, total });
      await breathe();
    },
  });
  if (!parsed.ok) return { type: 'failed', error: parsed.error };
  const counts = await importRecords(getDatabase(), parsed.records, (done, total) =>
    post({ type: 'progress', stage: 'Saving records…', done, total }),
  );
  return {
    type: 'imported',
    counts,
    total: parsed.records.length,
    ...(parsed.settings ? { settings: parsed.settings } : {}),
  };
}

self.onmessage = (event: MessageEvent<ImportRequest>) => {
  handle(event.data)
    .then(post)
    .catch(() => post({ type: 'failed', error: `Learnlog could not finish. ${NOTHING_IMPORTED}` }));
};
