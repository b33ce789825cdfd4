/**
 * The one import of the Cedar engine (CommonJS entry of @cedar-policy/cedar-wasm), so the rest of
 * policy/ depends on a narrow surface. Schema and policy sets are preparsed once into the
 * engine's thread-local cache and then used by id with `statefulIsAuthorized`.
 */
export {
  checkParseSchema,
  policySetTextToParts,
  policyToJson,
  preparsePolicySet,
  preparseSchema,
  statefulIsAuthorized,
  validate,
} from '@cedar-policy/cedar-wasm/nodejs';
export type { DetailedError } from '@cedar-policy/cedar-wasm/nodejs';
