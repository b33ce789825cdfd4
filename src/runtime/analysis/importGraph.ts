/**
 * Workspace files reachable from entry files through relative `require('./…')`, static `import`,
 * re-exports, TypeScript `import x = require('./…')` and dynamic `import('./…')` with a string
 * literal, found by walking the AST. Resolution tries the path as written, then `.js .ts .mjs .cjs
 * .jsx .tsx .mts .cts`, then a `package.json` `main`, then `index.*`; a `.js` specifier also resolves to its `.ts` source.
 */
import { posix } from 'node:path';
import type { Node } from '@babel/types';
import { isAnalyzable } from './isAnalyzable';
import { parseSource } from './parseSource';
import { walk } from './walk';

const EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '.mts', '.cts'];

function literalText(node: Node | undefined): string | null {
  if (!node) return null;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

function isRelative(spec: string): boolean {
  return spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');
}

/** Relative module specifiers a source mentions, in source order. */
export function moduleSpecifiers(root: Node): string[] {
  const out: string[] = [];
  walk(root, ({ node }) => {
    let spec: string | null = null;
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        spec = node.source.value;
        break;
      case 'ExportNamedDeclaration':
        spec = node.source ? node.source.value : null;
        break;
      case 'ImportExpression':
        spec = literalText(node.source);
        break;
      case 'CallExpression':
        if ((node.callee.type === 'Identifier' && node.callee.name === 'require') || node.callee.type === 'Import') {
          spec = literalText(node.arguments[0] as Node | undefined);
        }
        break;
      case 'TSExternalModuleReference':
        spec = node.expression.value;
        break;
      default:
        break;
    }
    if (spec !== null && isRelative(spec)) out.push(spec);
  });
  return out;
}

/** The `main` of `<dir>/package.json` when the files hold one. */
function packageMain(dir: string, files: Map<string, string>): string | null {
  const manifest = files.get(dir === '.' ? 'package.json' : `${dir}/package.json`);
  if (manifest === undefined) return null;
  try {
    const main: unknown = (JSON.parse(manifest) as { main?: unknown }).main;
    return typeof main === 'string' ? posix.normalize(posix.join(dir, main)) : null;
  } catch {
    return null;
  }
}

function resolve(from: string, spec: string, files: Map<string, string>): string | null {
  // `require('../')` joins to `./`: drop trailing slashes so a directory spec resolves to its index/main.
  const base = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\/+$/, '') || '.';
  if (base.startsWith('../') || base === '..') return null;
  const dir = base === '.' ? '' : `${base}/`;
  const main = packageMain(base, files);
  const tries = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...(main === null ? [] : [main, ...EXTENSIONS.map((e) => main + e)]),
    ...EXTENSIONS.map((e) => `${dir}index${e}`),
  ];
  const js = /\.([cm]?)js$/.exec(base);
  if (js) tries.push(base.replace(/\.[cm]?js$/, `.${js[1]}ts`), base.replace(/\.js$/, '.tsx'));
  return tries.find((t) => files.has(t)) ?? null;
}

/** Reachable files (entries included when present in `files`), sorted. Unparseable files are leaves. */
export function importGraph(files: Map<string, string>, entry: string[]): string[] {
  const seen = new Set<string>();
  const queue = entry.filter((e) => files.has(e));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!isAnalyzable(file)) continue;
    let specs: string[];
    try {
      specs = moduleSpecifiers(parseSource(file, files.get(file) as string).ast);
    } catch {
      continue;
    }
    for (const spec of specs) {
      const target = resolve(file, spec, files);
      if (target !== null && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].sort();
}
