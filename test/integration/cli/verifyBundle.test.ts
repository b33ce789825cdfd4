import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceReport } from '../../../src/runtime/audit/verifyEvidence';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { makeRepo } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { cli, cliContext, exploreFix, makeTextkitRepo } from './helpers';

type Bundle = Record<string, unknown> & {
  regression_score: number;
  signatures: Record<'verifier' | 'policy_engine', { keyid: string; sig: string }>;
  phases: { compile: { verified_diff_sha: string } };
};

/** Changes one base64 character of `sig` to another valid one (so the text still decodes). */
function flipBase64Char(sig: string, at: number): string {
  const c = sig[at];
  return sig.slice(0, at) + (c === 'A' ? 'B' : 'A') + sig.slice(at + 1);
}

function failing(report: EvidenceReport): { name: string; field?: string; line?: number }[] {
  return report.checks.filter((c) => !c.ok).map((c) => ({ name: c.name, ...(c.field ? { field: c.field } : {}), ...(c.line !== undefined ? { line: c.line } : {}) }));
}

describe('#verify-bundle', () => {
  const tmp = makeTempDir('fabric-cli-verify-');
  after(() => tmp.cleanup());
  const home = join(tmp.path, 'home');
  const ctx = cliContext(home);
  const repo = join(tmp.path, 'textkit');
  let result: FixResult;
  let bundleText = '';

  before(async () => {
    makeTextkitRepo(repo);
    result = await exploreFix(ctx, repo);
    bundleText = readFileSync(result.bundle_path as string, 'utf8');
  });

  /** Writes a changed copy of the bundle into its own folder (no event log beside it) and verifies it. */
  async function verifyChanged(name: string, change: (b: Bundle) => void): Promise<{ code: number; report: EvidenceReport }> {
    const dir = join(tmp.path, 'changed', name);
    mkdirSync(dir, { recursive: true });
    const bundle = JSON.parse(bundleText) as Bundle;
    change(bundle);
    const path = join(dir, 'evidence.json');
    writeFileSync(path, JSON.stringify(bundle, null, 2));
    const run = await cli(['verify-bundle', path, '--workspace', repo, '--json'], ctx, { cwd: tmp.path });
    return { code: run.code, report: JSON.parse(run.stdout) as EvidenceReport };
  }

  describe('when the bundle is the real one, beside its event log', () => {
    it('exits 0 and every check passes, the commit and the event log included', async () => {
      const run = await cli(['verify-bundle', result.bundle_path as string, '--json'], ctx, { cwd: tmp.path });
      assert.equal(run.code, 0, run.stdout);
      const report = JSON.parse(run.stdout) as EvidenceReport;
      assert.equal(report.ok, true);
      assert.equal(report.trace_id, result.trace_id);
      assert.equal(report.commit, result.commit);
      const names = report.checks.map((c) => c.name);
      for (const n of ['schema', 'signature.verifier', 'signature.policy_engine', 'diff_digest', 'event_log', 'outcome', 'commit.parent', 'commit.trace', 'commit.evidence', 'commit.signature']) {
        assert.ok(names.includes(n), n);
      }
      assert.deepEqual(failing(report), []);
    });

    it('exits 0 in human form too, with nothing on stderr', async () => {
      const run = await cli(['verify-bundle', result.bundle_path as string], ctx, { cwd: repo });
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
      assert.throws(() => JSON.parse(run.stdout));
    });
  });

  describe('when a byte of a signature is flipped', () => {
    it('exits 1 and names signatures.verifier.sig', async () => {
      const { code, report } = await verifyChanged('sig', (b) => {
        b.signatures.verifier.sig = flipBase64Char(b.signatures.verifier.sig, 10);
      });
      assert.equal(code, 1);
      assert.equal(report.ok, false);
      assert.deepEqual(
        failing(report).filter((f) => f.name.startsWith('signature.')),
        [{ name: 'signature.verifier', field: 'signatures.verifier.sig' }],
      );
    });
  });

  describe('when regression_score is changed', () => {
    it('exits 1 and names regression_score (and both signatures fail)', async () => {
      const { code, report } = await verifyChanged('regression', (b) => {
        b.regression_score = 1;
      });
      assert.equal(code, 1);
      const fields = failing(report).map((f) => f.field);
      assert.ok(fields.includes('regression_score'), JSON.stringify(fields));
      assert.ok(fields.includes('signatures.verifier.sig') && fields.includes('signatures.policy_engine.sig'));
    });
  });

  describe('when phases.compile.verified_diff_sha is changed', () => {
    it('exits 1 and names phases.compile.verified_diff_sha', async () => {
      const { code, report } = await verifyChanged('diff', (b) => {
        b.phases.compile.verified_diff_sha = `sha256:${'0'.repeat(64)}`;
      });
      assert.equal(code, 1);
      const diff = report.checks.find((c) => c.name === 'diff_digest');
      assert.equal(diff?.ok, false);
      assert.equal(diff?.field, 'phases.compile.verified_diff_sha');
    });
  });

  describe('when the bundle sits beside a tampered copy of its event log', () => {
    it('exits 1 and names the line whose byte was flipped', async () => {
      const dir = join(tmp.path, 'tampered-log');
      cpSync(result.trace_dir, dir, { recursive: true });
      const logPath = join(dir, 'agent_events.jsonl');
      const lines = readFileSync(logPath, 'utf8').split('\n');
      const target = 5; // 1-based line number
      const line = lines[target - 1];
      const at = line.indexOf('"agent_id":"') + '"agent_id":"'.length;
      lines[target - 1] = line.slice(0, at) + (line[at] === 'x' ? 'y' : 'x') + line.slice(at + 1);
      writeFileSync(logPath, lines.join('\n'));

      const run = await cli(['verify-bundle', join(dir, 'evidence.json'), '--workspace', repo, '--json'], ctx, { cwd: tmp.path });
      assert.equal(run.code, 1);
      const report = JSON.parse(run.stdout) as EvidenceReport;
      const eventLog = report.checks.find((c) => c.name === 'event_log');
      assert.equal(eventLog?.ok, false);
      assert.equal(eventLog?.line, target);
      assert.equal(typeof eventLog?.field, 'string');
      assert.deepEqual(
        failing(report).map((f) => f.name),
        ['event_log'],
        'everything else still verifies',
      );
    });

    it('exits 1 when the log is cut short before the signed head', async () => {
      const dir = join(tmp.path, 'short-log');
      cpSync(result.trace_dir, dir, { recursive: true });
      const logPath = join(dir, 'agent_events.jsonl');
      const lines = readFileSync(logPath, 'utf8').split('\n').filter((l) => l !== '');
      writeFileSync(logPath, lines.slice(0, 3).join('\n') + '\n');
      const run = await cli(['verify-bundle', join(dir, 'evidence.json'), '--workspace', repo, '--json'], ctx, { cwd: tmp.path });
      assert.equal(run.code, 1);
      const report = JSON.parse(run.stdout) as EvidenceReport;
      assert.equal(report.checks.find((c) => c.name === 'event_log')?.field, 'event_log.count');
    });
  });

  describe('when the commit it names is not in the repository', () => {
    it('exits 1 and names the commit field', async () => {
      const other = join(tmp.path, 'other-repo');
      makeRepo(other, { 'README.md': 'another project\n' });
      const path = join(other, 'evidence.json');
      writeFileSync(path, bundleText);
      const run = await cli(['verify-bundle', path, '--json'], ctx, { cwd: other });
      assert.equal(run.code, 1);
      const report = JSON.parse(run.stdout) as EvidenceReport;
      assert.deepEqual(failing(report), [{ name: 'commit', field: 'commit' }]);
    });
  });

  describe('when the keys are not the ones that signed', () => {
    it('exits 1 and names the untrusted key ids', async () => {
      const strangerHome = join(tmp.path, 'stranger-home');
      const stranger = cliContext(strangerHome);
      assert.equal((await cli(['keys', 'init'], stranger, { cwd: tmp.path })).code, 0);
      const run = await cli(['verify-bundle', result.bundle_path as string, '--json'], stranger, { cwd: tmp.path });
      assert.equal(run.code, 1);
      const fields = failing(JSON.parse(run.stdout) as EvidenceReport).map((f) => f.field);
      assert.ok(fields.includes('signatures.verifier.keyid') && fields.includes('signatures.policy_engine.keyid'), JSON.stringify(fields));
    });
  });

  describe('when a CI machine trusts only the public keys (trusted_keys.json)', () => {
    it('exits 0 without any private key', async () => {
      const ciHome = join(tmp.path, 'ci-home');
      mkdirSync(ciHome, { recursive: true });
      const shown = JSON.parse((await cli(['keys', 'show', '--json'], ctx, { cwd: tmp.path })).stdout) as { keys: { role: string; openssh: string }[] };
      writeFileSync(join(ciHome, 'trusted_keys.json'), JSON.stringify({ keys: shown.keys.map((k) => ({ role: k.role, openssh: k.openssh })) }), { mode: 0o644 });
      const run = await cli(['verify-bundle', result.bundle_path as string, '--json'], cliContext(ciHome), { cwd: tmp.path });
      assert.equal(run.code, 0, run.stdout);
    });
  });

  describe('when PATH is the trace folder', () => {
    it('verifies the evidence.json inside it, exit 0', async () => {
      const run = await cli(['verify-bundle', result.trace_dir, '--json'], ctx, { cwd: tmp.path });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal((JSON.parse(run.stdout) as EvidenceReport).trace_id, result.trace_id);
    });

    it('exits 2 (USAGE_INVALID) for a folder without an evidence.json', async () => {
      const run = await cli(['verify-bundle', repo], ctx, { cwd: tmp.path });
      assert.equal(run.code, 2);
      assert.ok(run.stderr.split('\n')[0].endsWith('[USAGE_INVALID]'), run.stderr);
    });
  });

  describe('when --workspace is not a git repository', () => {
    it('exits 2 (WORKSPACE_NOT_GIT) instead of checking another repository', async () => {
      const plain = join(tmp.path, 'plain');
      mkdirSync(plain, { recursive: true });
      const run = await cli(['verify-bundle', result.bundle_path as string, '--workspace', plain], ctx, { cwd: repo });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.ok(run.stderr.split('\n')[0].endsWith('[WORKSPACE_NOT_GIT]'), run.stderr);
    });
  });

  describe('when the path does not exist', () => {
    it('exits 2 (USAGE_INVALID) with nothing on stdout', async () => {
      const run = await cli(['verify-bundle', join(tmp.path, 'nope', 'evidence.json'), '--json'], ctx, { cwd: tmp.path });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.ok(run.stderr.split('\n')[0].endsWith('[USAGE_INVALID]'), run.stderr);
    });

    it('exits 2 when no path is given', async () => {
      const run = await cli(['verify-bundle'], ctx, { cwd: tmp.path });
      assert.equal(run.code, 2);
    });
  });
});
