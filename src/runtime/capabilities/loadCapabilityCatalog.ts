/**
 * Loads policies/capabilities.json (ajv-validated), pins `canonicalDigest(entry)` for every entry
 * and re-checks an entry against the file on disk right before it is invoked (P9). A catalog edited
 * while a run is in progress is tampering: the Gate refuses the capability.
 */
import { readFileSync } from 'node:fs';
import { FabricError } from '../errors';
import { canonicalDigest } from '../util/digest';
import { checkCapabilityCatalog } from './catalogSchema';
import type { CapabilityCatalog, CapabilityCatalogFile, PinnedCapability } from './types';

export interface LoadCapabilityCatalogOptions {
  /** Reads the catalog file as UTF-8 text; defaults to `fs.readFileSync`. */
  readFile?: (path: string) => string;
}

/** Parses and validates the file, or returns every reason it is not a catalog. */
function readCatalog(path: string, readFile: (path: string) => string): { ok: true; file: CapabilityCatalogFile } | { ok: false; errors: string[]; cause?: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(readFile(path));
  } catch (e) {
    return { ok: false, errors: [`cannot read capability catalog: ${e instanceof Error ? e.message : String(e)}`], cause: e };
  }
  const errors = checkCapabilityCatalog(value);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, file: value as CapabilityCatalogFile };
}

export function loadCapabilityCatalog(path: string, opts: LoadCapabilityCatalogOptions = {}): CapabilityCatalog {
  const readFile = opts.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const loaded = readCatalog(path, readFile);
  if (!loaded.ok) throw new FabricError('SCHEMA_INVALID', 'invalid capability catalog', { cause: loaded.cause, data: { errors: loaded.errors } });

  const pinned = new Map<string, PinnedCapability>();
  for (const entry of loaded.file.capabilities) pinned.set(entry.id, { entry, digest: canonicalDigest(entry) });
  const catalogDigest = canonicalDigest(loaded.file);

  const get = (id: string): PinnedCapability => {
    const found = pinned.get(id);
    if (found === undefined) throw new FabricError('GATE_CAPABILITY_UNKNOWN', `capability ${JSON.stringify(id)} is not in the catalog`, { data: { id } });
    return found;
  };

  const recheck = (id: string): PinnedCapability => {
    const expected = get(id);
    const tampered = (reason: string, errors?: string[]): FabricError =>
      new FabricError('GATE_CAPABILITY_TAMPERED', `capability ${id} changed since the catalog was loaded: ${reason}`, {
        data: { id, expected: expected.digest, reason, ...(errors ? { errors } : {}) },
      });
    const current = readCatalog(path, readFile);
    if (!current.ok) throw tampered('catalog no longer valid', current.errors);
    const entry = current.file.capabilities.find((c) => c.id === id);
    if (entry === undefined) throw tampered('entry removed');
    const digest = canonicalDigest(entry);
    if (digest !== expected.digest) throw tampered(`digest ${digest}`);
    return expected;
  };

  return { get, recheck, list: () => [...pinned.values()], digest: () => catalogDigest };
}
