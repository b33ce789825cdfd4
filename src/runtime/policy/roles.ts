/**
 * The principals of Fabric's policies: the agent roles of the Execution Pools layer and the human
 * operator (Operator Control Plane). Mirrors `entity Role enum [...]` in policies/fabric.cedarschema.
 */
export const ROLE_NAMES = ['localizer', 'planner', 'implementer', 'verifier', 'reviewer', 'release_captain', 'operator'] as const;

export type RoleName = (typeof ROLE_NAMES)[number];

export function isRoleName(value: unknown): value is RoleName {
  return typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);
}
