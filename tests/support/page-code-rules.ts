import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { PAGE_SCRIPT_FILES } from '@/utils/site-access/reading-script';
import { createImportGraph } from './import-graph.ts';

/**
 * What may run inside web pages. The reading script is bundled with everything it reaches, and a
 * page is hostile: in it, IndexedDB and the page's storage belong to the website, and anything
 * the script holds could leak. So nothing it reaches may be database, sync (credentials), other
 * extension-page code, styles (they would be injected into the page, which could then tell
 * Learnlog is there), or read any store, the learner's or the site's. Of npm code only these
 * modules of WXT's small runtime may come along — its browser wrapper and content-script
 * helpers, not its storage wrapper or page UI — so zod, Dexie, Solid and the rest stay in the
 * background and the extension pages.
 */
export const PAGE_MODULES: ReadonlySet<string> = new Set([
  'wxt/browser',
  'wxt/utils/define-unlisted-script',
]);

/**
 * A package one page script alone may bring: Reader View's code is in the estimate script, which
 * runs once in a resource page that states no time, never in the reading script every page pays
 * for (issue #17: "it must not enter the synchronous path").
 */
export const SCRIPT_ONLY_MODULES: Readonly<Record<string, readonly string[]>> = {
  estimate: ['@mozilla/readability'],
};

/**
 * WXT's content-script wrapper (its `ContentScriptContext`) dispatches DOM events named after the
 * extension's public id, which any page can listen for: page code is an unlisted script with
 * its own context (utils/page/script-context.ts), never a WXT content script.
 */
const WXT_CONTENT_SCRIPT = /\.content(\/index)?\.tsx?$/;

export const NOT_IN_PAGES: readonly { area: RegExp; why: string }[] = [
  { area: /^utils\/db\//, why: 'database code (in a page, IndexedDB is the website’s)' },
  { area: /^utils\/sync\//, why: 'sync code (its settings hold credentials)' },
  { area: /^utils\/(export|import|transfer)\//, why: 'extension-page code' },
  { area: /^components\//, why: 'extension-page UI' },
  { area: /\.(css|scss|html)$/, why: 'styles or markup (they would show in the page)' },
];

/**
 * Where page code starts: the reading and frame scripts the background registers and injects
 * (unlisted scripts, named by PAGE_SCRIPT_FILES), and any content-script entrypoint, as WXT
 * finds them.
 */
export function pageScriptEntries(
  root: string,
  scriptFiles: readonly string[] = PAGE_SCRIPT_FILES,
): string[] {
  const dir = join(root, 'entrypoints');
  const candidates = scriptFiles.flatMap((file) => {
    const name = basename(file, '.js');
    return [`${name}.ts`, `${name}/index.ts`, `${name}/index.tsx`].map((path) => join(dir, path));
  });
  const contentScripts = readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && /\.content\.(ts|tsx)$/.test(entry.name)) return [join(dir, entry.name)];
    if (entry.isDirectory() && entry.name.endsWith('.content'))
      return ['index.ts', 'index.tsx'].map((name) => join(dir, entry.name, name));
    return [];
  });
  return [...candidates, ...contentScripts].filter((path) => existsSync(path));
}

/** Names that reach a store: the extension's, the website's IndexedDB or its Web Storage. */
const STORE_NAMES = new Set(['storage', 'indexedDB', 'localStorage', 'sessionStorage']);

/**
 * Every use of a store's name, however reached: `browser.storage`, `chrome.storage`, an alias
 * (`const b = browser; b.storage`), `browser['storage']`, `const { storage } = browser`,
 * `indexedDB`, `localStorage`. Page code has no reason to name any of them.
 */
function storageUses(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const uses: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && STORE_NAMES.has(node.text))
      uses.push(node.text);
    if (ts.isStringLiteralLike(node) && STORE_NAMES.has(node.text)) uses.push(`'${node.text}'`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** Every way `entry` brings in code that may not run in a page, each with its import chain. */
export function pageCodeProblems(root: string, entry: string): string[] {
  const graph = createImportGraph(root);
  // A folder entrypoint owns its folder; a one-file entrypoint owns only itself.
  const own = /^index\.tsx?$/.test(basename(entry)) ? dirname(entry) + sep : entry;
  const script = /^index\.tsx?$/.test(basename(entry))
    ? basename(dirname(entry))
    : basename(entry).replace(/\.tsx?$/, '');
  const allowed = new Set([...PAGE_MODULES, ...(SCRIPT_ONLY_MODULES[script] ?? [])]);
  const problems: string[] = [];
  if (WXT_CONTENT_SCRIPT.test(relative(root, entry)))
    problems.push(
      `a WXT content script (its context announces itself to the page): ${relative(root, entry)}`,
    );
  for (const { target, chain } of graph.runtimeClosure(entry).values()) {
    const route = chain.join(' → ');
    if (target.kind === 'unresolved') {
      problems.push(`cannot resolve ${target.specifier}: ${route}`);
    } else if (target.kind === 'package') {
      if (!allowed.has(target.specifier)) problems.push(`package ${target.specifier}: ${route}`);
    } else {
      const path = relative(root, target.path);
      const rule = NOT_IN_PAGES.find(({ area }) => area.test(path));
      if (rule) problems.push(`${rule.why}: ${route}`);
      // Another entrypoint's code (its own folder is the script's).
      else if (path.startsWith('entrypoints/') && !target.path.startsWith(own))
        problems.push(`another entrypoint: ${route}`);
      if (/\.(ts|tsx|js|mjs)$/.test(path))
        for (const use of storageUses(target.path)) problems.push(`uses ${use}: ${route}`);
    }
  }
  return problems;
}
