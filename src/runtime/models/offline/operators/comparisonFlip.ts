/** `comparison-flip`: `<`↔`<=`, `>`↔`>=`, `<`↔`>`, `<=`↔`>=`, `==`↔`!=`, `===`↔`!==`. */
import { operatorOffset, type OperatorEdit, type RepairOperatorImpl } from '../operator';

/** Rewrites per operator with their weight: boundary fixes beat direction flips. */
const FLIPS: Record<string, [string, number][]> = {
  '<': [['<=', 1], ['>', 0.5]],
  '<=': [['<', 1], ['>=', 0.5]],
  '>': [['>=', 1], ['<', 0.5]],
  '>=': [['>', 1], ['<=', 0.5]],
  '==': [['!=', 0.8]],
  '!=': [['==', 0.8]],
  '===': [['!==', 0.8]],
  '!==': [['===', 0.8]],
};

export const comparisonFlip: RepairOperatorImpl = {
  name: 'comparison-flip',
  prior: 0.9,
  edits({ text, path }) {
    const node = path.node;
    if (node.type !== 'BinaryExpression') return [];
    const flips = FLIPS[node.operator];
    if (!flips) return [];
    const at = operatorOffset(text, node.left.end ?? 0, node.right.start ?? 0, node.operator);
    if (at === null) return [];
    return flips.map(([to, weight]): OperatorEdit => ({ start: at, end: at + node.operator.length, replacement: to, weight }));
  },
};
