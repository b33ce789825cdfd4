import type { BundleCheck, EventLogResult, EvidenceBundle } from './types';

/** Step 4: the event log (read and chain-checked by the caller) is intact and is the one the bundle names. */
export function checkEventLog(bundle: EvidenceBundle, log: EventLogResult): BundleCheck {
  const name = 'event_log';
  if (!log.ok) {
    return { name, ok: false, field: log.error.field, line: log.error.line, code: 'EVENTS_CHAIN_BROKEN', message: `event log line ${log.error.line}: ${log.error.message}` };
  }
  if (log.head_hash !== bundle.event_log.head_hash) {
    return { name, ok: false, field: 'event_log.head_hash', code: 'EVIDENCE_DIGEST_MISMATCH', message: `bundle names head ${bundle.event_log.head_hash}, log head is ${log.head_hash}` };
  }
  if (log.count !== bundle.event_log.count) {
    return { name, ok: false, field: 'event_log.count', code: 'EVIDENCE_DIGEST_MISMATCH', message: `bundle names ${bundle.event_log.count} events, log has ${log.count}` };
  }
  return { name, ok: true, message: `event log intact: ${log.count} events, head ${log.head_hash}` };
}
