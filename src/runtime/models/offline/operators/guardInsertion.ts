/**
 * `guard-insertion`: before a statement that reads a property of a parameter or variable `x`, insert
 * `if (x == null) return <value>;` on its own line with the statement's indentation. The value
 * follows the function's other returns: none or bare → `return;`, arrays → `[]`, strings → `''`,
 * numbers → `0`, booleans → `false`, anything else → `null`.
 */
import type { Node } from '@babel/types';
import { isFunctionNode, isStatement } from '../../../analysis/nodeKinds';
import { walk } from '../../../analysis/walk';
import { visibleBindings } from '../bindings';
import { kindOf, type ReturnKind } from '../returnKind';
import type { OperatorEdit, RepairOperatorImpl } from '../operator';

const MAX_GUARDS = 2;
const MAYBE_NULLISH = new Set(['CallExpression', 'OptionalCallExpression', 'MemberExpression', 'OptionalMemberExpression', 'Identifier', 'AwaitExpression', 'LogicalExpression', 'ConditionalExpression', 'NullLiteral']);

function guardValue(fn: Node): string {
  const kinds: ReturnKind[] = [];
  walk(fn, ({ node }) => {
    if (node !== fn && isFunctionNode(node)) return 'skip';
    if (node.type === 'ReturnStatement') kinds.push(kindOf(node.argument));
    return undefined;
  });
  if (kinds.length === 0 || kinds.includes('void')) return '';
  for (const [kind, value] of [['array', ' []'], ['string', " ''"], ['number', ' 0'], ['boolean', ' false']] as const) {
    if (kinds.includes(kind)) return value;
  }
  return ' null';
}

/** Names whose properties the function reads before `offset` (nested functions excluded). */
function dereferencedBefore(fn: Node, offset: number): Set<string> {
  const names = new Set<string>();
  walk(fn, ({ node }) => {
    if (node !== fn && isFunctionNode(node)) return 'skip';
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && (node.end ?? 0) <= offset) names.add(node.object.name);
    return undefined;
  });
  return names;
}

export const guardInsertion: RepairOperatorImpl = {
  name: 'guard-insertion',
  prior: 0.8,
  edits({ text, path, bindings }) {
    const { node, parent, index } = path;
    if (!isStatement(node) || parent === null || index === null || node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') return [];
    if (parent.type !== 'BlockStatement' && parent.type !== 'SwitchCase') return [];
    const fn = [...path.ancestors].reverse().find(isFunctionNode);
    if (!fn) return [];
    const start = node.start ?? 0;
    const names: string[] = [];
    // Only the statement's own expressions (a loop's head, not its body: inner statements are their own locations).
    walk(node, ({ node: n }) => {
      if (isFunctionNode(n) || (n !== node && isStatement(n))) return 'skip';
      if (n.type === 'MemberExpression' && n.object.type === 'Identifier' && !names.includes(n.object.name)) names.push(n.object.name);
      return undefined;
    });
    // Parameters, and variables whose initializer may be nullish (not `[]`, `{}`, `new X`, literals).
    const visible = new Set(
      visibleBindings(bindings, [...path.ancestors, node], start)
        .filter((b) => b.kind === 'param' || b.initType === null || MAYBE_NULLISH.has(b.initType))
        .map((b) => b.name),
    );
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0] ?? '';
    const value = guardValue(fn);
    const earlier = dereferencedBefore(fn, start);
    return names
      .filter((name) => visible.has(name))
      .slice(0, MAX_GUARDS)
      .map((name, i): OperatorEdit => {
        const guard = `if (${name} == null) return${value};`;
        // A guard after an earlier `name.x` in the same function can no longer help.
        const weight = (1 - 0.2 * i) * (earlier.has(name) ? 0.3 : 1) * (value === ' null' ? 0.7 : 1);
        return { start, end: start, replacement: `${guard}\n${indent}`, weight, summary: `insert \`${guard}\`` };
      });
  },
};
