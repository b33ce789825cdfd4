import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { addEvidenceNote, createFabricBranch, inspectRepo, pushBranch, type HostGitRunner } from '../../../src/runtime/git';
import { FabricError, isFabricError } from '../../../src/runtime/errors';
import { git, makeRepo, writeFiles } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { execFileRunner } from './helpers';

describe('#pushBranch', () => {
  const tmp = makeTempDir('fabric-git-push-');
  after(() => tmp.cleanup());
  const repo = join(tmp.path, 'repo');
  const remote = join(tmp.path, 'remote.git');
  const branch = 'fabric/fix-thing-1b2c3d4e';
  let head = '';
  const calls: string[][] = [];
  const run: HostGitRunner = (args, opts) => {
    calls.push(args);
    return execFileRunner(args, opts);
  };

  before(async () => {
    head = makeRepo(repo, { 'a.txt': 'a\n' });
    git(tmp.path, ['init', '-q', '--bare', remote]);
    git(repo, ['remote', 'add', 'origin', remote]);
    const state = await inspectRepo(repo);
    await createFabricBranch(state, branch, head);
    await addEvidenceNote(repo, head, '{"bundle":true}\n');
  });

  describe('when the remote accepts', () => {
    it('pushes the branch and the notes ref, never forced', async () => {
      const res = await pushBranch({ repoDir: repo, remote: 'origin', branch, run });
      assert.deepEqual(res.pushed.sort(), [`refs/heads/${branch}`, 'refs/notes/fabric']);
      assert.equal(git(remote, ['rev-parse', `refs/heads/${branch}`]), head);
      assert.equal(git(remote, ['notes', '--ref', 'fabric', 'show', head]), '{"bundle":true}');
      const refspecs = calls[0].filter((a) => a.includes(':'));
      assert.ok(refspecs.every((r) => !r.startsWith('+')));
      assert.ok(!calls[0].includes('--force') && !calls[0].includes('-f'));
    });
  });

  describe('when the remote has moved on (non-fast-forward)', () => {
    it('throws GIT_PUSH_REJECTED with rejection non-fast-forward', async () => {
      const other = join(tmp.path, 'other');
      git(tmp.path, ['clone', '-q', remote, other]);
      git(other, ['checkout', '-q', branch]);
      writeFiles(other, { 'b.txt': 'theirs\n' });
      git(other, ['add', '-A']);
      git(other, ['commit', '-q', '-m', 'theirs']);
      git(other, ['push', '-q', 'origin', branch]);

      writeFiles(repo, { 'c.txt': 'ours\n' });
      git(repo, ['checkout', '-q', branch]);
      git(repo, ['add', '-A']);
      git(repo, ['commit', '-q', '-m', 'ours']);
      await assert.rejects(pushBranch({ repoDir: repo, remote: 'origin', branch, run }), (e: unknown) => {
        return isFabricError(e, 'GIT_PUSH_REJECTED') && (e as FabricError).data?.rejection === 'non-fast-forward';
      });
    });
  });

  describe('when the remote is not configured', () => {
    it('throws GIT_NO_REMOTE without running git', async () => {
      const before = calls.length;
      await assert.rejects(pushBranch({ repoDir: repo, remote: 'upstream', branch, run }), (e: unknown) => isFabricError(e, 'GIT_NO_REMOTE'));
      assert.equal(calls.length, before);
    });
  });

  describe('when the branch is not a fabric/ branch', () => {
    it('throws GIT_PROTECTED_REF without running git', async () => {
      const before = calls.length;
      await assert.rejects(pushBranch({ repoDir: repo, remote: 'origin', branch: 'main', run }), (e: unknown) => isFabricError(e, 'GIT_PROTECTED_REF'));
      assert.equal(calls.length, before);
    });
  });

  describe('when the runner reports other failures', () => {
    it('maps a declined hook and an auth failure to GIT_PUSH_REJECTED, anything else to GIT_FAILED', async () => {
      const fake = (exitCode: number | null, stdout: string, stderr: string): HostGitRunner => async () => ({ exitCode, stdout, stderr });
      const hook = fake(1, `To x\n!\trefs/heads/${branch}:refs/heads/${branch}\t[remote rejected] (pre-receive hook declined)\nDone\n`, '');
      await assert.rejects(pushBranch({ repoDir: repo, remote: 'origin', branch, run: hook }), (e: unknown) => isFabricError(e, 'GIT_PUSH_REJECTED') && e.data?.rejection === 'hook-declined');
      const auth = fake(128, '', 'remote: Invalid username or password.\nfatal: Authentication failed for https://example.invalid/\n');
      await assert.rejects(pushBranch({ repoDir: repo, remote: 'origin', branch, run: auth }), (e: unknown) => isFabricError(e, 'GIT_PUSH_REJECTED') && e.data?.rejection === 'auth-failed');
      await assert.rejects(pushBranch({ repoDir: repo, remote: 'origin', branch, run: fake(null, '', '') }), (e: unknown) => isFabricError(e, 'GIT_FAILED'));
      await assert.rejects(pushBranch({ repoDir: repo, remote: 'origin', branch, run: fake(128, '', 'fatal: unable to access') }), (e: unknown) => isFabricError(e, 'GIT_FAILED'));
    });
  });
});
