/** package.json reading shared by the dependency and script rules. */
import type { ChangedFile } from '../types';

export type JsonObject = Record<string, unknown>;

export function isPackageJson(f: ChangedFile): boolean {
  const p = f.normalized ?? f.path;
  return !f.binary && p.slice(p.lastIndexOf('/') + 1) === 'package.json';
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The parsed manifest; `{}` for a missing side; `undefined` when the text is not a JSON object. */
export function parseManifest(text: string | null): JsonObject | undefined {
  if (text === null) return {};
  try {
    const v: unknown = JSON.parse(text);
    return isJsonObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The value at a key path, e.g. `['pnpm', 'overrides']`. */
export function at(obj: JsonObject, keys: readonly string[]): unknown {
  let v: unknown = obj;
  for (const k of keys) v = isJsonObject(v) ? v[k] : undefined;
  return v;
}
