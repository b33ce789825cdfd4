/**
 * Classifies Babel nodes by their `type` field (we do not ship @babel/types at run time): statements,
 * expressions, type-only syntax, functions, and identifiers that are reads.
 */
import type { Function as BabelFunction, Node } from '@babel/types';
import type { NodePath } from './walk';

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

const LITERAL_TYPES = new Set([
  'StringLiteral',
  'NumericLiteral',
  'BooleanLiteral',
  'NullLiteral',
  'RegExpLiteral',
  'BigIntLiteral',
  'TemplateLiteral',
]);

/** TypeScript nodes that are expressions (they carry run-time code). */
const TS_EXPRESSIONS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);

/** Type-only syntax: annotations, interfaces, aliases, declare-only nodes. */
export function isTypeOnly(node: Node): boolean {
  return (node.type.startsWith('TS') && !TS_EXPRESSIONS.has(node.type) && node.type !== 'TSEnumDeclaration' && node.type !== 'TSModuleDeclaration' && node.type !== 'TSParameterProperty') || node.type === 'TypeAnnotation';
}

export function isFunctionNode(node: Node): node is BabelFunction {
  return FUNCTION_TYPES.has(node.type);
}

export function isStatement(node: Node): boolean {
  if (isTypeOnly(node)) return false;
  return node.type.endsWith('Statement') || (node.type.endsWith('Declaration') && node.type !== 'ImportDeclaration') || node.type === 'VariableDeclaration';
}

/** Binding and non-computed key positions: identifiers here are names, not reads. */
const NAME_KEYS = new Set(['id', 'params', 'label', 'local', 'imported', 'exported', 'meta', 'typeParameters']);

/** Whether the identifier at `path` reads a variable (not a declaration, key, property name or label). */
export function isIdentifierRead(path: NodePath): boolean {
  const { node, parent, key } = path;
  if (node.type !== 'Identifier' || parent === null || key === null) return false;
  if (NAME_KEYS.has(key)) return false;
  if (path.ancestors.some(isTypeOnly)) return false;
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return key !== 'property' || parent.computed;
    case 'ObjectProperty':
      if (key === 'key') return parent.computed;
      return !path.ancestors.some((a) => a.type === 'ObjectPattern' || a.type === 'ArrayPattern' || a.type === 'AssignmentPattern');
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassProperty':
      return key !== 'key' || parent.computed;
    case 'ClassPrivateProperty':
      return key !== 'key';
    case 'ArrayPattern':
    case 'ObjectPattern':
    case 'RestElement':
    case 'CatchClause':
      return false;
    case 'AssignmentPattern':
      return key === 'right';
    case 'AssignmentExpression':
      return key === 'right' || parent.operator !== '=';
    case 'UpdateExpression':
      return true;
    case 'ExportSpecifier':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'LabeledStatement':
    case 'MetaProperty':
      return false;
    default:
      return true;
  }
}

/** Whether `path` is an expression node in code position (not a pattern, name or type). */
export function isExpression(path: NodePath): boolean {
  const { node } = path;
  if (isTypeOnly(node)) return false;
  if (node.type === 'Identifier') return isIdentifierRead(path);
  return node.type.endsWith('Expression') || LITERAL_TYPES.has(node.type) || node.type === 'JSXElement' || node.type === 'JSXFragment';
}
