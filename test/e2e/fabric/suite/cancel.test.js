// Cancelling a run through the command's CancellationToken (`{ goal, folder, token }`; the progress
// notification's Cancel button ends in the same RunController.cancel()). The repository is a copy of
// demo/textkit with an extra test that sleeps for two minutes, so the run is cancelled while its
// sandboxed tests are running.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { DEMO_GOAL, SLOW_TEST_MARKER, fabricBranches, fixturePath, git, gitResult, processesMatching, readEvents, readResult, traceIds, waitFor } = require('./helpers');

/** The processes running the slow fixture test (its file name is in their command line). */
const slowTests = () => processesMatching(SLOW_TEST_MARKER);

describe('fabric.exploreFix', () => {
  describe('when the run is cancelled while its tests run', () => {
    let repo;
    let base;
    let result;
    let stopMs;
    let sawTests;

    before(async function () {
      this.timeout(180000);
      repo = fixturePath('FABRIC_E2E_SLOW_REPO');
      base = git(repo, 'rev-parse', 'HEAD');
      const source = new vscode.CancellationTokenSource();
      const pending = vscode.commands.executeCommand('fabric.exploreFix', { goal: DEMO_GOAL, folder: repo, token: source.token });
      let settled = false;
      pending.then(
        () => (settled = true),
        () => (settled = true),
      );
      // Cancel once the slow test is running in a sandbox (or the run ended early: then the
      // assertions below say why).
      sawTests = await waitFor('the slow fixture test to run', () => settled || slowTests().length > 0, { timeoutMs: 120000 }).then(() => !settled);
      const cancelled = Date.now();
      source.cancel();
      result = await pending;
      stopMs = Date.now() - cancelled;
      source.dispose();
      console.log(`      (the run stopped ${stopMs} ms after the cancel: ${result ? `${result.outcome} — ${result.reason ?? ''}` : 'no result'})`);
    });

    it('was cancelled while the tests were running', () => {
      assert.equal(sawTests, true, 'the run ended before its tests ran');
    });

    it('returns an aborted result, promptly', () => {
      assert.ok(result, 'the command returned no result');
      assert.equal(result.outcome, 'aborted', `outcome ${result.outcome}: ${result.reason ?? ''}`);
      assert.ok(stopMs < 15000, `the run took ${stopMs} ms to stop`);
    });

    it('ends the trace aborted, in result.json and as the last event', () => {
      assert.deepEqual(traceIds(repo), [result.trace_id]);
      assert.equal(readResult(repo, result.trace_id).outcome, 'aborted');
      const events = readEvents(repo, result.trace_id);
      const last = events[events.length - 1];
      assert.equal(last.payload.kind, 'run_finished');
      assert.equal(last.payload.outcome, 'aborted');
      assert.equal(last.payload.branch, null);
    });

    it('creates no fabric/ branch, no evidence note, and leaves the repository as it was', () => {
      assert.deepEqual(fabricBranches(repo), []);
      assert.notEqual(gitResult(repo, 'rev-parse', '--verify', '--quiet', 'refs/notes/fabric').status, 0);
      assert.equal(git(repo, 'rev-parse', 'HEAD'), base);
      assert.equal(git(repo, 'status', '--porcelain'), '');
    });

    it('stops the sandboxed test processes', async () => {
      await waitFor('the slow test processes to end', () => slowTests().length === 0, { timeoutMs: 10000 }).catch(() => {
        throw new Error(`still running after the cancel:\n${slowTests().map((p) => `${p.pid} ${p.cmd}`).join('\n')}`);
      });
    });

    it('accepts a new run afterwards (the controller is free again)', async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('fabric.exploreFix'));
      // A second cancel of a finished run is harmless: a fresh token cancelled at once aborts before the tests.
      const source = new vscode.CancellationTokenSource();
      const pending = vscode.commands.executeCommand('fabric.exploreFix', { goal: DEMO_GOAL, folder: repo, token: source.token });
      source.cancel();
      const again = await pending;
      assert.ok(again, 'the second run returned no result (was the first one still marked as running?)');
      assert.equal(again.outcome, 'aborted');
      assert.deepEqual(fabricBranches(repo), []);
    });
  });
});
