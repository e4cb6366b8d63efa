import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createImportGraph } from '@/tests/support/import-graph';
import { pageScriptEntries, pageCodeProblems } from '@/tests/support/page-code-rules';

const ROOT = process.cwd();
const READING_SCRIPT = join(ROOT, 'entrypoints/reading/index.ts');
const FRAME_SCRIPT = join(ROOT, 'entrypoints/frame/index.ts');
const ESTIMATE_SCRIPT = join(ROOT, 'entrypoints/estimate/index.ts');

describe('the reading script (runs in web pages)', () => {
  it('reaches no database, sync, zod, Dexie, store or extension-page code by any route', () => {
    const entries = pageScriptEntries(ROOT);
    expect(entries).toEqual(
      expect.arrayContaining([READING_SCRIPT, FRAME_SCRIPT, ESTIMATE_SCRIPT]),
    );
    for (const entry of entries) expect(pageCodeProblems(ROOT, entry), entry).toEqual([]);
  });

  it('is walked through the files it really imports', () => {
    const reached = [...createImportGraph(ROOT).runtimeClosure(READING_SCRIPT).values()].map(
      ({ target }) =>
        target.kind === 'file' ? target.path.slice(ROOT.length + 1) : `package ${target.kind}`,
    );
    // A walk that stopped early would prove nothing: these are known to be in the bundle.
    expect(reached).toEqual(
      expect.arrayContaining([
        'entrypoints/reading/reading-session.ts',
        'utils/page/script-context.ts',
        'utils/page/page-copy.ts',
        'utils/tracking/accountant.ts',
        'utils/detection/estimate.ts',
      ]),
    );
  });

  it("carries none of detection's code: pages are read from a copy, in an extension document", () => {
    const reached = [...createImportGraph(ROOT).runtimeClosure(READING_SCRIPT).values()].flatMap(
      ({ target }) => (target.kind === 'file' ? [target.path.slice(ROOT.length + 1)] : []),
    );
    // Only the reading-rate arithmetic that turns Reader View's count into an estimate.
    expect(reached.filter((path) => path.startsWith('utils/detection/')).sort()).toEqual([
      'utils/detection/constants.ts',
      'utils/detection/estimate.ts',
    ]);
  });
});

