/**
 * JSON Schema of policies/capabilities.json and its ajv check (STYLE §5): every bad field path is
 * collected, and duplicate ids are reported as well.
 */
import { ROLE_NAMES } from '../policy/roles';
import { compileSchema } from '../util/schema';
import { CAPABILITY_IDS } from './ids';
import type { CapabilityCatalogFile } from './types';

export const capabilityCatalogSchema = {
  $id: 'https://fabric.dev/schemas/capabilities.json',
  type: 'object',
  additionalProperties: false,
  required: ['catalog_version', 'capabilities'],
  properties: {
    $schema: { type: 'string' },
    catalog_version: { const: 1 },
    description: { type: 'string' },
    capabilities: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'version', 'description', 'impact', 'roles', 'runs'],
        properties: {
          id: { enum: [...CAPABILITY_IDS] },
          version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' },
          description: { type: 'string', minLength: 1 },
          impact: { enum: ['low', 'high'] },
          roles: { type: 'array', uniqueItems: true, items: { enum: [...ROLE_NAMES] } },
          runs: { enum: ['in-process', 'sandbox', 'host-git'] },
        },
      },
    },
  },
} as const;

const catalogFile = compileSchema<CapabilityCatalogFile>(capabilityCatalogSchema);

/** Every problem of `value` as a catalog file (`<json pointer>: <message>`); empty when valid. */
export function checkCapabilityCatalog(value: unknown): string[] {
  const issues = catalogFile.issues(value);
  if (issues.length > 0) return issues.map((i) => `${i.path}: ${i.message}`);
  const seen = new Set<string>();
  const errors: string[] = [];
  (value as CapabilityCatalogFile).capabilities.forEach((c, i) => {
    if (seen.has(c.id)) errors.push(`/capabilities/${i}/id: duplicate id ${c.id}`);
    seen.add(c.id);
  });
  return errors;
}
