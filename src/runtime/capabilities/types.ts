/** The capability catalog (P9): what each tool is, who may use it, how it runs. */
import type { RoleName } from '../policy/roles';
import type { Sha256Digest } from '../util/digest';
import type { CapabilityId } from './ids';

/** One entry of policies/capabilities.json. */
export interface CapabilityEntry {
  /** The capability id, also the Cedar action id. */
  id: CapabilityId;
  /** Semantic version of the capability's contract. */
  version: string;
  /** What the capability does, for humans (shown in the approval queue). */
  description: string;
  /** High-impact capabilities need a valid approval token bound to the exact call. */
  impact: 'low' | 'high';
  /** Roles that may hold the capability (Cedar decides; this is checked as well, both must agree). */
  roles: RoleName[];
  /** Where it executes: inside the runtime, in the sandbox, or as git on the host. */
  runs: 'in-process' | 'sandbox' | 'host-git';
}

/** The whole file. */
export interface CapabilityCatalogFile {
  /** Version of the file format (1). */
  catalog_version: 1;
  /** Optional human note. */
  description?: string;
  capabilities: CapabilityEntry[];
}

/** An entry with the digest pinned when the catalog was loaded. */
export interface PinnedCapability {
  entry: CapabilityEntry;
  /** `canonicalDigest(entry)` at load time. */
  digest: Sha256Digest;
}

export interface CapabilityCatalog {
  /** The pinned entry; `GATE_CAPABILITY_UNKNOWN` if the id is not in the catalog. */
  get(id: string): PinnedCapability;
  /**
   * Re-reads the catalog file and re-hashes the entry; throws `GATE_CAPABILITY_TAMPERED` if it
   * changed, vanished or the file no longer parses. Call right before invoking.
   */
  recheck(id: string): PinnedCapability;
  /** Every pinned entry, in file order. */
  list(): PinnedCapability[];
  /** `canonicalDigest` of the whole catalog as loaded (recorded in the Evidence Bundle). */
  digest(): Sha256Digest;
}
