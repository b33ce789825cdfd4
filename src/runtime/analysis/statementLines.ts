/**
 * The lines on which a statement or an expression starts: the only lines the Localizer ranks.
 * Type-only syntax (interfaces, annotations) never counts.
 */
import type { Node } from '@babel/types';
import { isExpression, isStatement, isTypeOnly } from './nodeKinds';
import { walk } from './walk';

export function statementLines(root: Node): Set<number> {
  const lines = new Set<number>();
  walk(root, (path) => {
    if (isTypeOnly(path.node)) return 'skip';
    const line = path.node.loc?.start.line;
    // A block's `{` alone is punctuation, not code worth ranking.
    if (line !== undefined && path.node.type !== 'BlockStatement' && (isStatement(path.node) || isExpression(path))) lines.add(line);
    return undefined;
  });
  return lines;
}
