/**
 * ajv at the boundary (STYLE §5), in one place: every JSON Schema of the project is compiled here,
 * once, with the project's options (all errors, strict mode, ajv-formats), and every ajv error
 * becomes one {@link SchemaIssue} with the same path format everywhere. A module whose callers rely
 * on an older format adapts at its own edge, from {@link SchemaFailure}.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { FabricError, type FabricErrorCode } from '../errors';

/** What a schema may set on purpose; everything else is the project's: all errors, strict, formats. */
export interface SchemaOptions {
  /** ajv's strict mode (default true); false only for foreign formats not written with it in mind. */
  strict?: boolean;
  /** Allows `type: [...]` unions under strict mode (default false). */
  allowUnionTypes?: boolean;
  /** Compiles `pattern`s with the `u` flag (default true, as in ajv). */
  unicodeRegExp?: boolean;
}

/** One bad field: where, and what is wrong. */
export interface SchemaIssue {
  /**
   * JSON pointer of the offending field, a missing or extra property included (`/extra`,
   * `/phases/compile/verified_diff_sha`); `/` for the value itself.
   */
  path: string;
  /** ajv's description of the problem. */
  message: string;
}

/** A {@link SchemaIssue} and what ajv said about it, for modules that keep an older format. */
export interface SchemaFailure extends SchemaIssue {
  /** The schema keyword that failed (`required`, `additionalProperties`, `type`, …). */
  keyword: string;
  /** ajv's instance path: the object (not the property) for a missing or extra property, '' for the root. */
  instancePath: string;
}

/** A schema compiled once. Each function stands alone: pass it around unbound. */
export interface CompiledSchema<T> {
  /** True when `value` matches the schema. */
  matches: (value: unknown) => value is T;
  /** Every issue of `value`, in ajv's order; empty when it matches. */
  issues: (value: unknown) => SchemaIssue[];
  /** {@link CompiledSchema.issues} with ajv's keyword and instance path. */
  failures: (value: unknown) => SchemaFailure[];
}

/** One ajv instance per distinct set of options; ajv itself caches each compiled schema object. */
const instances = new Map<string, Ajv>();

function ajvFor(options: SchemaOptions): Ajv {
  const opts = { allErrors: true, strict: options.strict ?? true, allowUnionTypes: options.allowUnionTypes ?? false, unicodeRegExp: options.unicodeRegExp ?? true };
  const key = JSON.stringify(opts);
  let ajv = instances.get(key);
  if (ajv === undefined) {
    ajv = new Ajv(opts);
    addFormats(ajv);
    instances.set(key, ajv);
  }
  return ajv;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function failureOf(e: ErrorObject): SchemaFailure {
  const params = e.params as { missingProperty?: unknown; additionalProperty?: unknown };
  const property = params.missingProperty ?? params.additionalProperty;
  const path = typeof property === 'string' ? `${e.instancePath}/${escapePointer(property)}` : e.instancePath || '/';
  return { path, message: e.message ?? e.keyword, keyword: e.keyword, instancePath: e.instancePath };
}

/**
 * Drops the per-item errors under a failed `contains`: the items are not wrong, the array lacks
 * one, and the `contains` error itself says so.
 */
function withoutContainsItems(errors: readonly ErrorObject[]): ErrorObject[] {
  const contains = errors.filter((e) => e.keyword === 'contains');
  return errors.filter((e) => !contains.some((c) => e !== c && e.schemaPath.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(`${c.instancePath}/`)));
}

/** Compiles `schema` (a schema object compiled before is reused) with the project's options. */
export function compileSchema<T>(schema: object, options: SchemaOptions = {}): CompiledSchema<T> {
  const validate: ValidateFunction = ajvFor(options).compile(schema);
  const failures = (value: unknown): SchemaFailure[] => (validate(value) ? [] : withoutContainsItems(validate.errors ?? []).map(failureOf));
  return {
    matches: (value: unknown): value is T => validate(value),
    issues: (value) => failures(value).map(({ path, message }) => ({ path, message })),
    failures,
  };
}

/**
 * An assertion that throws `FabricError(code)` with `data.errors` = every {@link SchemaIssue}.
 * `what` names the thing checked in the message (e.g. "evidence bundle").
 */
export function compileSchemaAssert<T>(schema: object, code: FabricErrorCode, what: string, options: SchemaOptions = {}): (value: unknown) => asserts value is T {
  const { issues } = compileSchema<T>(schema, options);
  return (value: unknown): asserts value is T => {
    const errors = issues(value);
    if (errors.length > 0) {
      throw new FabricError(code, `invalid ${what}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { data: { errors } });
    }
  };
}

/** A {@link SchemaIssue} path as dotted field names (`phases.compile.verified_diff_sha`); `(root)` for `/`. */
export function dottedPath(path: string): string {
  if (path === '/') return '(root)';
  return path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}
