import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

/**
 * Import rules. ESLint keeps only the last `no-restricted-imports` setting that applies to a
 * file, so each layer's rule is built from the shared patterns plus its own.
 *
 * Which code may run in web pages is not a lint rule: `tests/unit/architecture/import-graph.test.ts`
 * walks the reading script's real import graph (a list of files here would fall behind it).
 */
const NO_PARENT_IMPORTS = { group: ['../*', './../*'], message: "Use '@/…' imports." };
const layer = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: [NO_PARENT_IMPORTS, ...patterns] },
  ],
  // The rule above does not look at `import()`: the same layers, for dynamic imports.
  'no-restricted-syntax': [
    'error',
    ...patterns.map(({ group, message }) => ({
      selector: `ImportExpression[source.value=/^${group[0].replaceAll('/', '\\/')}(\\/|$)/]`,
      message,
    })),
  ],
});
const NOT_ENTRYPOINTS = {
  group: ['@/entrypoints', '@/entrypoints/*'],
  message: 'Entrypoints wire the parts together; nothing else imports them.',
};
const NOT_COMPONENTS = {
  group: ['@/components', '@/components/*'],
  message: 'utils/ holds logic without UI: move what both need into utils/.',
};
const NOT_SYNC = {
  group: ['@/utils/sync', '@/utils/sync/*'],
  message:
    'The database layer is below sync: sync imports utils/db, never the reverse (sync storage lives in utils/sync/store/).',
};

/** `browser` comes from WXT's module (webextension-polyfill), never from a global. */
const NO_EXTENSION_GLOBALS = {
  'no-restricted-globals': [
    'error',
    { name: 'browser', message: "Import it: import { browser } from '#imports'." },
    { name: 'chrome', message: "Use browser from '#imports' (webextension-polyfill)." },
  ],
};

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
      // `import { type A } from 'x'` still loads 'x' under verbatimModuleSyntax; `import type` does not.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      ...layer(),
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
    files: ['utils/**', 'components/**', 'entrypoints/**', 'tests/unit/**'],
    rules: NO_EXTENSION_GLOBALS,
  },
  { files: ['utils/**'], rules: layer(NOT_ENTRYPOINTS, NOT_COMPONENTS) },
  { files: ['utils/db/**'], rules: layer(NOT_ENTRYPOINTS, NOT_COMPONENTS, NOT_SYNC) },
  { files: ['components/**'], rules: layer(NOT_ENTRYPOINTS) },
  {
    // Plain Node scripts (type stripping) and what they import cannot resolve the '@/' alias.
    files: [
      'scripts/**',
      'tests/corpus.ts',
      'tests/detection-fixtures.ts',
      'tests/e2e/harness.ts',
      'tests/e2e/fixture-server.ts',
      'tests/e2e/corpus-in-chromium.ts',
      'tests/e2e/detection-bundle.ts',
      'tests/support/make-records.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
