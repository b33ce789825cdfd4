/** `literal-off-by-one`: an integer literal n → n+1 and n−1 (not in types or object keys). */
import { inTypePosition, type RepairOperatorImpl } from '../operator';

export const literalOffByOne: RepairOperatorImpl = {
  name: 'literal-off-by-one',
  prior: 0.7,
  edits({ path }) {
    const { node, parent, key } = path;
    if (node.type !== 'NumericLiteral' || !Number.isSafeInteger(node.value) || inTypePosition(path)) return [];
    if (parent !== null && key === 'key' && (parent.type === 'ObjectProperty' || parent.type === 'ClassProperty')) return [];
    const start = node.start ?? 0;
    const end = node.end ?? 0;
    const edits = [{ start, end, replacement: String(node.value + 1), weight: 1 }];
    // A bare `-1` splices in fine after most tokens; after a unary minus it would read `--1`.
    const afterMinus = parent?.type === 'UnaryExpression' && parent.operator === '-';
    if (node.value > 0 || !afterMinus) edits.push({ start, end, replacement: String(node.value - 1), weight: node.value > 0 ? 1 : 0.5 });
    return edits;
  },
};
