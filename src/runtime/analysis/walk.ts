/**
 * A small generic walker over Babel AST node fields (no extra packages). Skips positions, comments
 * and `extra`; visits children in field order, which Babel keeps in source order.
 */
import type { Node } from '@babel/types';

const SKIP_KEYS = new Set([
  'loc',
  'start',
  'end',
  'range',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'comments',
  'tokens',
]);

/** Where a node sits: its parent and the field (and index) holding it. */
export interface NodePath {
  /** The node itself. */
  node: Node;
  /** Its parent, or null for the root. */
  parent: Node | null;
  /** The parent's field holding the node (e.g. `test`, `body`, `arguments`). */
  key: string | null;
  /** Index within the field when it is an array. */
  index: number | null;
  /** Every ancestor, root first, parent last. */
  ancestors: readonly Node[];
}

/** Return `'skip'` from the visitor to not descend into a node's children. */
export type Visitor = (path: NodePath) => void | 'skip';

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The direct children of a node with the field and index holding each. */
export function childEntries(node: Node): { child: Node; key: string; index: number | null }[] {
  const out: { child: Node; key: string; index: number | null }[] = [];
  for (const [key, value] of Object.entries(node as unknown as Record<string, unknown>)) {
    if (SKIP_KEYS.has(key)) continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if (isNode(v)) out.push({ child: v, key, index: i });
      });
    } else if (isNode(value)) {
      out.push({ child: value, key, index: null });
    }
  }
  return out;
}

/** Depth-first, pre-order walk of `root` (the ancestors array is shared: copy it to keep it). */
export function walk(root: Node, visit: Visitor): void {
  const ancestors: Node[] = [];
  const step = (node: Node, parent: Node | null, key: string | null, index: number | null): void => {
    if (visit({ node, parent, key, index, ancestors }) === 'skip') return;
    ancestors.push(node);
    for (const { child, key: k, index: i } of childEntries(node)) step(child, node, k, i);
    ancestors.pop();
  };
  step(root, null, null, null);
}
