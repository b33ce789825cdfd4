import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceReport } from '../../../src/runtime/audit/verifyEvidence';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { git, writeFiles } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { cli, cliContext, exploreFix, makeTextkitRepo } from './helpers';

interface GateOutput {
  ok: boolean;
  range: string;
  commits: { commit: string; trace_id: string | null; source: 'note' | 'trace' | null; ok: boolean; report?: EvidenceReport }[];
}

describe('#gate', () => {
  const tmp = makeTempDir('fabric-cli-gate-');
  after(() => tmp.cleanup());
  const home = join(tmp.path, 'home');
  const ctx = cliContext(home);
  const repo = join(tmp.path, 'textkit');
  let result: FixResult;
  let branch = '';

  before(async () => {
    makeTextkitRepo(repo);
    result = await exploreFix(ctx, repo);
    branch = result.branch as string;
  });

  async function gate(range: string, cwd = repo, c = ctx): Promise<{ code: number; out: GateOutput; stderr: string }> {
    const run = await cli(['gate', '--range', range, '--json'], c, { cwd });
    return { code: run.code, out: run.code === 2 ? (undefined as unknown as GateOutput) : (JSON.parse(run.stdout) as GateOutput), stderr: run.stderr };
  }

  /** A new branch `name` at `from` with one more commit whose message is `message`. */
  function commitOn(name: string, from: string, message: string): string {
    git(repo, ['branch', name, from]);
    git(repo, ['checkout', '-q', name]);
    writeFiles(repo, { [`notes/${name.replace(/\//g, '-')}.txt`]: `${name}\n` });
    git(repo, ['add', 'notes']);
    git(repo, ['commit', '-q', '-m', message]);
    const oid = git(repo, ['rev-parse', 'HEAD']);
    git(repo, ['checkout', '-q', 'main']);
    return oid;
  }

  describe('when the range holds the Fabric commit', () => {
    it('passes (exit 0), verified from the evidence note', async () => {
      const { code, out } = await gate(`main..${branch}`);
      assert.equal(code, 0, JSON.stringify(out, null, 2));
      assert.equal(out.ok, true);
      assert.equal(out.commits.length, 1);
      assert.deepEqual([out.commits[0].commit, out.commits[0].trace_id, out.commits[0].source, out.commits[0].ok], [result.commit, result.trace_id, 'note', true]);
    });

    it('passes in human form too', async () => {
      const run = await cli(['gate', '--range', `main..${branch}`], ctx, { cwd: repo });
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
    });
  });

  describe('when a plain (non-Fabric) commit sits on top', () => {
    it('still passes: the plain commit is not a Fabric commit', async () => {
      const plain = commitOn('feature/on-top', branch, 'docs: a plain commit');
      const { code, out } = await gate('main..feature/on-top');
      assert.equal(code, 0);
      assert.deepEqual(
        out.commits.map((c) => [c.commit, c.trace_id, c.ok]),
        [
          [plain, null, true],
          [result.commit, result.trace_id, true],
        ],
      );
    });
  });

  describe('when a commit carries a forged Fabric-Trace trailer and there is no bundle', () => {
    it('fails (exit 1) on that commit', async () => {
      const forged = commitOn('forged/no-bundle', 'main', 'fix: trust me\n\nFabric-Trace: 0badc0de-0000-4000-8000-000000000000');
      const { code, out } = await gate('main..forged/no-bundle');
      assert.equal(code, 1);
      assert.equal(out.ok, false);
      assert.deepEqual(out.commits.map((c) => [c.commit, c.trace_id, c.source, c.ok]), [[forged, '0badc0de-0000-4000-8000-000000000000', null, false]]);
    });
  });

  describe('when the bundle found for a commit names another commit', () => {
    it('fails when the trailer borrows the real trace id (bundle from the trace folder)', async () => {
      const forged = commitOn('forged/borrowed-trace', 'main', `fix: borrowed\n\nFabric-Trace: ${result.trace_id}`);
      const { code, out } = await gate('main..forged/borrowed-trace');
      assert.equal(code, 1);
      const entry = out.commits[0];
      assert.deepEqual([entry.commit, entry.source, entry.ok], [forged, 'trace', false]);
      const failed = entry.report?.checks.filter((c) => !c.ok).map((c) => c.name) ?? [];
      assert.ok(failed.includes('commit.expected'), JSON.stringify(failed));
      assert.equal(entry.report?.checks.find((c) => c.name === 'commit.expected')?.field, 'commit');
    });

    it('fails when the real bundle is attached as the note of another commit', async () => {
      const forged = commitOn('forged/copied-note', 'main', `fix: copied\n\nFabric-Trace: ${result.trace_id}`);
      const noteFile = join(tmp.path, 'note.json');
      writeFileSync(noteFile, readFileSync(result.bundle_path as string));
      git(repo, ['notes', '--ref', 'fabric', 'add', '-f', '-F', noteFile, forged]);
      const { code, out } = await gate('main..forged/copied-note');
      assert.equal(code, 1);
      const entry = out.commits[0];
      assert.deepEqual([entry.commit, entry.source, entry.ok], [forged, 'note', false]);
      assert.equal(entry.report?.checks.find((c) => c.name === 'commit.expected')?.ok, false);
    });
  });

  describe('when CI checks a clone that has only the pushed refs, the notes and the public keys', () => {
    it('passes for origin/main..origin/<branch> from the note alone', async () => {
      const clone = join(tmp.path, 'ci-clone');
      git(tmp.path, ['clone', '-q', repo, clone]);
      git(clone, ['fetch', '-q', 'origin', 'refs/notes/fabric:refs/notes/fabric']);
      const ciHome = join(tmp.path, 'ci-home');
      mkdirSync(ciHome);
      const shown = JSON.parse((await cli(['keys', 'show', '--json'], ctx, { cwd: tmp.path })).stdout) as { keys: { role: string; openssh: string }[] };
      writeFileSync(join(ciHome, 'trusted_keys.json'), JSON.stringify({ keys: shown.keys.map((k) => ({ role: k.role, openssh: k.openssh })) }), { mode: 0o644 });
      const { code, out } = await gate(`origin/main..origin/${branch}`, clone, cliContext(ciHome));
      assert.equal(code, 0, JSON.stringify(out, null, 2));
      assert.deepEqual(out.commits.map((c) => [c.commit, c.source, c.ok]), [[result.commit, 'note', true]]);
    });
  });

  describe('when the range is not a range or names an unknown revision', () => {
    it('exits 2 (USAGE_INVALID)', async () => {
      for (const range of ['main', 'main..no-such-branch', 'no-such-branch..main']) {
        const run = await cli(['gate', '--range', range], ctx, { cwd: repo });
        assert.equal(run.code, 2, `${range}: ${run.stderr}`);
        assert.equal(run.stdout, '');
        assert.ok(run.stderr.split('\n')[0].endsWith('[USAGE_INVALID]'), run.stderr);
      }
    });

    it('exits 2 without --range', async () => {
      const run = await cli(['gate'], ctx, { cwd: repo });
      assert.equal(run.code, 2);
    });
  });
});
