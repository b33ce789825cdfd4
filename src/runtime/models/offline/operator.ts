/** What each operator module implements: edits for one AST node, given where it sits. */
import type { Node } from '@babel/types';
import { isTypeOnly } from '../../analysis/nodeKinds';
import type { NodePath } from '../../analysis/walk';
import type { Binding } from './bindings';
import type { RepairOperator } from './types';

/** An edit an operator proposes for one node. */
export interface OperatorEdit {
  /** Offset where the replaced text starts. */
  start: number;
  /** Offset just past the replaced text. */
  end: number;
  /** Replacement text. */
  replacement: string;
  /** How plausible this particular rewrite is among the operator's rewrites, in 0..1. */
  weight: number;
  /** Description override (default: the node's text before → after). */
  summary?: string;
}

export interface OperatorContext {
  /** The whole original source text. */
  text: string;
  /** The node and where it sits (ancestors are a private copy). */
  path: NodePath;
  /** Every binding of the file (see `collectBindings`). */
  bindings: readonly Binding[];
}

export interface RepairOperatorImpl {
  /** The operator's name. */
  name: RepairOperator;
  /** How often this kind of edit is the true fix, in 0..1. */
  prior: number;
  /** Edits for `ctx.path.node`; an empty list when the operator does not apply. */
  edits(ctx: OperatorContext): OperatorEdit[];
}

/** Source text of a node. */
export function textOf(text: string, node: Node): string {
  return text.slice(node.start ?? 0, node.end ?? 0);
}

/**
 * Offset of the operator token `op` between two operands, skipping comments and parentheses, or
 * null if it is not found.
 */
export function operatorOffset(text: string, from: number, to: number, op: string): number | null {
  let i = from;
  while (i < to) {
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? to : nl + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? to : close + 2;
    } else if (text.startsWith(op, i)) {
      return i;
    } else {
      i += 1;
    }
  }
  return null;
}

const TIGHT = new Set(['Identifier', 'MemberExpression', 'OptionalMemberExpression', 'CallExpression', 'OptionalCallExpression', 'NumericLiteral', 'ThisExpression']);
const ADDITIVE_OR_TIGHTER = new Set(['+', '-', '*', '/', '%', '**']);

/** `node`'s text, parenthesised unless appending ` + 1` keeps its meaning. */
export function asAddend(text: string, node: Node): string {
  const src = textOf(text, node);
  if (TIGHT.has(node.type)) return src;
  if (node.type === 'BinaryExpression' && ADDITIVE_OR_TIGHTER.has(node.operator)) return src;
  return `(${src})`;
}

/** Whether the node is inside a type annotation or other type-only syntax. */
export function inTypePosition(path: NodePath): boolean {
  return path.ancestors.some(isTypeOnly);
}
