/** Capability catalog (P9): manifest, pinned digests, re-check before invoke. */
export { loadCapabilityCatalog, type LoadCapabilityCatalogOptions } from './loadCapabilityCatalog';
export { checkCapabilityCatalog, capabilityCatalogSchema } from './catalogSchema';
export { CAPABILITY_IDS, isCapabilityId, type CapabilityId } from './ids';
export type * from './types';
