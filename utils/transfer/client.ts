import type { ExportPlan } from '@/utils/export/export-parts';
import type { ImportReply, ImportRequest } from '@/utils/transfer/protocol';

type FinalReply = Exclude<ImportReply, { type: 'progress' }>;
type Progress = Extract<ImportReply, { type: 'progress' }>;

/** Runs one import in a fresh worker, reporting progress; the worker then ends. */
export function runImport(
  request: ImportRequest,
  onProgress: (progress: Progress) => void,
): Promise<FinalReply> {
  const worker = new Worker(new URL('./transfer.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<FinalReply>((resolve) => {
    worker.onmessage = (event: MessageEvent<ImportReply>) => {
      if (event.data.type === 'progress') {
        onProgress(event.data);
        return;
      }
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = () => {
      worker.terminate();
      resolve({ type: 'failed', error: 'Learnlog could not start the import.' });
    };
    worker.postMessage(request);
  });
}

/**
 * Gives the page a turn (input, drawing) between slices of work. A message, not a timer:
 * timers in a background tab wait a second or more, messages do not.
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Builds an export's file a slice at a time, reporting how many records are written. */
export async function buildExport(
  plan: ExportPlan,
  onProgress: (progress: Progress) => void,
): Promise<Blob> {
  // Each slice becomes its own small Blob (encoded as UTF-8 then, between turns); joining
  // Blobs at the end is cheap, where one Blob of 100,000 records' text held the page.
  const blobs: Blob[] = [];
  for (const { part, done } of plan.parts()) {
    blobs.push(new Blob([part]));
    onProgress({ type: 'progress', stage: 'Writing the file…', done, total: plan.count });
    await yieldToPage();
  }
  return new Blob(blobs, { type: plan.type });
}

/** Saves a file the way a download link does; no `downloads` permission is needed. */
export function saveFile(file: Blob, filename: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to start reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
