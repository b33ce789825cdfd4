/**
 * Candidate diffs in VS Code's own diff editor. The left side is the file at the base commit
 * (`fabric-base:`), read from git objects — never the working tree, which may have changed since.
 * The right side is the signed fix commit (`fabric-base:` at that commit) for the winner, or the
 * base with the candidate's recorded edit applied (`fabric-candidate:`) for any other candidate.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FabricError } from '../runtime/errors';
import { treeDiff } from '../runtime/git';
import type { FixResult } from '../runtime/pipeline/options';
import { BASE_SCHEME, CANDIDATE_SCHEME } from './commandIds';
import { encodeFileRef, type FileRef } from './fileAtRevision';
import type { RunModel } from './runModel';

export function refUri(ref: FileRef): vscode.Uri {
  return vscode.Uri.from({ scheme: ref.edit ? CANDIDATE_SCHEME : BASE_SCHEME, path: `/${ref.path}`, query: encodeFileRef(ref) });
}

/** Every file the fix commit changed, base on the left, fix on the right. */
export async function openFixDiff(repoDir: string, result: Pick<FixResult, 'base_commit' | 'commit' | 'branch'>): Promise<void> {
  if (!result.commit) throw new FabricError('EVIDENCE_MISSING', 'this run has no fix commit to show');
  const commit = result.commit;
  const entries = await treeDiff(repoDir, result.base_commit, commit);
  if (entries.length === 0) throw new FabricError('EVIDENCE_MISSING', 'the fix commit changes no file');
  const pair = (path: string) => [refUri({ repo: repoDir, rev: result.base_commit, path }), refUri({ repo: repoDir, rev: commit, path })] as const;
  if (entries.length === 1) {
    const [left, right] = pair(entries[0].path);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${entries[0].path} (Fabric fix on ${result.branch ?? commit.slice(0, 12)})`);
    return;
  }
  const resources = entries.map((e) => [vscode.Uri.file(join(repoDir, e.path)), ...pair(e.path)]);
  await vscode.commands.executeCommand('vscode.changes', `Fabric fix on ${result.branch ?? commit.slice(0, 12)}`, resources);
}

/** One candidate's change: the winner's signed commit, or the base with the candidate's edit. */
export async function openCandidateDiff(repoDir: string, model: RunModel, candidateId: string): Promise<void> {
  const candidate = model.candidate(candidateId);
  if (!candidate) throw new FabricError('USAGE_INVALID', `no candidate ${candidateId} in this run`);
  if (candidate.winner && model.result?.commit) {
    await openFixDiff(repoDir, model.result);
    return;
  }
  const edit = model.editOf(candidateId);
  const base = model.baseCommit;
  if (!edit || !base) throw new FabricError('EVIDENCE_MISSING', `candidate ${candidateId} was never applied, so there is no change to show`);
  const left = refUri({ repo: repoDir, rev: base, path: edit.file });
  const right = refUri({ repo: repoDir, rev: base, path: edit.file, edit: { start: edit.start, end: edit.end, replacement: edit.replacement } });
  await vscode.commands.executeCommand('vscode.diff', left, right, `${edit.file} (candidate ${candidateId}: ${candidate.verdict})`);
}
