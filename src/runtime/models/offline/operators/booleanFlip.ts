/** `boolean-flip`: `true` ↔ `false`. */
import { inTypePosition, type RepairOperatorImpl } from '../operator';

export const booleanFlip: RepairOperatorImpl = {
  name: 'boolean-flip',
  prior: 0.5,
  edits({ path }) {
    const node = path.node;
    if (node.type !== 'BooleanLiteral' || inTypePosition(path)) return [];
    return [{ start: node.start ?? 0, end: node.end ?? 0, replacement: String(!node.value), weight: 1 }];
  },
};
