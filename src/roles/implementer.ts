/**
 * The Implementer: proposes candidate patches (today from the offline program-repair engine) and
 * writes one into its own candidate workspace — through the Gate, which allows `fs.write` only to
 * the implementer and only inside the plan's write scope.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RankedLocation } from '../runtime/analysis';
import { FabricError } from '../runtime/errors';
import { generateRepairs, type RepairCandidate } from '../runtime/models/offline';
import type { RunContext } from '../runtime/pipeline/runContext';
import type { Workspace } from '../runtime/pipeline/workspaces';
import { isTestPath } from '../runtime/util/testPaths';
import { isInWriteScope, normalizeRepoPath } from './planner';

export interface ProposeInput {
  files: Map<string, string>;
  locations: RankedLocation[];
  writeScope: string[];
  maxCandidates: number;
  /** Candidate ids already tried in earlier rounds. */
  exclude: ReadonlySet<string>;
}

/** Ranked, deduplicated candidates for locations inside the write scope. */
export function proposeCandidates(rc: RunContext, input: ProposeInput): RepairCandidate[] {
  const inScope = input.locations.filter((l) => isInWriteScope(input.writeScope, l.file));
  const candidates = generateRepairs({ files: input.files, locations: inScope, maxCandidates: input.maxCandidates + input.exclude.size })
    .filter((c) => !input.exclude.has(c.id))
    .slice(0, input.maxCandidates);
  rc.record('implementer', {
    action_type: 'thought',
    payload: {
      kind: 'candidates_proposed',
      provider: 'offline',
      count: candidates.length,
      candidates: candidates.map((c) => ({ id: c.id, operator: c.operator, file: c.file, line: c.line, score: Number(c.score.toFixed(4)), description: c.description })),
    },
  });
  return candidates;
}

/** Writes the candidate's new file text into its workspace through the Gate. */
export async function applyCandidate(rc: RunContext, workspace: Workspace, candidate: RepairCandidate, writeScope: string[], allowTestEdits: boolean): Promise<void> {
  const path = normalizeRepoPath(candidate.file);
  if (!path) throw new FabricError('PATCH_INVALID', `unsafe path in candidate ${candidate.id}: ${candidate.file}`);
  const lease = rc.lease('implementer', candidate.id);
  await rc.gate.invoke(
    lease,
    { capability: 'fs.write', role: 'implementer', path, writeScope, isTestFile: isTestPath(path), allowTestEdits },
    { workspace: workspace.label, path, candidate: candidate.id },
    async () => writeFileSync(join(workspace.path, path), candidate.newText),
  );
  rc.record(
    'implementer',
    {
      action_type: 'file_edit',
      payload: { candidate: candidate.id, workspace: workspace.label, file: path, line: candidate.line, operator: candidate.operator, description: candidate.description, edit: candidate.edit },
    },
    candidate.id,
  );
}
