import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses one of the project's own fixture pages (tests/fixtures) into a Document. */
export function fixtureDocument(name: string): Document {
  const html = readFileSync(join(process.cwd(), 'tests/fixtures', name), 'utf8');
  return htmlDocument(html);
}

export function htmlDocument(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
