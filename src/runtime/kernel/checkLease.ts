/** Gate step 1: the lease names a trace, session, tenant, principal and instance, is not expired, and is for the request's role. */
import { FabricError } from '../errors';
import { isRoleName } from '../policy/roles';
import type { PolicyRequest } from '../policy/types';
import type { Lease } from './types';

const ID_FIELDS = ['trace_id', 'session_id', 'tenant_id', 'principal', 'instance'] as const;

export function checkLease(lease: Lease, request: PolicyRequest, nowMs: number): void {
  const problems: string[] = [];
  for (const field of ID_FIELDS) {
    const value: unknown = lease[field];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${field} missing`);
  }
  if (!isRoleName(lease.role)) problems.push('role unknown');
  else if (lease.role !== request.role) problems.push(`lease is for ${lease.role}, request is for ${request.role}`);
  if (typeof lease.expiresAtMs !== 'number' || !Number.isFinite(lease.expiresAtMs)) problems.push('expiresAtMs missing');
  else if (lease.expiresAtMs <= nowMs) problems.push('lease expired');
  if (problems.length > 0) throw new FabricError('GATE_LEASE_INVALID', `lease invalid: ${problems.join('; ')}`, { data: { problems } });
}
