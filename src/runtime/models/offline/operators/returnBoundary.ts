/** `return-boundary`: `return x` → `return x + 1` / `return x - 1` for numeric-looking returns. */
import { asAddend, type RepairOperatorImpl } from '../operator';
import { kindOf } from '../returnKind';

const NUMERIC_LOOKING = new Set(['Identifier', 'MemberExpression', 'CallExpression', 'BinaryExpression']);

export const returnBoundary: RepairOperatorImpl = {
  name: 'return-boundary',
  prior: 0.55,
  edits({ text, path }) {
    const node = path.node;
    if (node.type !== 'ReturnStatement' || !node.argument || !NUMERIC_LOOKING.has(node.argument.type)) return [];
    const arg = node.argument;
    const kind = kindOf(arg);
    if (kind !== 'number' && kind !== 'unknown') return [];
    if (arg.type === 'BinaryExpression' && !['+', '-', '*', '/', '%', '**'].includes(arg.operator)) return [];
    if (arg.type === 'Identifier' && (arg.name === 'undefined' || arg.name === 'NaN')) return [];
    const start = arg.start ?? 0;
    const end = arg.end ?? 0;
    const base = asAddend(text, arg);
    return [
      { start, end, replacement: `${base} + 1`, weight: 1 },
      { start, end, replacement: `${base} - 1`, weight: 1 },
    ];
  },
};
