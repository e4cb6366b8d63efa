import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

/** Code that runs in web pages: may never touch the database (IndexedDB there is the site's). */
const CONTENT_SCRIPT_CODE = [
  'entrypoints/*.content.ts',
  'entrypoints/*.content/**',
  'utils/detection/**',
  'utils/tracking/**',
  'utils/duration.ts',
  'utils/canonical-url.ts',
  'utils/messages/send.ts',
  'utils/messages/reading-port.ts',
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', 'tests/e2e/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // WXT auto-imports are off in practice: import explicitly from '@/utils/...'.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*'], message: "Use '@/…' imports." }] },
      ],
    },
  },
  {
    files: ['**/*.tsx'],
    ...solid,
  },
  {
    // Solid assigns `ref={element}` variables in compiled code, which this rule cannot see.
    files: ['**/*.tsx'],
    rules: { 'no-unassigned-vars': 'off' },
  },
  {
    // Issue #2: content scripts must not import Dexie or database code, nor zod (size).
    files: CONTENT_SCRIPT_CODE,
    // The zod schema of a detection is for the background; content code imports its type only.
    ignores: ['utils/detection/schema.ts', 'utils/detection/profile-schema.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'dexie',
              message: 'Content scripts must not use IndexedDB: message the background.',
            },
            {
              name: 'zod',
              message: 'Keep zod out of the content script; the background validates.',
              allowTypeImports: true,
            },
            {
              name: '@/utils/messages/protocol',
              message: 'Import protocol types only.',
              allowTypeImports: true,
            },
            {
              name: '@/utils/detection/schema',
              message: 'Import detection types only (zod).',
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ['@/utils/db', '@/utils/db/*', '**/utils/db/*'],
              message:
                'Content scripts must not import database code: message the background instead.',
            },
            {
              // Issue #7: sync settings hold credentials; a web page's script must never see them.
              group: ['@/utils/sync', '@/utils/sync/*'],
              message: 'Content scripts must not import sync code or its settings (credentials).',
            },
            { group: ['../*'], message: "Use '@/…' imports." },
          ],
        },
      ],
    },
  },
  {
    // Plain Node scripts (type stripping) and what they import cannot resolve the '@/' alias.
    files: [
      'scripts/**',
      'tests/corpus.ts',
      'tests/e2e/harness.ts',
      'tests/e2e/fixture-server.ts',
      'tests/e2e/corpus-in-chromium.ts',
      'tests/e2e/detection-bundle.ts',
      'tests/support/make-records.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
