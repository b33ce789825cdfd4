/** `logical-swap`: `&&`↔`||`, `??`↔`||`. Mixing `??` with `&&`/`||` unparenthesised does not parse and is dropped. */
import { operatorOffset, type RepairOperatorImpl } from '../operator';

const SWAPS: Record<string, [string, number][]> = {
  '&&': [['||', 1]],
  '||': [['&&', 1], ['??', 0.6]],
  '??': [['||', 0.8]],
};

export const logicalSwap: RepairOperatorImpl = {
  name: 'logical-swap',
  prior: 0.7,
  edits({ text, path }) {
    const node = path.node;
    if (node.type !== 'LogicalExpression') return [];
    const at = operatorOffset(text, node.left.end ?? 0, node.right.start ?? 0, node.operator);
    if (at === null) return [];
    return SWAPS[node.operator].map(([to, weight]) => ({ start: at, end: at + 2, replacement: to, weight }));
  },
};
