/**
 * Names a file calls: `f(…)`, `obj.f(…)`, `new F(…)`. The Localizer uses the names a failing test
 * calls as a weak prior on the functions with those names.
 */
import type { Node } from '@babel/types';
import { walk } from './walk';

export function calledNames(root: Node): Set<string> {
  const names = new Set<string>();
  walk(root, ({ node }) => {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression' && node.type !== 'OptionalCallExpression') return;
    const callee = node.callee;
    if (callee.type === 'Identifier') names.add(callee.name);
    else if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier') {
      names.add(callee.property.name);
    }
  });
  return names;
}
