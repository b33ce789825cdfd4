import * as fs from 'node:fs';
import { join } from 'node:path';

/**
 * Whether the symlink at `root/linkPath` resolves inside `root` (a realpath), following chains of
 * links component by component, the way the kernel would; a dangling tail is judged lexically.
 * Absolute targets, more than 40 hops, or any step above `root` count as escaping.
 */
export async function resolvesInside(root: string, linkPath: string): Promise<boolean> {
  const stack: string[] = []; // resolved components below root
  const queue = linkPath.split('/');
  let hops = 0;
  while (queue.length > 0) {
    const part = queue.shift() as string;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) return false;
      stack.pop();
      continue;
    }
    const full = join(root, ...stack, part);
    let st: fs.Stats | null = null;
    try {
      st = await fs.promises.lstat(full);
    } catch {
      st = null;
    }
    if (st?.isSymbolicLink()) {
      if (++hops > 40) return false;
      const target = await fs.promises.readlink(full);
      if (target.startsWith('/')) return false;
      queue.unshift(...target.split('/'));
    } else {
      stack.push(part);
    }
  }
  return true;
}
