/** P3: append-only, hash-chained event log and its content-addressed blob store. */
export { ACTION_TYPES, EVENT_LOG_FILE, EVENT_VERSION, GENESIS_HASH } from './types';
export type { ActionType, EventIds, EventInput, EventListener, FabricEvent } from './types';
export { eventIdsSchema, eventSchema, validateEvent, validateEventIds } from './schema';
export { EventLog } from './eventLog';
export type { EventLogOptions, InlineOrBlob } from './eventLog';
export { readEventLog } from './readEventLog';
export type { EventLogContents } from './readEventLog';
export { verifyEventLog } from './verifyEventLog';
export type { EventLogVerification, EventLogVerificationError, VerifyEventLogOptions } from './verifyEventLog';
export { blobPath, readBlob } from './blobStore';
