/**
 * What the user is told when something fails: a severity, one clear message, and the actions that
 * help (open the setting that fixes it, show the output…). Keyed by the runtime's error codes, so
 * the same code always gets the same treatment. No `vscode` import.
 */
import { asFabricError, type FabricError } from '../runtime/errors';
import type { SettingKey } from './settingsSpec';

export type UserAction =
  | { kind: 'openSettings'; setting: SettingKey | 'fabric' }
  | { kind: 'showOutput' }
  | { kind: 'manageTrust' }
  | { kind: 'exportAllowedSigners' };

export interface UserMessage {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  actions: UserAction[];
}

const settings = (setting: SettingKey | 'fabric'): UserAction => ({ kind: 'openSettings', setting });
const output: UserAction = { kind: 'showOutput' };

function pushRejection(err: FabricError): UserMessage {
  const rejection = err.data?.rejection;
  const remote = typeof err.data?.remote === 'string' ? err.data.remote : 'the remote';
  switch (rejection) {
    case 'auth-failed':
      return { severity: 'error', code: err.code, message: `Push to ${remote} failed: authentication failed. Fabric pushes with your own git credentials; check that \`git push\` to ${remote} works in a terminal.`, actions: [output] };
    case 'non-fast-forward':
      return { severity: 'error', code: err.code, message: `Push rejected by ${remote}: the branch already exists there with other commits. Fabric never force-pushes; nothing was changed.`, actions: [output] };
    case 'hook-declined':
      return { severity: 'error', code: err.code, message: `Push rejected by ${remote}: a server-side hook declined it. Nothing was changed.`, actions: [output] };
    default:
      return { severity: 'error', code: err.code, message: `Push rejected by ${remote}: ${err.message}`, actions: [output] };
  }
}

/** The message for anything thrown by a command. */
export function userMessageFor(e: unknown): UserMessage {
  const err = asFabricError(e);
  const m = (severity: UserMessage['severity'], message: string, actions: UserAction[] = []): UserMessage => ({ severity, code: err.code, message, actions });
  switch (err.code) {
    case 'WORKSPACE_NO_TESTS':
      return m('error', 'Fabric needs a test command: set "Fabric: Test Command", or add a "test" script to package.json.', [settings('fabric.testCommand')]);
    case 'WORKSPACE_NOT_GIT':
      return m('error', `Fabric works on git repositories, and this folder is not one: ${err.message}`);
    case 'WORKSPACE_NOTHING_TO_FIX':
      return m('info', 'Nothing to fix: every test passes.');
    case 'SANDBOX_UNAVAILABLE':
      return m('error', err.message, [settings('fabric.sandbox')]);
    case 'USAGE_INVALID':
    case 'CONFIG_INVALID':
      return m('error', err.message, [settings('fabric')]);
    case 'RUN_TIMEOUT':
      return m('error', `The tests did not finish in time: ${err.message}`, [settings('fabric.testTimeoutSeconds')]);
    case 'GATE_BUDGET_EXCEEDED':
      return m('warning', `The run's time budget ran out: ${err.message}`, [settings('fabric.budgetSeconds')]);
    case 'RUN_ABORTED':
      return m('info', 'Cancelled: no branch was created and nothing was changed.');
    case 'GIT_NO_REMOTE':
      return m('error', `${err.message}. Add the remote (git remote add …) or choose another one in "Fabric: Remote".`, [settings('fabric.remote')]);
    case 'GIT_PUSH_REJECTED':
      return pushRejection(err);
    case 'GIT_PROTECTED_REF':
      return m('error', `Refused: ${err.message}. Fabric only pushes its own fabric/… branches.`, [output]);
    case 'GATE_APPROVAL_REQUIRED':
      return m('warning', 'This push needs your approval first: approve it in the Fabric panel or with "Fabric: Approve pending action".');
    case 'APPROVAL_EXPIRED':
      return m('warning', 'The approval expired before it was used. Approve the push again.');
    case 'APPROVAL_REUSED':
      return m('warning', `That approval was already used or decided (${err.message}). Approve again to push again.`);
    case 'APPROVAL_MISMATCH':
      return m('error', `The approval no longer matches what would be pushed: ${err.message}. Nothing was pushed.`);
    case 'APPROVAL_INVALID':
      return m('error', `The approval is not valid: ${err.message}. Nothing was pushed.`);
    case 'APPROVAL_NOT_INTERACTIVE':
      return m('error', 'Only a person can approve: a run can never mint an approval token.');
    case 'KEYS_MISSING':
    case 'KEYS_INVALID':
      return m('error', `Fabric's signing keys are not usable: ${err.message}`, [output]);
    case 'EVIDENCE_SIGNATURE_INVALID':
    case 'EVIDENCE_UNTRUSTED_KEY':
    case 'EVIDENCE_DIGEST_MISMATCH':
    case 'EVIDENCE_MISSING':
      return m('error', `Evidence check failed: ${err.message}`, [output]);
    default:
      return m('error', `Fabric: ${err.message} (${err.code})`, [output]);
  }
}
