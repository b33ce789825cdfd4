/** Policy and Rule Engine layer (P6): Cedar schema, policies and decisions. */
export { loadPolicyEngine, SCHEMA_FILE, WORKSPACE_POLICY_PREFIX, type LoadPolicyEngineOptions } from './loadPolicyEngine';
export { ROLE_NAMES, isRoleName, type RoleName } from './roles';
export { FABRIC_BRANCH_NAMESPACE, FABRIC_NOTES_REF } from './refs';
export type * from './types';
