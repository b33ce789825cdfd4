/**
 * Maps a line to one the Localizer may rank: the line itself when a statement or expression starts
 * there, else the first line of the innermost statement spanning it; null when none does.
 */
import type { Node } from '@babel/types';
import { isStatement, isTypeOnly } from './nodeKinds';
import { walk } from './walk';

export function anchorLine(root: Node, lines: ReadonlySet<number>, line: number): number | null {
  if (lines.has(line)) return line;
  let best: number | null = null;
  walk(root, ({ node }) => {
    if (isTypeOnly(node) || !node.loc) return 'skip';
    if (node.loc.start.line > line || node.loc.end.line < line) return 'skip';
    if (isStatement(node) && node.type !== 'BlockStatement') best = node.loc.start.line;
    return undefined;
  });
  return best;
}
