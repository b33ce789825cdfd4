/**
 * `index-off-by-one`: a computed member `a[i]` → `a[i + 1]` / `a[i - 1]`, and each argument of
 * `slice/substring/substr/splice/charAt/charCodeAt/at/indexOf/lastIndexOf` → `arg + 1` / `arg - 1`.
 * Numeric literal indices are left to `literal-off-by-one`.
 */
import type { Node } from '@babel/types';
import { asAddend, type OperatorEdit, type RepairOperatorImpl } from '../operator';

const INDEX_METHODS = new Set(['slice', 'substring', 'substr', 'splice', 'charAt', 'charCodeAt', 'at', 'indexOf', 'lastIndexOf']);

function plusMinus(text: string, node: Node, weight: number): OperatorEdit[] {
  if (node.type === 'NumericLiteral' || node.type === 'StringLiteral' || node.type === 'SpreadElement') return [];
  const start = node.start ?? 0;
  const end = node.end ?? 0;
  const base = asAddend(text, node);
  return [
    { start, end, replacement: `${base} - 1`, weight },
    { start, end, replacement: `${base} + 1`, weight },
  ];
}

export const indexOffByOne: RepairOperatorImpl = {
  name: 'index-off-by-one',
  prior: 0.8,
  edits({ text, path }) {
    const node = path.node;
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && node.computed) {
      return plusMinus(text, node.property, 1);
    }
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') {
      const callee = node.callee;
      if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed) return [];
      if (callee.property.type !== 'Identifier' || !INDEX_METHODS.has(callee.property.name)) return [];
      return node.arguments.flatMap((arg) => plusMinus(text, arg, 0.9));
    }
    return [];
  },
};
