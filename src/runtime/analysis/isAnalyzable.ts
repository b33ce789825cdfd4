/** Whether a path has an extension the analysis can parse (JavaScript and TypeScript flavours). */
export type SourceDialect = 'js' | 'ts' | 'tsx';

const DIALECTS: Record<string, SourceDialect> = {
  '.js': 'js',
  '.cjs': 'js',
  '.mjs': 'js',
  '.jsx': 'js',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
};

/** The dialect for a path, or null when the extension is not one we parse. `.d.ts` files are skipped. */
export function sourceDialect(path: string): SourceDialect | null {
  if (/\.d\.[cm]?ts$/.test(path)) return null;
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return null;
  return DIALECTS[path.slice(dot).toLowerCase()] ?? null;
}

export function isAnalyzable(path: string): boolean {
  return sourceDialect(path) !== null;
}
