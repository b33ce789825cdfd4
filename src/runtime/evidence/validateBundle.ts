import { compileSchema, compileSchemaAssert } from '../util/schema';
import { evidenceBundleSchema, unsignedBundleSchema } from './schema';
import type { EvidenceBundle, UnsignedBundle } from './types';

/** Throws `SCHEMA_INVALID` with `data.errors` = every bad field path. */
export const validateBundle: (x: unknown) => asserts x is EvidenceBundle = compileSchemaAssert<EvidenceBundle>(
  evidenceBundleSchema,
  'SCHEMA_INVALID',
  'evidence bundle',
);

/** Same for a bundle before signing. */
export const validateUnsignedBundle: (x: unknown) => asserts x is UnsignedBundle = compileSchemaAssert<UnsignedBundle>(
  unsignedBundleSchema,
  'SCHEMA_INVALID',
  'unsigned evidence bundle',
);

/** Every schema issue of a bundle, without throwing (the first step of verifyBundle). */
export const bundleSchemaIssues = compileSchema<EvidenceBundle>(evidenceBundleSchema).issues;
