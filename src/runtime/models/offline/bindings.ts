/**
 * Variables and parameters of a file with where they become visible, so `identifier-replace` and
 * `guard-insertion` only use names that are in scope (same or enclosing function, or module) and
 * declared before the point of use.
 */
import type { Node } from '@babel/types';
import { isFunctionNode } from '../../analysis/nodeKinds';
import { walk } from '../../analysis/walk';

export interface Binding {
  /** The variable name. */
  name: string;
  /** Kind of declaration. */
  kind: 'param' | 'var' | 'let' | 'const' | 'catch';
  /** Offset from which reading it is safe (end of its declarator; start of the body for params). */
  visibleFrom: number;
  /** The node whose subtree the binding is visible in (block, loop, function or program). */
  scope: Node;
  /** The function declaring it, or null at module level. */
  fn: Node | null;
  /** The initializer's node type for variables (`ArrayExpression`, `CallExpression`, …), else null. */
  initType: string | null;
}

function patternNames(pattern: Node | null | undefined, out: string[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      return;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : (p.value as Node), out);
      return;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, out);
      return;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      return;
    case 'RestElement':
      patternNames(pattern.argument, out);
      return;
    case 'TSParameterProperty':
      patternNames(pattern.parameter, out);
      return;
    default:
      return;
  }
}

const BLOCK_SCOPES = new Set(['BlockStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'Program', 'StaticBlock']);

export function collectBindings(root: Node): Binding[] {
  const out: Binding[] = [];
  walk(root, ({ node, ancestors }) => {
    const fnIndex = findLastIndex(ancestors, isFunctionNode);
    const fn = fnIndex >= 0 ? ancestors[fnIndex] : null;
    if (isFunctionNode(node)) {
      const names: string[] = [];
      for (const p of node.params) patternNames(p as Node, names);
      const visibleFrom = node.body.start ?? 0;
      for (const name of names) out.push({ name, kind: 'param', visibleFrom, scope: node, fn: node, initType: null });
    } else if (node.type === 'VariableDeclaration') {
      const kind = node.kind === 'var' ? 'var' : node.kind === 'let' ? 'let' : 'const';
      const scope =
        kind === 'var' ? (fn ?? ancestors[0]) : ([...ancestors].reverse().find((a) => BLOCK_SCOPES.has(a.type)) ?? ancestors[0]);
      for (const d of node.declarations) {
        const names: string[] = [];
        patternNames(d.id, names);
        for (const name of names) out.push({ name, kind, visibleFrom: d.end ?? 0, scope, fn, initType: d.init ? d.init.type : null });
      }
    } else if (node.type === 'CatchClause' && node.param) {
      const names: string[] = [];
      patternNames(node.param, names);
      for (const name of names) out.push({ name, kind: 'catch', visibleFrom: node.body.start ?? 0, scope: node, fn, initType: null });
    }
  });
  return out;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/**
 * Bindings visible at `offset` inside `ancestors` (root first): innermost function first, nearest
 * declaration first; one entry per name (the innermost shadows).
 */
export function visibleBindings(bindings: readonly Binding[], ancestors: readonly Node[], offset: number): Binding[] {
  const depth = new Map<Node, number>();
  ancestors.forEach((a, i) => depth.set(a, i));
  const fnDepth = (b: Binding): number => (b.fn === null ? -1 : (depth.get(b.fn) ?? -2));
  const visible = bindings.filter((b) => depth.has(b.scope) && b.visibleFrom <= offset && fnDepth(b) >= -1);
  visible.sort((a, b) => fnDepth(b) - fnDepth(a) || (depth.get(b.scope) ?? 0) - (depth.get(a.scope) ?? 0) || b.visibleFrom - a.visibleFrom);
  const seen = new Set<string>();
  return visible.filter((b) => (seen.has(b.name) ? false : (seen.add(b.name), true)));
}
