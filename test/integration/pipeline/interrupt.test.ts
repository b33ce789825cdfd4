/**
 * Ctrl-C in the middle of Explore: the AbortSignal fires just after the first candidate's test run
 * is dispatched. The run stops cleanly: outcome `aborted`, no branch, no workspace left, the
 * session's last move goes to `aborted`, and the event log still verifies.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { verifyEventLog, type FabricEvent } from '../../../src/runtime/events';
import { git } from '../../helpers/gitRepo';
import { pidsWithMarker, waitForMarker } from '../sandbox/processes';
import { makeTempDir } from '../../helpers/tmp';
import {
  fabricContext,
  illegalTransitions,
  leftoverWorkspaces,
  makeTextkitRepo,
  mapChanges,
  porcelainStatus,
  readEvents,
  repoBytes,
  runOn,
  unauthorizedToolCalls,
  type RepoBytes,
  type RunOutcome,
} from './helpers';

/** A candidate's test run: `sandbox.exec` by `verifier:<candidate id>` (not the baseline, spectrum or compile). */
function isCandidateTestRun(e: FabricEvent): boolean {
  return e.action_type === 'tool_call' && e.capability_id === 'sandbox.exec' && /^verifier:[0-9a-f]{12}$/.test(e.agent_id);
}

describe('#runFix', () => {
  const tmp = makeTempDir('fabric-pipeline-abort-');
  const repo = join(tmp.path, 'textkit');
  let snap: RepoBytes;
  let run: RunOutcome;
  let abortedAt: number | undefined;
  let marker = '';
  let sawSandbox = false;
  let workspacesWhileRunning: string[] = [];
  let events: FabricEvent[];

  before(async () => {
    makeTextkitRepo(repo);
    snap = repoBytes(repo);
    const controller = new AbortController();
    run = await runOn(
      fabricContext(join(tmp.path, 'home')),
      { workspace: repo },
      {
        signal: controller.signal,
        onStart: (rc) => {
          // Sandboxed processes carry their workspace path (`<tmp>/fabric-<trace8>-…/candidate-…`) in argv.
          marker = `fabric-${rc.ids.trace_id.slice(0, 8)}-`;
          const stop = rc.events.onAppend((e) => {
            if (!isCandidateTestRun(e)) return;
            abortedAt = e.seq;
            stop();
            // Like a Ctrl-C, delivered from the event loop once a candidate's sandbox is really running.
            waitForMarker(marker, 1).then(
              () => {
                sawSandbox = true;
                workspacesWhileRunning = leftoverWorkspaces(rc.ids.trace_id);
                controller.abort();
              },
              () => controller.abort(),
            );
          });
        },
      },
    );
    assert.ok(run.result, `runFix threw ${run.error?.code}: ${run.error?.message}`);
    events = readEvents(run.result.events_path);
  });
  after(() => tmp.cleanup());

  describe('when the run is interrupted while verifying candidates', () => {
    it('was interrupted while a candidate test run was running in its sandbox', () => {
      assert.ok(abortedAt !== undefined, 'no candidate test run was ever dispatched');
      assert.ok(sawSandbox, 'no sandboxed process was seen before the abort');
      assert.equal(events.some((e) => e.action_type === 'state_transition' && e.payload.to === 'verifying'), true);
    });

    it('ends with outcome aborted', () => {
      assert.equal(run.result?.outcome, 'aborted');
      assert.equal(run.result?.branch, undefined);
      assert.equal(run.result?.commit, undefined);
    });

    it('creates no fabric/ branch and no note, and leaves the repo as it was', () => {
      assert.equal(git(repo, ['for-each-ref', '--format=%(refname)', 'refs/heads/fabric/', 'refs/notes/']), '');
      const after = repoBytes(repo);
      assert.deepEqual(mapChanges(snap.tree, after.tree), { changed: [], removed: [], added: [] });
      assert.equal(after.index, snap.index);
      assert.deepEqual(mapChanges(snap.gitFiles, after.gitFiles), { changed: [], removed: [], added: [] });
      assert.equal(porcelainStatus(repo), '');
    });

    it('removes every temp workspace and leaves no sandboxed process behind', () => {
      assert.equal(workspacesWhileRunning.length, 1, 'the workspace root was not visible while the run was going');
      assert.deepEqual(leftoverWorkspaces(run.result?.trace_id as string), []);
      assert.deepEqual(pidsWithMarker(marker), []);
    });

    it('records the last state transition as a move to aborted', () => {
      const moves = events.filter((e) => e.action_type === 'state_transition');
      const last = moves[moves.length - 1];
      assert.equal(last.payload.to, 'aborted');
      assert.equal(last.payload.signal, 'abort');
      assert.ok(last.seq > (abortedAt as number));
      assert.equal(events.some((e) => e.action_type === 'tool_call' && (e.capability_id === 'git.commit' || e.capability_id === 'git.write_ref')), false);
    });

    it('answers every tool_call; the interrupted test run reports that it was cancelled', () => {
      const answers = new Map(events.filter((e) => e.action_type === 'tool_result' || e.action_type === 'error').map((e) => [e.cause, e]));
      assert.deepEqual(events.filter((e) => e.action_type === 'tool_call' && !answers.has(e.seq)).map((e) => e.seq), []);
      const answer = answers.get(abortedAt) as FabricEvent;
      assert.ok(answer.action_type === 'tool_result' ? answer.payload.cancelled === true : answer.payload.code === 'RUN_ABORTED', JSON.stringify(answer.payload));
      const stop = events.filter((e) => e.action_type === 'error' && e.agent_id.startsWith('orchestrator:'));
      assert.deepEqual(stop.map((e) => e.payload.code), ['RUN_ABORTED']);
    });

    it('made only legal state transitions and authorized tool calls up to the end', () => {
      assert.deepEqual(illegalTransitions(events), []);
      assert.deepEqual(unauthorizedToolCalls(events), []);
    });

    it('leaves an event log whose chain verifies', () => {
      const verification = verifyEventLog(run.result?.trace_dir as string);
      assert.ok(verification.ok, JSON.stringify(verification));
      assert.equal(verification.count, events.length);
    });
  });
});
