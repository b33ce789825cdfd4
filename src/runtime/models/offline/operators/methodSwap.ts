/** `method-swap`: a member name → its usual mix-up (`floor`↔`ceil`, `min`↔`max`, `push`↔`unshift`, …). */
import type { RepairOperatorImpl } from '../operator';

const SWAPS: Record<string, string[]> = {
  floor: ['ceil', 'round'],
  ceil: ['floor', 'round'],
  round: ['floor', 'ceil'],
  min: ['max'],
  max: ['min'],
  push: ['unshift'],
  unshift: ['push'],
  pop: ['shift'],
  shift: ['pop'],
  some: ['every'],
  every: ['some'],
  indexOf: ['lastIndexOf'],
  lastIndexOf: ['indexOf'],
  startsWith: ['endsWith'],
  endsWith: ['startsWith'],
  trimStart: ['trimEnd'],
  trimEnd: ['trimStart'],
  padStart: ['padEnd'],
  padEnd: ['padStart'],
  toUpperCase: ['toLowerCase'],
  toLowerCase: ['toUpperCase'],
  reduce: ['reduceRight'],
  reduceRight: ['reduce'],
  find: ['findLast'],
  findLast: ['find'],
  findIndex: ['findLastIndex'],
  findLastIndex: ['findIndex'],
};

export const methodSwap: RepairOperatorImpl = {
  name: 'method-swap',
  prior: 0.55,
  edits({ path }) {
    const node = path.node;
    if ((node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') || node.computed) return [];
    const prop = node.property;
    if (prop.type !== 'Identifier' || !Object.hasOwn(SWAPS, prop.name)) return [];
    return SWAPS[prop.name].map((to, i) => ({ start: prop.start ?? 0, end: prop.end ?? 0, replacement: to, weight: 1 - 0.2 * i }));
  },
};
