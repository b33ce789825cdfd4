/**
 * Parses one JavaScript/TypeScript source with @babel/parser (never regexes for code structure).
 * `.js/.cjs/.mjs/.jsx` get the `jsx` plugin, `.ts/.mts/.cts` get `typescript`, `.tsx` both.
 */
import { parse, type ParserPlugin } from '@babel/parser';
import { FabricError } from '../errors';
import { sourceDialect, type SourceDialect } from './isAnalyzable';
import type { ParsedSource } from './types';

function pluginsFor(dialect: SourceDialect): ParserPlugin[] {
  switch (dialect) {
    case 'js':
      return ['jsx'];
    case 'ts':
      return ['typescript'];
    case 'tsx':
      return ['jsx', 'typescript'];
    default: {
      const never: never = dialect;
      throw new FabricError('INTERNAL', `unknown dialect ${String(never)}`);
    }
  }
}

interface BabelSyntaxError {
  loc?: { line?: number; column?: number };
}

/**
 * Parses `text` as the source at `path` (the extension picks the plugins; unknown extensions parse
 * as JavaScript with JSX). Throws `SOURCE_UNPARSEABLE` with `data: { path, line, column }`.
 */
export function parseSource(path: string, text: string): ParsedSource {
  const dialect = sourceDialect(path) ?? 'js';
  try {
    const ast = parse(text, {
      sourceType: 'unambiguous',
      allowReturnOutsideFunction: true,
      allowImportExportEverywhere: false,
      errorRecovery: false,
      ranges: true,
      plugins: pluginsFor(dialect),
    });
    return { path, text, ast };
  } catch (e) {
    if (e instanceof FabricError) throw e;
    const loc = (e as BabelSyntaxError).loc;
    throw new FabricError('SOURCE_UNPARSEABLE', `cannot parse ${path}`, {
      cause: e,
      data: { path, line: loc?.line ?? 0, column: loc?.column ?? 0 },
    });
  }
}
