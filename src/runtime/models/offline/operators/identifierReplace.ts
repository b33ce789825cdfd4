/**
 * `identifier-replace`: a variable read → another variable or parameter in scope at that point
 * (declared before it, in the same function first, then enclosing functions, then the module).
 * Callees are left alone: calling a different value is rarely the fix.
 */
import { isFunctionNode, isIdentifierRead } from '../../../analysis/nodeKinds';
import { visibleBindings } from '../bindings';
import type { OperatorEdit, RepairOperatorImpl } from '../operator';

const MAX_ALTERNATIVES = 4;

export const identifierReplace: RepairOperatorImpl = {
  name: 'identifier-replace',
  prior: 0.5,
  edits({ path, bindings }) {
    const { node, parent, key } = path;
    if (node.type !== 'Identifier' || !isIdentifierRead(path)) return [];
    if (key === 'callee' && parent !== null && (parent.type === 'CallExpression' || parent.type === 'NewExpression')) return [];
    const start = node.start ?? 0;
    const end = node.end ?? 0;
    const fn = [...path.ancestors].reverse().find(isFunctionNode) ?? null;
    const visible = visibleBindings(bindings, [...path.ancestors, node], start);
    // Reads of globals and imports (`Math`, `undefined`, `fs`) are not variables we swap.
    if (!visible.some((b) => b.name === node.name)) return [];
    return visible
      .filter((b) => b.name !== node.name).slice(0, MAX_ALTERNATIVES).map((b, i): OperatorEdit => {
      const scopeWeight = b.fn === fn ? 1 : b.fn === null ? 0.5 : 0.7;
      return { start, end, replacement: b.name, weight: scopeWeight * (1 - 0.1 * i) };
    });
  },
};
