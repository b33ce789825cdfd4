// The errors a user can cause, driven through the commands' programmatic arguments: each gives a
// typed outcome (the command returns nothing and reports the runtime's error code, which is read
// back from the Fabric output channel) and leaves the repository as it was.
//
// Not here (they cannot be driven without the UI, see ../README.md): a push rejected by the remote
// and a denied push. Approve and Deny are reachable only through the modal of "Approve pending
// action"/"Push signed branch" (PushFlow.confirm) or the panel's webview messages; neither has a
// programmatic argument, and the panel provider is not reachable from the extension host's API.
const assert = require('node:assert/strict');
const { existsSync } = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { DEMO_GOAL, fabricBranches, fabricOutput, fixturePath, git, readEvents, repoState, reportedCode, traceIds, waitForReportedError } = require('./helpers');

describe('errors a user can cause', () => {
  describe('Explore fix on a repository without a test command', () => {
    let repo;
    let before_;
    let result;
    let line;

    before(async function () {
      this.timeout(60000);
      repo = fixturePath('FABRIC_E2E_NO_TESTS_REPO');
      before_ = repoState(repo);
      const logged = fabricOutput().length;
      result = await vscode.commands.executeCommand('fabric.exploreFix', { goal: DEMO_GOAL, folder: repo });
      line = await waitForReportedError('Fabric: Explore fix', { after: logged });
    });

    it('refuses with WORKSPACE_NO_TESTS and returns no result', () => {
      assert.equal(result, undefined);
      assert.equal(reportedCode(line, 'Fabric: Explore fix'), 'WORKSPACE_NO_TESTS', line);
    });

    it('leaves the repository untouched: same HEAD, refs and working tree, no trace folder', () => {
      assert.deepEqual(repoState(repo), before_);
      assert.deepEqual(fabricBranches(repo), []);
      assert.equal(existsSync(path.join(repo, '.fabric')), false, 'a .fabric folder was created');
    });

    it('leaves the extension ready for the next run', async function () {
      this.timeout(60000);
      // The refused run must not keep the controller busy (a busy one answers with a warning, not an error).
      const logged = fabricOutput().length;
      assert.equal(await vscode.commands.executeCommand('fabric.exploreFix', { goal: DEMO_GOAL, folder: repo }), undefined);
      assert.equal(reportedCode(await waitForReportedError('Fabric: Explore fix', { after: logged }), 'Fabric: Explore fix'), 'WORKSPACE_NO_TESTS');
    });
  });

  describe('Push signed branch on a repository without the remote', () => {
    let repo;
    let origin;
    let run;
    let afterRun;
    let pushed;
    let line;

    before(async function () {
      this.timeout(240000);
      repo = fixturePath('FABRIC_E2E_NO_REMOTE_REPO');
      origin = fixturePath('FABRIC_E2E_NO_REMOTE_ORIGIN');
      run = await vscode.commands.executeCommand('fabric.exploreFix', { goal: DEMO_GOAL, folder: repo });
      assert.ok(run && run.outcome === 'success', `the run did not succeed: ${run ? `${run.outcome} ${run.reason ?? ''}` : 'no result'}`);
      afterRun = repoState(repo);
      const logged = fabricOutput().length;
      pushed = await vscode.commands.executeCommand('fabric.pushBranch', { folder: repo, traceId: run.trace_id });
      line = await waitForReportedError('Fabric: Push signed branch', { after: logged });
    });

    it('refuses with GIT_NO_REMOTE before asking for an approval', () => {
      assert.equal(pushed, undefined);
      assert.equal(reportedCode(line, 'Fabric: Push signed branch'), 'GIT_NO_REMOTE', line);
    });

    it('decides nothing: no approval_decision in the trace, so the approval queued by the run stays pending', () => {
      assert.deepEqual(traceIds(repo), [run.trace_id]);
      const events = readEvents(repo, run.trace_id);
      const kinds = events.map((e) => e.action_type);
      assert.equal(kinds.includes('approval_decision'), false, `events: ${kinds.join(', ')}`);
      assert.equal(events[events.length - 1].payload.kind, 'run_finished', 'something was appended after the run finished');
    });

    it('changes nothing in the repository: main, HEAD, working tree; only the run\'s branch and note', () => {
      assert.deepEqual(repoState(repo), afterRun);
      assert.equal(git(repo, 'symbolic-ref', '--short', 'HEAD'), 'main');
      assert.equal(git(repo, 'rev-parse', 'refs/heads/main'), run.base_commit);
      assert.equal(git(repo, 'status', '--porcelain'), '');
      const refs = git(repo, 'for-each-ref', '--format=%(refname)').split('\n').sort();
      assert.deepEqual(refs, ['refs/heads/main', `refs/heads/${run.branch}`, 'refs/notes/fabric'].sort());
    });

    it('pushes nothing to the bare repository that used to be origin', () => {
      assert.deepEqual(git(origin, 'for-each-ref', '--format=%(refname)').split('\n'), ['refs/heads/main']);
    });
  });
});
