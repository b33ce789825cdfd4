/**
 * Turns a caller's payload into the plain JSON value that is hashed and written: every string and
 * every key goes through `redactText`, `undefined` is dropped (or becomes `null` in arrays, as JSON
 * does), and values JSON cannot carry faithfully are refused with every bad path listed.
 */
import { FabricError } from '../errors';
import { redactText } from '../verify/secrets';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Defines an own enumerable property, so a `__proto__` key stays data (as in `JSON.parse`). */
function put(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(x: object): boolean {
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function clean(value: unknown, path: string, secrets: readonly string[], seen: Set<object>, bad: string[]): Json | undefined {
  switch (typeof value) {
    case 'string':
      return redactText(value, secrets);
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      bad.push(path);
      return undefined;
    case 'undefined':
      return undefined;
    case 'object': {
      if (value === null) return null;
      if (seen.has(value)) {
        bad.push(path);
        return undefined;
      }
      if (Array.isArray(value)) {
        seen.add(value);
        const out = value.map((v, i) => clean(v, `${path}.${i}`, secrets, seen, bad) ?? null);
        seen.delete(value);
        return out;
      }
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return clean(toJSON.call(value), path, secrets, seen, bad);
      if (!isPlainObject(value)) {
        bad.push(path);
        return undefined;
      }
      seen.add(value);
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(value)) {
        const cleaned = clean(v, `${path}.${k}`, secrets, seen, bad);
        if (cleaned !== undefined) put(out, redactText(k, secrets), cleaned);
      }
      seen.delete(value);
      return out;
    }
    default:
      // bigint, symbol, function
      bad.push(path);
      return undefined;
  }
}

/**
 * A redacted plain-JSON copy of `payload`. Throws `SCHEMA_INVALID` with `data.errors` (every bad
 * path, e.g. `payload.count`) for non-finite numbers, bigints, functions, symbols, cycles and
 * non-plain objects (Map, Set, class instances without `toJSON`).
 */
export function redactPayload(payload: Record<string, unknown>, secrets: readonly string[]): Record<string, Json> {
  const bad: string[] = [];
  const out = clean(payload, 'payload', secrets, new Set(), bad);
  if (bad.length > 0) {
    throw new FabricError('SCHEMA_INVALID', `payload holds values JSON cannot carry: ${bad.join(', ')}`, { data: { errors: bad } });
  }
  if (out === null || typeof out !== 'object' || Array.isArray(out)) {
    throw new FabricError('SCHEMA_INVALID', 'payload must be a plain object', { data: { errors: ['payload'] } });
  }
  return out;
}

/** Freezes `value` and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
