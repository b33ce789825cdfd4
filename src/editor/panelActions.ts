/** The host's answers to the panel's requests and links (see panelRouting.ts for the rules). */
import { existsSync } from 'node:fs';
import { FabricError } from '../runtime/errors';
import { assertRemote } from '../runtime/pipeline/pushFix';
import { tracePaths } from '../runtime/pipeline/tracePaths';
import { openCandidateDiff } from './diffView';
import { startExplore } from './exploreCommand';
import { reportError } from './notify';
import type { PanelActions } from './panelProvider';
import { pickRepo } from './repos';
import type { HostServices } from './services';
import { readSettings } from './settings';
import { openTraceFile } from './traceCommands';
import { requireTrust } from './trust';

/** The repository holding `traceId`: the current run's, else the workspace's (it must have the trace). */
async function repoOfTrace(s: HostServices, traceId: string): Promise<string> {
  if (s.state.repoDir && s.state.run.traceId === traceId) return s.state.repoDir;
  const repoDir = await pickRepo();
  if (!repoDir || !existsSync(tracePaths(repoDir, traceId).dir)) throw new FabricError('USAGE_INVALID', `trace ${traceId} is not in this workspace`);
  return repoDir;
}

function trusted(s: HostServices, what: string): void {
  if (!requireTrust(s.output, what)) throw new FabricError('USAGE_INVALID', 'Fabric is disabled in Restricted Mode: trust this folder to use it');
}

async function shown(s: HostServices, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    reportError(e, s.output, what);
  }
}

/** Runs a request; a failure is shown as a notification too (with its fix-it action) and still answers the request. */
async function request(s: HostServices, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    reportError(e, s.output, what);
    throw e;
  }
}

export function panelActions(s: HostServices): PanelActions {
  return {
    approve: (m) =>
      request(s, 'approve', async () => {
        trusted(s, 'approving a push');
        await s.push.approve(m.approvalId);
      }),
    deny: (m) => request(s, 'deny', () => s.push.deny(m.approvalId, m.reason.trim())),
    async push(m) {
      let entryId = '';
      await request(s, 'push', async () => {
        trusted(s, 'pushing');
        const repoDir = await repoOfTrace(s, m.traceId);
        const target = { repoDir, traceId: m.traceId, remote: readSettings(repoDir).remote };
        await assertRemote(target);
        entryId = s.push.queue(target).id;
      });
      // The decision comes from Approve/Deny, which report their own failures: this only answers the request.
      await s.push.waitFor(entryId);
    },
    exploreFix: () =>
      request(s, 'Explore fix', async () => {
        trusted(s, 'Explore fix');
        const handle = await startExplore(s, undefined);
        if (!handle) return;
        let started = false;
        handle.result.catch((e: unknown) => {
          if (started) reportError(e, s.output, 'Explore fix');
        });
        await handle.started;
        started = true;
      }),
    // Links: no reply is expected, so a failure is shown as a notification.
    openDiff: (m) =>
      shown(s, 'open diff', async () => {
        if (!s.state.repoDir) throw new FabricError('USAGE_INVALID', 'no run to show a diff of');
        await openCandidateDiff(s.state.repoDir, s.state.run, m.candidateId);
      }),
    openBundle: (m) => shown(s, 'open Evidence Bundle', async () => openTraceFile(s, await repoOfTrace(s, m.traceId), m.traceId, 'bundle')),
    openEventLog: (m) => shown(s, 'open event log', async () => openTraceFile(s, await repoOfTrace(s, m.traceId), m.traceId, 'events')),
  };
}
