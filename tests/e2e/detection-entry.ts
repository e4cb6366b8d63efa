/**
 * What the corpus runs in Chromium (tests/e2e/detection-bundle.ts): detection on the page itself,
 * and as the extension runs it, on a copy of the page taken in it.
 */
export { detectResource, readPage } from '@/utils/detection';
export { readPageCopy, toCopyReading } from '@/utils/detection/page-copy';
export { copyPage } from '@/utils/page/page-copy';
