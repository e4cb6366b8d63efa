import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The project's import graph as the bundler sees it, read from the source with TypeScript's
 * parser. Each edge says whether it survives compilation: `import type`, `export type` and
 * `typeof import()` are erased, everything else (named, default, namespace, side-effect,
 * re-export, `export *`, dynamic `import()`) brings the module into the bundle.
 *
 * Specifiers resolve the way WXT's Vite build resolves them here: `@/` from the project root,
 * relative paths, `#imports` name by name through WXT's generated declaration of that virtual
 * module, and anything else as an npm package (not walked into).
 */

export type Target =
  | { kind: 'file'; path: string }
  | { kind: 'package'; name: string; specifier: string }
  | { kind: 'unresolved'; specifier: string };

export interface ImportEdge {
  from: string;
  specifier: string;
  target: Target;
  /** Erased by the compiler: no code of the target reaches the bundle through this edge. */
  typeOnly: boolean;
  /** The names imported through `#imports`, so each maps to its real module. */
  names: string[];
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx'];

function asFile(candidate: string): string | undefined {
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  for (const extension of EXTENSIONS) {
    if (existsSync(candidate + extension)) return candidate + extension;
  }
  return undefined;
}

/** A package's name from a bare specifier: `zod`, `@tanstack/solid-virtual`, `wxt` (of `wxt/browser`). */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** `#imports` → the module each name really comes from, from WXT's generated declaration. */
export function readVirtualImports(root: string): Map<string, string> {
  const file = join(root, '.wxt/types/imports-module.d.ts');
  const names = new Map<string, string>();
  if (!existsSync(file)) return names;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const visit = (node: ts.Node) => {
    if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.exportClause &&
      ts.isNamedExports(node.exportClause)
    ) {
      // The declaration's paths are relative to .wxt/types.
      const raw = node.moduleSpecifier.text;
      const specifier = raw.startsWith('.') ? resolve(dirname(file), raw) : raw;
      for (const element of node.exportClause.elements) names.set(element.name.text, specifier);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

export function createImportGraph(root: string) {
  const virtualImports = readVirtualImports(root);
  const cache = new Map<string, ImportEdge[]>();

  function resolveSpecifier(specifier: string, from: string): Target {
    if (specifier.startsWith('@/')) {
      const path = asFile(join(root, specifier.slice(2)));
      return path ? { kind: 'file', path } : { kind: 'unresolved', specifier };
    }
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const path = asFile(resolve(dirname(from), specifier));
      return path ? { kind: 'file', path } : { kind: 'unresolved', specifier };
    }
    return { kind: 'package', name: packageName(specifier), specifier };
  }

  /** One file's imports, `#imports` expanded name by name. */
  function importsOf(file: string): ImportEdge[] {
    const known = cache.get(file);
    if (known) return known;
    const edges: ImportEdge[] = [];
    if (!/\.(ts|tsx|mts|js|mjs)$/.test(file)) {
      cache.set(file, edges);
      return edges;
    }
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const add = (specifier: string, typeOnly: boolean, names: string[] = []) => {
      if (specifier === '#imports') {
        // A namespace, side-effect or dynamic import of the virtual module brings in all of
        // it: no name to follow, so it cannot be checked.
        if (names.length === 0)
          edges.push({
            from: file,
            specifier: '#imports (the whole module)',
            target: { kind: 'unresolved', specifier: '#imports (the whole module)' },
            typeOnly,
            names,
          });
        for (const name of names) {
          const real = virtualImports.get(name);
          edges.push({
            from: file,
            specifier: `#imports (${name})`,
            target: real
              ? resolveSpecifier(real, file)
              : { kind: 'unresolved', specifier: `#imports (${name})` },
            typeOnly,
            names: [name],
          });
        }
        return;
      }
      edges.push({
        from: file,
        specifier,
        target: resolveSpecifier(specifier, file),
        typeOnly,
        names,
      });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const names: string[] = [];
        if (clause?.name) names.push('default');
        if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings))
          for (const element of clause.namedBindings.elements)
            names.push((element.propertyName ?? element.name).text);
        // Only `import type` is erased whole; `import { type A }` keeps the import under
        // verbatimModuleSyntax (as `import {} from`), so it counts.
        add(node.moduleSpecifier.text, clause?.isTypeOnly === true, names);
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        const names =
          node.exportClause && ts.isNamedExports(node.exportClause)
            ? node.exportClause.elements.map(
                (element) => (element.propertyName ?? element.name).text,
              )
            : [];
        add(node.moduleSpecifier.text, node.isTypeOnly, names);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        add(node.arguments[0].text, false);
      } else if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'require' &&
        node.arguments[0] &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        add(node.arguments[0].text, false);
      } else if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'URL' &&
        node.arguments?.[0] &&
        ts.isStringLiteralLike(node.arguments[0]) &&
        node.arguments[1]?.getText(source) === 'import.meta.url'
      ) {
        // Vite bundles what `new URL('./x', import.meta.url)` names (workers, assets).
        add(node.arguments[0].text, false);
      } else if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.getText(source).startsWith('import.meta.glob')
      ) {
        // A glob can bring in any file: it cannot be checked, so it is refused.
        edges.push({
          from: file,
          specifier: node.expression.getText(source),
          target: { kind: 'unresolved', specifier: node.getText(source).slice(0, 80) },
          typeOnly: false,
          names: [],
        });
      } else if (
        ts.isImportEqualsDeclaration(node) &&
        ts.isExternalModuleReference(node.moduleReference) &&
        ts.isStringLiteral(node.moduleReference.expression)
      ) {
        add(node.moduleReference.expression.text, node.isTypeOnly);
      } else if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        add(node.argument.literal.text, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    cache.set(file, edges);
    return edges;
  }

  /**
   * Every module that reaches the bundle from `entry`, with the chain of files that brings it
   * in (for the failure message). Type-only edges are not followed.
   */
  function runtimeClosure(entry: string): Map<string, { target: Target; chain: string[] }> {
    const reached = new Map<string, { target: Target; chain: string[] }>();
    const keyOf = (target: Target) =>
      target.kind === 'file'
        ? target.path
        : target.kind === 'package'
          ? `package:${target.specifier}`
          : `unresolved:${target.specifier}`;
    const start: Target = { kind: 'file', path: resolve(entry) };
    reached.set(keyOf(start), { target: start, chain: [relative(root, start.path)] });
    const queue: { path: string; chain: string[] }[] = [
      { path: start.path, chain: [relative(root, start.path)] },
    ];
    while (queue.length > 0) {
      const { path, chain } = queue.shift()!;
      for (const edge of importsOf(path)) {
        if (edge.typeOnly) continue;
        const key = keyOf(edge.target);
        if (reached.has(key)) continue;
        const label =
          edge.target.kind === 'file' ? relative(root, edge.target.path) : edge.specifier;
        const next = [...chain, label];
        reached.set(key, { target: edge.target, chain: next });
        if (edge.target.kind === 'file') queue.push({ path: edge.target.path, chain: next });
      }
    }
    return reached;
  }

  /** Cycles among `files` (type-only edges included): each as the list of files around it. */
  function cycles(files: readonly string[]): string[][] {
    const inScope = new Set(files.map((file) => resolve(file)));
    const next = (file: string) =>
      importsOf(file)
        .map((edge) => (edge.target.kind === 'file' ? edge.target.path : undefined))
        .filter((path): path is string => path !== undefined && inScope.has(path));
    // Tarjan's strongly connected components.
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    const connect = (file: string) => {
      indices.set(file, index);
      low.set(file, index);
      index += 1;
      stack.push(file);
      onStack.add(file);
      for (const target of next(file)) {
        if (!indices.has(target)) {
          connect(target);
          low.set(file, Math.min(low.get(file)!, low.get(target)!));
        } else if (onStack.has(target)) {
          low.set(file, Math.min(low.get(file)!, indices.get(target)!));
        }
      }
      if (low.get(file) === indices.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(relative(root, member));
        } while (member !== file);
        if (component.length > 1 || next(file).includes(file)) found.push(component.sort());
      }
    };
    for (const file of inScope) if (!indices.has(file)) connect(file);
    return found;
  }

  return { importsOf, runtimeClosure, cycles, resolveSpecifier };
}
