/** Gate step 2: the capability is in the catalog and its entry on disk still has the pinned digest. */
import type { CapabilityCatalog, PinnedCapability } from '../capabilities/types';
import type { PolicyRequest } from '../policy/types';

export function checkCapability(catalog: CapabilityCatalog, request: PolicyRequest): PinnedCapability {
  catalog.get(request.capability);
  return catalog.recheck(request.capability);
}
