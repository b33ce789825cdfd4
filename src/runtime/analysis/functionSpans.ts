/**
 * Every function in a file with the name it is known by (declaration name, the variable or property
 * it is assigned to, or its method key) and its line span.
 */
import type { Node } from '@babel/types';
import { isFunctionNode } from './nodeKinds';
import { walk } from './walk';

export interface FunctionSpan {
  /** The name the function is known by, or null when anonymous. */
  name: string | null;
  /** 1-based first line. */
  startLine: number;
  /** 1-based last line. */
  endLine: number;
  /** The function node. */
  node: Node;
}

function keyName(key: Node): string | null {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return null;
}

function nameOf(node: Node, parent: Node | null): string | null {
  if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) return node.id.name;
  if (node.type === 'ObjectMethod' || node.type === 'ClassMethod') return keyName(node.key);
  if (parent === null) return null;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.id.type === 'Identifier' ? parent.id.name : null;
    case 'ObjectProperty':
    case 'ClassProperty':
      return keyName(parent.key);
    case 'AssignmentExpression':
      if (parent.left.type === 'Identifier') return parent.left.name;
      if (parent.left.type === 'MemberExpression' && !parent.left.computed) return keyName(parent.left.property);
      return null;
    default:
      return null;
  }
}

export function functionSpans(root: Node): FunctionSpan[] {
  const out: FunctionSpan[] = [];
  walk(root, ({ node, parent }) => {
    if (!isFunctionNode(node) || !node.loc) return;
    out.push({ name: nameOf(node, parent), startLine: node.loc.start.line, endLine: node.loc.end.line, node });
  });
  return out;
}