describe('the source has no import cycles', () => {
  it('utils, components and entrypoints import in one direction only (type imports too)', () => {
    const files = execFileSync(
      'git',
      ['ls-files', '-co', '--exclude-standard', '--', 'utils', 'components', 'entrypoints'],
      {
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((file) => /\.(ts|tsx)$/.test(file))
      .map((file) => join(ROOT, file));
    expect(files.length).toBeGreaterThan(50);
    expect(createImportGraph(ROOT).cycles(files)).toEqual([]);
  });
});

/** A small project on disk, so each route the rules must catch is shown to be caught. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'learnlog-graph-'));
  created.push(root);
  const all = {
    '.wxt/types/imports-module.d.ts': [
      "declare module '#imports' {",
      "  export { browser, Browser } from 'wxt/browser';",
      "  export { defineContentScript } from 'wxt/utils/define-content-script';",
      "  export { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';",
      "  export { storage } from 'wxt/utils/storage';",
      "  export { createSignal } from 'solid-js';",
      "  export { addRecord } from '../../utils/db/records-store';",
      '}',
    ].join('\n'),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
const created: string[] = [];
afterAll(() => {
  for (const root of created) rmSync(root, { recursive: true, force: true });
});

const entry = (root: string) => join(root, 'entrypoints/reading/index.ts');
const ENTRY = 'entrypoints/reading/index.ts';

describe('the page-code rules catch every route', () => {
  it('passes a script that uses only WXT and its own pure code', () => {
    const root = project({
      [ENTRY]:
        "import { browser, defineUnlistedScript } from '#imports';\nimport { a } from '@/utils/a';",
      'utils/a.ts':
        "import type { Z } from 'zod';\nexport type { Y } from '@/utils/db/database';\nexport const a = 1;",
      'utils/db/database.ts': "import Dexie from 'dexie';\nexport type Y = Dexie;",
    });
    expect(pageCodeProblems(root, entry(root))).toEqual([]);
  });

  it('lets Reader View into the estimate script only, never the reading script', () => {
    const files = {
      [ENTRY]: "import '@/utils/reader';",
      'entrypoints/estimate/index.ts': "import '@/utils/reader';",
      'utils/reader.ts': "import { Readability } from '@mozilla/readability';\nvoid Readability;",
    };
    const root = project(files);
    expect(pageCodeProblems(root, join(root, 'entrypoints/estimate/index.ts'))).toEqual([]);
    expect(pageCodeProblems(root, entry(root)).join('\n')).toContain(
      'package @mozilla/readability',
    );
  });

  it.each([
    [
      'zod three files down',
      { 'utils/a.ts': "export * from './b';", 'utils/b.ts': "import { z } from 'zod';" },
      'package zod',
    ],
    ['Dexie', { 'utils/a.ts': "import Dexie from 'dexie';" }, 'package dexie'],
    [
      'database code through a re-export',
      {
        'utils/a.ts': "export { db } from '@/utils/db/database';",
        'utils/db/database.ts': 'export const db = 1;',
      },
      'database code',
    ],
    [
      'sync code by a dynamic import',
      { 'utils/a.ts': "void import('@/utils/sync/config');", 'utils/sync/config.ts': '' },
      'sync code',
    ],
    [
      'an inline type import (kept by verbatimModuleSyntax)',
      { 'utils/a.ts': "import { type Z } from 'zod';" },
      'package zod',
    ],
    [
      'a component',
      { 'utils/a.ts': "import '@/components/popup/App';", 'components/popup/App.tsx': '' },
      'extension-page UI',
    ],
    [
      'storage.local',
      {
        'utils/a.ts':
          "import { browser } from '#imports';\nvoid browser.storage.local.get('settings');",
      },
      'uses storage',
    ],
    ['indexedDB', { 'utils/a.ts': "indexedDB.open('x');" }, 'uses indexedDB'],
    [
      'Solid through #imports',
      { 'utils/a.ts': "import { createSignal } from '#imports';" },
      'package solid-js',
    ],
    [
      'database code through #imports',
      { 'utils/a.ts': "import { addRecord } from '#imports';", 'utils/db/records-store.ts': '' },
      'database code',
    ],
    ['a file that is not there', { 'utils/a.ts': "import '@/utils/missing';" }, 'cannot resolve'],
    [
      'WXT’s content-script context (it announces itself to the page)',
      { 'utils/a.ts': "import { defineContentScript } from '#imports';" },
      'package wxt/utils/define-content-script',
    ],
    [
      'WXT’s storage wrapper through #imports',
      { 'utils/a.ts': "import { storage } from '#imports';" },
      'package wxt/utils/storage',
    ],
    [
      'the whole of #imports',
      { 'utils/a.ts': "import * as wxt from '#imports';" },
      '#imports (the whole module)',
    ],
    [
      'a stylesheet',
      { 'utils/a.ts': "import '@/components/ui/base.css';", 'components/ui/base.css': 'p{}' },
      'extension-page UI',
    ],
    [
      'a stylesheet of its own',
      { 'utils/a.ts': "import './a.css';", 'utils/a.css': 'p{}' },
      'styles or markup',
    ],
    ['require()', { 'utils/a.ts': "const z = require('zod');" }, 'package zod'],
    [
      'a file named by new URL()',
      { 'utils/a.ts': "new URL('./b.ts', import.meta.url);", 'utils/b.ts': "import 'dexie';" },
      'package dexie',
    ],
    [
      'import.meta.glob',
      { 'utils/a.ts': "import.meta.glob('../utils/db/*.ts');" },
      'cannot resolve import.meta.glob',
    ],
    [
      'storage through an alias',
      { 'utils/a.ts': "import { browser } from '#imports';\nconst b = browser;\nvoid b.storage;" },
      'uses storage',
    ],
    [
      'storage by destructuring',
      { 'utils/a.ts': "import { browser } from '#imports';\nconst { storage } = browser;" },
      'uses storage',
    ],
    [
      'storage by a computed key',
      { 'utils/a.ts': "import { browser } from '#imports';\nvoid browser['storage'];" },
      "uses 'storage'",
    ],
    [
      'the website’s localStorage',
      { 'utils/a.ts': "localStorage.getItem('x');" },
      'uses localStorage',
    ],
    [
      'another entrypoint',
      {
        'utils/a.ts': "import '@/entrypoints/background/index';",
        'entrypoints/background/index.ts': '',
      },
      'another entrypoint',
    ],
  ])('%s', (_name, files, expected) => {
    const root = project({ [ENTRY]: "import '@/utils/a';", ...files });
    const problems = pageCodeProblems(root, entry(root));
    expect(problems.join('\n')).toContain(expected);
    expect(problems.join('\n')).toContain(`${ENTRY} → utils/a.ts`);
  });

  it('finds the reading script and every content-script entrypoint, in a folder or a file', () => {
    const root = project({
      [ENTRY]: '',
      'entrypoints/other.content.ts': "import 'dexie';",
      'entrypoints/third.content/index.ts': '',
      'entrypoints/background/index.ts': '',
      'entrypoints/popup/index.html': '',
    });
    const entries = pageScriptEntries(root, ['/reading.js']).map((path) =>
      path.slice(root.length + 1),
    );
    expect(entries.sort()).toEqual([
      'entrypoints/other.content.ts',
      ENTRY,
      'entrypoints/third.content/index.ts',
    ]);
    const other = pageCodeProblems(root, join(root, 'entrypoints/other.content.ts')).join('\n');
    expect(other).toContain('package dexie');
    // WXT's content-script context announces itself to the page: page code is never one.
    expect(other).toContain('a WXT content script');
  });

  it('finds a cycle through type-only imports', () => {
    const root = project({
      'utils/db/database.ts': "import type { Row } from './outbox';\nexport class Db {}",
      'utils/db/outbox.ts':
        "import type { Db } from './database';\nexport interface Row { db: Db }",
      'utils/db/other.ts': "import { Db } from './database';",
    });
    const files = ['database', 'outbox', 'other'].map((name) => join(root, `utils/db/${name}.ts`));
    expect(createImportGraph(root).cycles(files)).toEqual([
      ['utils/db/database.ts', 'utils/db/outbox.ts'],
    ]);
  });
});
