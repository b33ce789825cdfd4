import { FabricError } from '../errors';

const MAX_SLUG = 40;

/**
 * `fabric/<slug>-<trace8>`: the slug is the goal's lowercase ASCII words (letters and digits)
 * joined by `-`, whole words up to 40 characters (a longer first word is cut), `fix` if none;
 * trace8 is the first 8 hex digits of the trace id without dashes. Always a valid ref name.
 */
export function branchName(goal: string, traceId: string): string {
  const trace = traceId.replace(/-/g, '').toLowerCase().slice(0, 8);
  if (!/^[0-9a-f]{8}$/.test(trace)) {
    throw new FabricError('USAGE_INVALID', 'trace id must start with 8 hex digits (dashes ignored)', { data: { traceId } });
  }
  const words = goal.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > MAX_SLUG) {
      if (slug === '') slug = word.slice(0, MAX_SLUG);
      break;
    }
    slug = next;
  }
  return `fabric/${slug === '' ? 'fix' : slug}-${trace}`;
}
