/**
 * Tokens waiting to be used, for the CLI: `fabric approve` saves one, `fabric push` takes it.
 * Files `<fabricHome>/approvals/pending/<trace_id>.<action>.token`, mode 0600, one encoded token.
 */
import { writePrivateFile } from '../util/writePrivateFile';
import { mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { FabricError } from '../errors';
import { decodeApprovalToken } from './decodeApprovalToken';
import { encodeApprovalToken } from './encodeApprovalToken';
import { TRACE_ID_PATTERN } from './schema';
import { HIGH_IMPACT_ACTIONS, type ApprovalToken, type HighImpactAction } from './types';

function pendingDir(fabricHome: string): string {
  return join(fabricHome, 'approvals', 'pending');
}

function pendingPath(fabricHome: string, trace_id: string, action: HighImpactAction): string {
  if (!new RegExp(TRACE_ID_PATTERN).test(trace_id)) throw new FabricError('APPROVAL_INVALID', 'trace id is not a safe file name', { data: { trace_id } });
  if (!HIGH_IMPACT_ACTIONS.includes(action)) throw new FabricError('APPROVAL_INVALID', `unknown action ${String(action)}`, { data: { action } });
  return join(pendingDir(fabricHome), `${trace_id}.${action}.token`);
}

/** Stores a token for its trace and action (replacing an earlier one); written atomically, 0600. */
export function savePendingToken(fabricHome: string, token: ApprovalToken): void {
  const text = `${encodeApprovalToken(token)}\n`;
  const path = pendingPath(fabricHome, token.trace_id, token.action);
  mkdirSync(pendingDir(fabricHome), { recursive: true, mode: 0o700 });
  writePrivateFile(path, text, token.nonce);
}

/**
 * Removes and returns the pending token for this trace and action; null if there is none (or
 * another process took it first). A malformed file is removed and reported as `APPROVAL_INVALID`;
 * a token for another trace or action as `APPROVAL_MISMATCH`.
 */
export function takePendingToken(fabricHome: string, trace_id: string, action: HighImpactAction): ApprovalToken | null {
  const path = pendingPath(fabricHome, trace_id, action);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    unlinkSync(path);
  } catch (e) {
    if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT') return null;
    throw new FabricError('INTERNAL', 'cannot read the pending approval token', { cause: e });
  }
  const token = decodeApprovalToken(text);
  if (token.trace_id !== trace_id || token.action !== action) {
    throw new FabricError('APPROVAL_MISMATCH', 'pending token file holds a token for another trace or action', { data: { field: token.trace_id !== trace_id ? 'trace_id' : 'action' } });
  }
  return token;
}
