/** Runtime Kernel layer (P2): the Gate, the single path for every tool call. */
export { createGate } from './createGate';
export { CATALOG_ROLES_POLICY_ID } from './decidePolicy';
export type * from './types';
