/**
 * Repos are hostile input (ARCHITECTURE §6): a run must never execute the repository's git hooks or
 * config-driven commands on the host. The repo below has every standard hook, an fsmonitor hook,
 * a clean/smudge filter and signing programs, each writing a marker file when run. After a
 * successful run no marker exists; a negative control then runs plain git to show they are live.
 * A committed `.fabric` symlink must not redirect Fabric's own writes out of the repository.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { git } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { commitAll, DEMO_TEXTKIT, fabricContext, makeTextkitRepo, rawGit, runOn } from './helpers';

const HOOKS = [
  'applypatch-msg', 'pre-applypatch', 'post-applypatch', 'pre-commit', 'pre-merge-commit', 'prepare-commit-msg', 'commit-msg',
  'post-commit', 'pre-rebase', 'post-checkout', 'post-merge', 'pre-push', 'pre-receive', 'update', 'proc-receive',
  'post-receive', 'post-update', 'reference-transaction', 'push-to-checkout', 'pre-auto-gc', 'post-rewrite',
  'sendemail-validate', 'post-index-change',
];

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('#runFix', () => {
  const tmp = makeTempDir('fabric-pipeline-hostile-');
  const repo = join(tmp.path, 'textkit');
  const markers = join(tmp.path, 'markers');
  const gitDir = join(repo, '.git');
  let result: FixResult;
  let markersAfterRun: string[] = [];

  before(async () => {
    makeTextkitRepo(repo);
    mkdirSync(markers);
    mkdirSync(join(gitDir, 'hooks'), { recursive: true });
    for (const hook of HOOKS) script(join(gitDir, 'hooks', hook), `echo "$0 $*" > '${markers}/hook-${hook}'`);
    const fsmonitor = script(join(gitDir, 'fsmonitor-hook'), `echo "$*" > '${markers}/fsmonitor'\nexit 1`);
    const filter = script(join(gitDir, 'filter-hook'), `echo "$*" > '${markers}/filter-$1'\ncat`);
    const signer = script(join(gitDir, 'sign-hook'), `echo "$*" > '${markers}/signer'\nexit 1`);
    git(repo, ['config', 'core.fsmonitor', fsmonitor]);
    git(repo, ['config', 'filter.evil.clean', `${filter} clean`]);
    git(repo, ['config', 'filter.evil.smudge', `${filter} smudge`]);
    git(repo, ['config', 'filter.evil.required', 'true']);
    git(repo, ['config', 'gpg.program', signer]);
    git(repo, ['config', 'gpg.ssh.program', signer]);
    git(repo, ['config', 'commit.gpgsign', 'true']);
    mkdirSync(join(gitDir, 'info'), { recursive: true });
    writeFileSync(join(gitDir, 'info', 'attributes'), '* filter=evil\n');

    const run = await runOn(fabricContext(join(tmp.path, 'home')), { workspace: repo });
    // Read the markers before any other git command of this test can run something.
    markersAfterRun = readdirSync(markers);
    assert.ok(run.result, `runFix threw ${run.error?.code}: ${run.error?.message}`);
    result = run.result;
  });
  after(() => tmp.cleanup());

  describe('when the repo has git hooks, an fsmonitor hook, filters and signing programs', () => {
    it('still fixes it and commits on the fabric/ branch', () => {
      assert.equal(result.outcome, 'success', result.reason);
      assert.equal(git(repo, ['rev-parse', `refs/heads/${result.branch}`]), result.commit);
    });

    it('runs none of them: no marker exists after the run', () => {
      assert.deepEqual(markersAfterRun, []);
    });

    it('(negative control) plain git does run them, so the traps were live', () => {
      rawGit(repo, ['status', '--porcelain']);
      rawGit(repo, ['checkout', '-q', '-b', 'control']);
      try {
        rawGit(repo, ['commit', '-q', '--allow-empty', '-m', 'control']);
      } catch {
        // gpg.program refuses to sign: the commit fails, after pre-commit and the signer ran.
      }
      const seen = readdirSync(markers);
      for (const marker of ['fsmonitor', 'hook-post-checkout', 'hook-pre-commit', 'signer']) {
        assert.ok(seen.includes(marker), `${marker} never ran (seen: ${seen.join(', ')})`);
      }
      assert.ok(existsSync(join(markers, 'hook-reference-transaction')));
    });
  });

  describe('when the repo commits .fabric (or .fabric/traces) as a symlink out of the repo', () => {
    for (const link of ['.fabric', '.fabric/traces']) {
      it(`refuses with CONFIG_INVALID for ${link} and writes nothing through it`, async () => {
        const base = join(tmp.path, `link-${link.replace(/\W/g, '')}`);
        const outside = join(base, 'outside');
        const linked = join(base, 'repo');
        mkdirSync(outside, { recursive: true });
        cpSync(DEMO_TEXTKIT, linked, { recursive: true });
        mkdirSync(join(linked, '.fabric'), { recursive: true });
        if (link === '.fabric') rmSync(join(linked, '.fabric'), { recursive: true });
        symlinkSync(relative(dirname(join(linked, link)), outside), join(linked, link));
        commitAll(linked);
        const run = await runOn(fabricContext(join(tmp.path, 'home')), { workspace: linked });
        assert.equal(run.error?.code, 'CONFIG_INVALID');
        assert.deepEqual(readdirSync(outside), []);
        assert.ok(lstatSync(join(linked, link)).isSymbolicLink());
      });
    }

    it('never writes .fabric/.gitignore through a dangling symlink', async () => {
      const base = join(tmp.path, 'link-gitignore');
      const linked = join(base, 'repo');
      const target = join(base, 'outside', 'planted');
      mkdirSync(dirname(target), { recursive: true });
      cpSync(DEMO_TEXTKIT, linked, { recursive: true });
      mkdirSync(join(linked, '.fabric'));
      symlinkSync(relative(join(linked, '.fabric'), target), join(linked, '.fabric', '.gitignore'));
      commitAll(linked);
      // `true` passes at once: the run ends after the baseline, with nothing to fix.
      const run = await runOn(fabricContext(join(tmp.path, 'home')), { workspace: linked, testCommand: 'true' });
      assert.equal(run.result?.outcome, 'no_fix', run.error?.message);
      assert.equal(existsSync(target), false);
    });
  });
});
