/** `swap-arguments`: swap two adjacent arguments of a call or `new`, keeping the separator as written. */
import { textOf, type OperatorEdit, type RepairOperatorImpl } from '../operator';

export const swapArguments: RepairOperatorImpl = {
  name: 'swap-arguments',
  prior: 0.75,
  edits({ text, path }) {
    const node = path.node;
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression' && node.type !== 'OptionalCallExpression') return [];
    const args = node.arguments;
    const edits: OperatorEdit[] = [];
    for (let i = 0; i + 1 < args.length; i++) {
      const a = args[i];
      const b = args[i + 1];
      if (a.type === 'SpreadElement' || b.type === 'SpreadElement') continue;
      const between = text.slice(a.end ?? 0, b.start ?? 0);
      edits.push({ start: a.start ?? 0, end: b.end ?? 0, replacement: `${textOf(text, b)}${between}${textOf(text, a)}`, weight: i === 0 ? 1 : 0.8 });
    }
    return edits;
  },
};
