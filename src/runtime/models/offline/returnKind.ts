/** Guesses the kind of value an expression returns from its syntax (for guards and return edits). */
import type { Node } from '@babel/types';

const ARRAY_METHODS = new Set(['map', 'filter', 'concat', 'flat', 'flatMap', 'sort', 'reverse', 'split', 'toSorted', 'toReversed']);
const STRING_METHODS = new Set(['join', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase', 'toString', 'padStart', 'padEnd', 'repeat', 'replace', 'replaceAll', 'charAt', 'substring', 'toFixed']);
const NUMBER_METHODS = new Set(['indexOf', 'lastIndexOf', 'findIndex', 'charCodeAt', 'floor', 'ceil', 'round', 'max', 'min', 'abs', 'parseInt', 'parseFloat']);
export type ReturnKind = 'void' | 'array' | 'string' | 'number' | 'boolean' | 'unknown';

/** What a returned expression evidently is, from its syntax alone. */
export function kindOf(node: Node | null | undefined): ReturnKind {
  if (!node) return 'void';
  switch (node.type) {
    case 'ArrayExpression':
      return 'array';
    case 'StringLiteral':
    case 'TemplateLiteral':
      return 'string';
    case 'NumericLiteral':
      return 'number';
    case 'BooleanLiteral':
      return 'boolean';
    case 'UnaryExpression':
      return node.operator === '!' ? 'boolean' : node.operator === '-' || node.operator === '+' ? 'number' : 'unknown';
    case 'BinaryExpression':
      if (['-', '*', '/', '%', '**'].includes(node.operator)) return 'number';
      if (node.operator === '+') {
        const l = kindOf(node.left as Node);
        const r = kindOf(node.right);
        return l === 'string' || r === 'string' ? 'string' : l === 'number' && r === 'number' ? 'number' : 'unknown';
      }
      return 'boolean';
    case 'MemberExpression':
      return !node.computed && node.property.type === 'Identifier' && node.property.name === 'length' ? 'number' : 'unknown';
    case 'CallExpression': {
      const c = node.callee;
      const name = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' ? c.property.name : '';
      if (ARRAY_METHODS.has(name)) return 'array';
      if (STRING_METHODS.has(name) || name === 'String') return 'string';
      if (NUMBER_METHODS.has(name) || name === 'Number') return 'number';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

