// Reads a fixture repository's Fabric event logs (`.fabric/traces/<trace>/agent_events.jsonl`), for
// UI tests that check what a click recorded.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every event of every trace in `repoDir`, each with the trace folder it came from.
 * @param {string} repoDir
 * @returns {Array<Record<string, unknown> & { trace: string }>}
 */
export function traceEvents(repoDir) {
  const traces = join(repoDir, '.fabric', 'traces');
  if (!existsSync(traces)) return [];
  return readdirSync(traces).flatMap((trace) => {
    const file = join(traces, trace, 'agent_events.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ({ ...JSON.parse(line), trace }));
  });
}

/** The operator's `approval_decision` events in `repoDir`'s traces. */
export function approvalDecisions(repoDir) {
  return traceEvents(repoDir).filter((e) => e.action_type === 'approval_decision');
}
