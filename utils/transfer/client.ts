import type { TransferReply, TransferRequest } from '@/utils/transfer/protocol';

type FinalReply = Exclude<TransferReply, { type: 'progress' }>;

/** Runs one export or import in a fresh worker, reporting progress; the worker then ends. */
export function runTransfer(
  request: TransferRequest,
  onProgress: (progress: Extract<TransferReply, { type: 'progress' }>) => void,
): Promise<FinalReply> {
  const worker = new Worker(new URL('./transfer.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<FinalReply>((resolve) => {
    worker.onmessage = (event: MessageEvent<TransferReply>) => {
      if (event.data.type === 'progress') {
        onProgress(event.data);
        return;
      }
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = () => {
      worker.terminate();
      resolve({ type: 'failed', error: 'Learnlog could not start the export or import.' });
    };
    worker.postMessage(request);
  });
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
