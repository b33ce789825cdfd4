/**
 * ajv at the boundary (STYLE §5): compiles a JSON Schema once and returns an assertion that
 * collects every bad field path before throwing. Shared by keys/, evidence/ and approvals/.
 */
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { FabricError, type FabricErrorCode } from '../errors';

/** One bad field: a JSON-pointer-like path (`/phases/compile/verified_diff_sha`) and what is wrong. */
export interface SchemaIssue {
  /** JSON pointer of the offending field (the missing or extra property included). */
  path: string;
  /** ajv's description of the problem. */
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);

function toIssue(e: ErrorObject): SchemaIssue {
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  const extra = params.missingProperty ?? params.additionalProperty;
  return { path: extra === undefined ? e.instancePath || '/' : `${e.instancePath}/${extra}`, message: e.message ?? e.keyword };
}

/** Every issue `value` has against the compiled schema; empty when valid. */
export type SchemaCheck = (value: unknown) => SchemaIssue[];

export function compileSchemaCheck(schema: Record<string, unknown>): SchemaCheck {
  const id = typeof schema.$id === 'string' ? schema.$id : undefined;
  const validate = (id !== undefined ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(toIssue));
}

/**
 * An assertion that throws `FabricError(code)` with `data.errors` = every {@link SchemaIssue}.
 * `what` names the thing checked in the message (e.g. "evidence bundle").
 */
export function compileSchemaAssert<T>(schema: Record<string, unknown>, code: FabricErrorCode, what: string): (value: unknown) => asserts value is T {
  const check = compileSchemaCheck(schema);
  return (value: unknown): asserts value is T => {
    const errors = check(value);
    if (errors.length > 0) {
      throw new FabricError(code, `invalid ${what}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { data: { errors } });
    }
  };
}
