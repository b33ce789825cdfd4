/**
 * Verifies candidates in parallel (bounded), each in its own workspace. When one is verified no new
 * candidate is started; those already running finish, so the pruning step sees every candidate
 * that was in flight and picks deterministically (score, then smaller edit, then id).
 */
import { applyCandidate } from '../../roles/implementer';
import { verifyCandidate, type CandidateVerdict } from '../../roles/verifier';
import { asFabricError, isFabricError } from '../errors';
import type { RepairCandidate } from '../models/offline';
import type { SuiteRun } from '../verify';
import type { RunContext } from './runContext';
import type { Workspaces } from './workspaces';

export interface CandidateRecord {
  id: string;
  operator: string;
  file: string;
  line: number;
  description: string;
  score: number;
  verdict: 'verified' | 'still-failing' | 'regression' | 'timeout' | 'denied' | 'error' | 'not-run';
  detail?: string;
}

export interface PoolInput {
  candidates: RepairCandidate[];
  baseline: SuiteRun;
  testCommand: string;
  focusedCommand: string | null;
  writeScope: string[];
  allowTestEdits: boolean;
  parallel: number;
  timeoutMs: number;
  progress: (message: string) => void;
}

export interface PoolResult {
  records: CandidateRecord[];
  verified: RepairCandidate[];
}

function verdictRecord(c: RepairCandidate, verdict: CandidateRecord['verdict'], detail?: string): CandidateRecord {
  return { id: c.id, operator: c.operator, file: c.file, line: c.line, description: c.description, score: Number(c.score.toFixed(6)), verdict, ...(detail ? { detail } : {}) };
}

function describeVerdict(v: CandidateVerdict): string | undefined {
  switch (v.kind) {
    case 'verified':
      return `fixed ${v.comparison.fixed.length} test(s), whole suite passes`;
    case 'still-failing':
      return `${v.stage === 'focused' ? 'failing tests still fail' : 'the suite still fails'}`;
    case 'regression':
      return `breaks ${v.comparison.regressions.length} passing test(s): ${v.comparison.regressions.slice(0, 3).join(', ')}`;
    case 'timeout':
      return `timed out in the ${v.stage} run`;
    default: {
      const unreachable: never = v;
      return unreachable;
    }
  }
}

export async function verifyCandidates(rc: RunContext, workspaces: Workspaces, input: PoolInput): Promise<PoolResult> {
  const records = new Map<string, CandidateRecord>();
  const verified: RepairCandidate[] = [];
  let next = 0;
  let found = false;

  const one = async (candidate: RepairCandidate, index: number) => {
    input.progress(`candidate ${index + 1}/${input.candidates.length}: ${candidate.description}`);
    const workspace = await workspaces.create(`candidate-${candidate.id}`, rc.lease('implementer', candidate.id));
    try {
      await applyCandidate(rc, workspace, candidate, input.writeScope, input.allowTestEdits);
      const verdict = await verifyCandidate(rc, workspaces, rc.lease('verifier', candidate.id), {
        workspace,
        baseline: input.baseline,
        testCommand: input.testCommand,
        focusedCommand: input.focusedCommand,
        timeoutMs: input.timeoutMs,
        signal: rc.signal,
      });
      const record = verdictRecord(candidate, verdict.kind, describeVerdict(verdict));
      records.set(candidate.id, record);
      rc.record('verifier', { action_type: 'verification', payload: { ...record, ...(verdict.kind === 'verified' || verdict.kind === 'regression' ? { comparison: verdict.comparison } : {}) } }, candidate.id);
      if (verdict.kind === 'verified') {
        verified.push(candidate);
        found = true;
        input.progress(`verified: ${candidate.description}`);
      }
    } catch (e) {
      const err = asFabricError(e);
      if (err.code === 'RUN_ABORTED' || rc.signal.aborted || err.code === 'GATE_BUDGET_EXCEEDED') throw err;
      const verdict = err.code === 'GATE_POLICY_DENIED' ? 'denied' : 'error';
      const record = verdictRecord(candidate, verdict, `${err.code}: ${err.message}`);
      records.set(candidate.id, record);
      rc.record('verifier', { action_type: 'verification', payload: { ...record } }, candidate.id);
    } finally {
      workspaces.remove(workspace);
    }
  };

  const worker = async () => {
    while (!found && next < input.candidates.length) {
      const index = next++;
      await one(input.candidates[index], index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(input.parallel, input.candidates.length)) }, worker);
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw isFabricError(failure.reason) ? failure.reason : asFabricError(failure.reason);

  const ordered = input.candidates.map((c) => records.get(c.id) ?? verdictRecord(c, 'not-run'));
  verified.sort((a, b) => b.score - a.score || a.edit.replacement.length - b.edit.replacement.length || (a.id < b.id ? -1 : 1));
  return { records: ordered, verified };
}
