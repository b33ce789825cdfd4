import { dottedPath } from '../util/schema';
import { bundleSchemaIssues } from './validateBundle';
import type { BundleCheck } from './types';

/** Step 1: the bundle has exactly the v1 shape. One failed check per bad field path. */
export function checkBundleSchema(bundle: unknown): BundleCheck[] {
  const issues = bundleSchemaIssues(bundle);
  if (issues.length === 0) return [{ name: 'schema', ok: true, message: 'bundle matches fabric.evidence/v1' }];
  return issues.map((i) => ({
    name: 'schema',
    ok: false,
    field: dottedPath(i.path),
    code: 'SCHEMA_INVALID' as const,
    message: i.message,
  }));
}
