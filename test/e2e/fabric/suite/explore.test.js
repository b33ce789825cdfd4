// "Fabric: Explore fix" run programmatically on the workspace (a fresh copy of demo/textkit with a
// local bare `origin`): the result is checked with real git, not with what the extension says.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { DEMO_GOAL, fabricBranches, fixturePath, git, gitResult, readEvents, traceIds } = require('./helpers');

describe('fabric.exploreFix', () => {
  describe('when given a goal on a repository with a failing test', () => {
    let repo;
    let base;
    /** @type {any} the FixResult the command returns */
    let result;
    let seconds;

    before(async function () {
      this.timeout(240000);
      repo = fixturePath('FABRIC_E2E_WORKSPACE');
      base = git(repo, 'rev-parse', 'HEAD');
      const started = Date.now();
      result = await vscode.commands.executeCommand('fabric.exploreFix', { goal: DEMO_GOAL });
      seconds = (Date.now() - started) / 1000;
      console.log(`      (the run took ${seconds.toFixed(1)} s: ${result ? `${result.outcome}${result.reason ? ` — ${result.reason}` : ''}` : 'no result'})`);
    });

    it('returns a successful result naming a fabric/ branch and its commit', () => {
      assert.ok(result, 'the command returned no result: it failed or asked for input (see the Fabric output channel)');
      assert.equal(result.outcome, 'success', `outcome ${result.outcome}: ${result.reason ?? ''}`);
      assert.match(result.branch, /^fabric\//);
      assert.match(result.commit, /^[0-9a-f]{40}$/);
      assert.equal(result.base_commit, base);
    });

    it('creates exactly that branch at that commit, a child of the base', () => {
      assert.deepEqual(fabricBranches(repo), [result.branch]);
      assert.equal(git(repo, 'rev-parse', `refs/heads/${result.branch}`), result.commit);
      assert.equal(git(repo, 'rev-parse', `${result.commit}^`), base);
      assert.deepEqual(git(repo, 'diff', '--name-only', base, result.commit).split('\n'), ['lib/truncate.js']);
    });

    it('leaves main, HEAD and the working tree untouched', () => {
      assert.equal(git(repo, 'rev-parse', 'HEAD'), base);
      assert.equal(git(repo, 'rev-parse', 'refs/heads/main'), base);
      assert.equal(git(repo, 'symbolic-ref', '--short', 'HEAD'), 'main');
      assert.equal(git(repo, 'status', '--porcelain'), '');
    });

    it('signs the commit so that git verify-commit accepts it with the exported allowed signers', async () => {
      const target = vscode.Uri.file(path.join(fixturePath('FABRIC_E2E_SCRATCH'), 'allowed_signers'));
      const written = await vscode.commands.executeCommand('fabric.exportAllowedSigners', target);
      assert.ok(written, 'fabric.exportAllowedSigners returned no file');
      assert.ok(existsSync(target.fsPath), 'the allowed-signers file was written');
      assert.match(readFileSync(target.fsPath, 'utf8'), /ssh-ed25519 /);
      const verify = gitResult(repo, '-c', `gpg.ssh.allowedSignersFile=${target.fsPath}`, 'verify-commit', result.branch);
      assert.equal(verify.status, 0, `git verify-commit failed: ${verify.stderr}`);
      assert.match(verify.stderr, /Good "git" signature/);
    });

    it('rejects the signature with somebody else\'s allowed signers', () => {
      const scratch = fixturePath('FABRIC_E2E_SCRATCH');
      const key = path.join(scratch, 'other_key');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', key]);
      const other = path.join(scratch, 'other_signers');
      writeFileSync(other, `someone@example.invalid ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
      const verify = gitResult(repo, '-c', `gpg.ssh.allowedSignersFile=${other}`, 'verify-commit', result.branch);
      assert.notEqual(verify.status, 0);
      assert.match(verify.stderr, /No principal matched/);
    });

    it('binds the commit to the trace and stores the evidence note', () => {
      const trailers = git(repo, 'log', '-1', '--format=%(trailers:key=Fabric-Trace,valueonly)', result.commit);
      assert.equal(trailers, result.trace_id);
      assert.equal(gitResult(repo, 'notes', '--ref=fabric', 'show', result.commit).status, 0, 'no note on refs/notes/fabric');
    });

    it('records the run in a trace that ends released', () => {
      assert.deepEqual(traceIds(repo), [result.trace_id]);
      const events = readEvents(repo, result.trace_id);
      const last = events[events.length - 1];
      assert.equal(last.payload.kind, 'run_finished');
      assert.equal(last.payload.outcome, 'success');
      assert.equal(last.payload.commit, result.commit);
    });

    it('verifies its Evidence Bundle with fabric.verifyBundle', async () => {
      const report = await vscode.commands.executeCommand('fabric.verifyBundle', { folder: repo, traceId: result.trace_id });
      assert.ok(report, 'fabric.verifyBundle returned no report');
      assert.deepEqual(report.checks.filter((c) => !c.ok).map((c) => c.name), []);
      assert.equal(report.ok, true);
    });

    it('pushes nothing to origin without an approval', () => {
      const remote = fixturePath('FABRIC_E2E_REMOTE');
      assert.deepEqual(git(remote, 'for-each-ref', '--format=%(refname)').split('\n'), ['refs/heads/main']);
    });
  });
});
