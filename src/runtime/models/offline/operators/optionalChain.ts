/** `optional-chain`: `x.y` → `x?.y`, `x[i]` → `x?.[i]` on reads (not assignment targets). */
import { operatorOffset, type RepairOperatorImpl } from '../operator';

export const optionalChain: RepairOperatorImpl = {
  name: 'optional-chain',
  prior: 0.45,
  edits({ text, path }) {
    const { node, parent, key } = path;
    if (node.type !== 'MemberExpression') return [];
    if (node.object.type === 'ThisExpression' || node.object.type === 'Super') return [];
    if (parent !== null && key !== null) {
      if ((parent.type === 'AssignmentExpression' && key === 'left') || parent.type === 'UpdateExpression') return [];
      if ((parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') && key === 'left') return [];
      if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return [];
    }
    const token = node.computed ? '[' : '.';
    const at = operatorOffset(text, node.object.end ?? 0, node.property.start ?? 0, token);
    if (at === null) return [];
    return [{ start: at, end: node.computed ? at : at + 1, replacement: '?.', weight: 1 }];
  },
};
