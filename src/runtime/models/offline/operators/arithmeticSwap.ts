/** `arithmetic-swap`: `+`↔`-`, `*`↔`/`, `%`→`/`, `+=`↔`-=`, `*=`↔`/=`, `++`↔`--`. */
import type { Node } from '@babel/types';
import { operatorOffset, type RepairOperatorImpl } from '../operator';

const BINARY: Record<string, string> = { '+': '-', '-': '+', '*': '/', '/': '*', '%': '/' };
const ASSIGN: Record<string, string> = { '+=': '-=', '-=': '+=', '*=': '/=', '/=': '*=' };

function isStringy(node: Node): boolean {
  return node.type === 'StringLiteral' || node.type === 'TemplateLiteral';
}

export const arithmeticSwap: RepairOperatorImpl = {
  name: 'arithmetic-swap',
  prior: 0.85,
  edits({ text, path }) {
    const node = path.node;
    switch (node.type) {
      case 'BinaryExpression': {
        const to = BINARY[node.operator];
        // `'a' + b` is concatenation: swapping it is never a fix.
        if (!to || node.left.type === 'PrivateName' || isStringy(node.left) || isStringy(node.right)) return [];
        const at = operatorOffset(text, node.left.end ?? 0, node.right.start ?? 0, node.operator);
        return at === null ? [] : [{ start: at, end: at + node.operator.length, replacement: to, weight: 1 }];
      }
      case 'AssignmentExpression': {
        const to = ASSIGN[node.operator];
        if (!to || isStringy(node.right)) return [];
        const at = operatorOffset(text, node.left.end ?? 0, node.right.start ?? 0, node.operator);
        return at === null ? [] : [{ start: at, end: at + node.operator.length, replacement: to, weight: 1 }];
      }
      case 'UpdateExpression': {
        const to = node.operator === '++' ? '--' : '++';
        const at = node.prefix
          ? operatorOffset(text, node.start ?? 0, node.argument.start ?? 0, node.operator)
          : operatorOffset(text, node.argument.end ?? 0, node.end ?? 0, node.operator);
        return at === null ? [] : [{ start: at, end: at + 2, replacement: to, weight: 0.7 }];
      }
      default:
        return [];
    }
  },
};
