/** `negate-condition`: the test of if/while/do/for/ternary: `x` → `!(x)`, `!x` → `x`. */
import { textOf, type RepairOperatorImpl } from '../operator';

const TEST_HOLDERS = new Set(['IfStatement', 'WhileStatement', 'DoWhileStatement', 'ForStatement', 'ConditionalExpression']);

export const negateCondition: RepairOperatorImpl = {
  name: 'negate-condition',
  prior: 0.6,
  edits({ text, path }) {
    const { node, parent, key } = path;
    if (parent === null || key !== 'test' || !TEST_HOLDERS.has(parent.type)) return [];
    const start = node.start ?? 0;
    const end = node.end ?? 0;
    if (node.type === 'UnaryExpression' && node.operator === '!') {
      return [{ start, end, replacement: textOf(text, node.argument), weight: 1 }];
    }
    return [{ start, end, replacement: `!(${textOf(text, node)})`, weight: 0.8 }];
  },
};
