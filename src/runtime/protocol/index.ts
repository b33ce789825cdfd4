export { PROTOCOL_KEYS } from './types';
export type { PhaseId, ProtocolKey, ProtocolDocument, ProtocolError, ProtocolValidation } from './types';
export { validateProtocolDocument } from './validateProtocolDocument';
export { assertProtocolDocument } from './assertProtocolDocument';
export { PHASE_REGISTRY, phaseEntry } from './phaseRegistry';
export type { PhaseEntry } from './phaseRegistry';
export { default as protocolSchemaV1 } from './unifiedSpecV1.schema.json';
