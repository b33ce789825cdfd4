/**
 * Reads an `agent_events.jsonl` into validated events. A torn tail (a last line without its
 * newline, or an unparseable last line) is returned separately and never used as an event. This
 * does not check the hash chain; use `verifyEventLog` for that.
 */
import { readFileSync } from 'node:fs';
import { FabricError, asFabricError } from '../errors';
import { scanEventLines } from './lines';
import { validateEvent } from './schema';
import { EVENT_VERSION, type FabricEvent } from './types';

/** Result of `readEventLog`. */
export interface EventLogContents {
  /** Every complete, schema-valid event, in file order. */
  events: FabricEvent[];
  /** The cut-short or unparseable last line (1-based `line`), or null. */
  torn: { line: number; text: string } | null;
}

/**
 * Throws `EVENTS_INVALID_LINE` (`data.line`, 1-based) for an unparseable line that is not the last,
 * `SCHEMA_INVALID` (`data.line`, `data.errors`) for a line that is not a well-formed event, and
 * `INTERNAL` when the file cannot be read.
 */
export function readEventLog(path: string): EventLogContents {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (e) {
    throw asFabricError(e, 'INTERNAL', `cannot read event log ${path}`);
  }
  const scanned = scanEventLines(content);
  if (scanned.invalid !== null) {
    const { line } = scanned.invalid;
    throw new FabricError('EVENTS_INVALID_LINE', `line ${line} of ${path} is not JSON`, { cause: scanned.invalid.error, data: { line, path } });
  }
  const events: FabricEvent[] = [];
  for (const { line, value } of scanned.entries) {
    const errors = validateEvent(value);
    if (errors.length === 0 && (value as { v: unknown }).v !== EVENT_VERSION) errors.push('v');
    if (errors.length > 0) {
      throw new FabricError('SCHEMA_INVALID', `line ${line} of ${path} is not an event: ${errors.join(', ')}`, { data: { line, path, errors } });
    }
    events.push(value as FabricEvent);
  }
  return { events, torn: scanned.torn };
}
