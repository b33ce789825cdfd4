import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { savePendingToken, type ApprovalToken } from '../../../src/runtime/approvals';
import { tokenSigningPayload } from '../../../src/runtime/approvals/tokenPayload';
import { verifyEventLog, type FabricEvent } from '../../../src/runtime/events';
import { loadKey } from '../../../src/runtime/keys';
import { describePush } from '../../../src/runtime/pipeline/pushFix';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { git } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { cli, cliContext, ensureBuilt, exploreFix, fabricProcess, makeTextkitRepo, readEvents, refsOf, shiftedClock } from './helpers';

describe('#push', () => {
  const tmp = makeTempDir('fabric-cli-push-');
  after(() => tmp.cleanup());
  const home = join(tmp.path, 'home');
  const ctx = cliContext(home);
  const repo = join(tmp.path, 'textkit');
  const origin = join(tmp.path, 'origin.git');
  const other = join(tmp.path, 'other.git');
  let result: FixResult;
  let pendingPath = '';

  before(async () => {
    ensureBuilt();
    makeTextkitRepo(repo);
    git(tmp.path, ['init', '-q', '--bare', origin]);
    git(tmp.path, ['init', '-q', '--bare', other]);
    git(repo, ['remote', 'add', 'origin', origin]);
    git(repo, ['remote', 'add', 'other', other]);
    result = await exploreFix(ctx, repo);
    pendingPath = join(home, 'approvals', 'pending', `${result.trace_id}.push.token`);
  });

  async function approve(remote = 'origin'): Promise<void> {
    const run = await cli(['approve', '--trace', result.trace_id, '--remote', remote], ctx, { cwd: repo, isInteractive: true, answers: ['yes'] });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(pendingPath));
  }

  async function push(argv: string[] = [], c = ctx): Promise<{ code: number; stdout: string; stderr: string; events: FabricEvent[] }> {
    const since = readEvents(result.events_path).length;
    const run = await cli(['push', '--trace', result.trace_id, ...argv], c, { cwd: repo });
    return { ...run, events: readEvents(result.events_path).slice(since) };
  }

  /** The refusal's code is on stderr, the remotes are unchanged, and the trace log records it and still verifies. */
  function assertRefused(run: Awaited<ReturnType<typeof push>>, code: string, exit: number, remotesBefore: string[]): void {
    assert.equal(run.code, exit, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(run.stderr.split('\n')[0].endsWith(`[${code}]`), run.stderr);
    assert.deepEqual([refsOf(origin), refsOf(other)], remotesBefore, 'nothing arrived at any remote');
    const recorded = run.events.some(
      (e) =>
        e.capability_id === 'git.push' &&
        ((e.action_type === 'error' && e.payload.code === code) || (e.action_type === 'policy_decision' && e.payload.decision === 'deny')),
    );
    assert.ok(recorded, `refusal recorded in the trace log: ${JSON.stringify(run.events.map((e) => [e.action_type, e.payload.code ?? e.payload.decision]))}`);
    assert.ok(!run.events.some((e) => e.action_type === 'tool_call'), 'git push never ran');
    assert.equal(verifyEventLog(result.trace_dir).ok, true);
  }

  const remotes = (): string[] => [refsOf(origin), refsOf(other)];

  describe('when nothing was approved', () => {
    it('exits 1 (GATE_APPROVAL_REQUIRED), nothing arrives, and the deny is in the log', async () => {
      const before = remotes();
      assert.deepEqual(before, ['', '']);
      const run = await push();
      assertRefused(run, 'GATE_APPROVAL_REQUIRED', 1, before);
      const decision = run.events.find((e) => e.action_type === 'policy_decision');
      assert.equal(decision?.payload.decision, 'deny');
      assert.ok((decision?.payload.policy_ids as string[]).includes('push-requires-approval'));
    });
  });

  describe('when the token was approved for origin but the push names another remote', () => {
    it('exits 1 (APPROVAL_MISMATCH) and neither remote changes', async () => {
      await approve('origin');
      const before = remotes();
      assertRefused(await push(['--remote', 'other']), 'APPROVAL_MISMATCH', 1, before);
    });
  });

  describe('when the token is signed with a role key instead of the operator key', () => {
    it('exits 1 (APPROVAL_INVALID)', async () => {
      const verifier = loadKey(home, 'verifier');
      const unsigned: Omit<ApprovalToken, 'sig'> = {
        v: 1,
        action: 'push',
        trace_id: result.trace_id,
        args_digest: describePush({ repoDir: repo, traceId: result.trace_id, remote: 'origin' }).args_digest,
        nonce: randomBytes(16).toString('hex'),
        exp: new Date(Date.now() + 10 * 60_000).toISOString(),
      };
      const sig = nacl.sign.detached(tokenSigningPayload(unsigned), verifier.secretKey);
      savePendingToken(home, { ...unsigned, sig: { keyid: verifier.keyid, sig: Buffer.from(sig).toString('base64') } });
      const before = remotes();
      assertRefused(await push(), 'APPROVAL_INVALID', 1, before);
    });
  });

  describe('when the pending token file is not a token', () => {
    it('exits 1 (APPROVAL_INVALID)', async () => {
      await approve();
      writeFileSync(pendingPath, 'not-a-token\n');
      const before = remotes();
      assertRefused(await push(), 'APPROVAL_INVALID', 1, before);
    });
  });

  describe('when the branch moved after the approval', () => {
    it('exits 1 (APPROVAL_MISMATCH) and pushes nothing', async () => {
      await approve();
      const branchRef = `refs/heads/${result.branch}`;
      const tree = git(repo, ['rev-parse', `${result.commit}^{tree}`]);
      const moved = git(repo, ['commit-tree', tree, '-p', result.commit as string, '-m', 'sneaked in after approval']);
      git(repo, ['update-ref', branchRef, moved]);
      try {
        const before = remotes();
        assertRefused(await push(), 'APPROVAL_MISMATCH', 1, before);
      } finally {
        git(repo, ['update-ref', branchRef, result.commit as string]);
      }
    });
  });

  describe('when approved, as a real process', () => {
    let savedToken = '';
    let stdout = '';
    let status: number | null = null;
    let logBefore = 0;

    before(async () => {
      await approve();
      savedToken = join(tmp.path, 'used.token');
      copyFileSync(pendingPath, savedToken);
      logBefore = readEvents(result.events_path).length;
      const p = fabricProcess(['push', '--trace', result.trace_id, '--json'], { cwd: repo, fabricHome: home });
      status = p.status;
      stdout = p.stdout;
      assert.equal(p.status, 0, p.stderr);
    });

    it('exits 0 with the pushed refs as JSON', () => {
      assert.equal(status, 0);
      const out = JSON.parse(stdout) as { ok: boolean; pushed: string[] };
      assert.equal(out.ok, true);
      assert.deepEqual([...out.pushed].sort(), [`refs/heads/${result.branch}`, 'refs/notes/fabric']);
    });

    it('delivers the branch and refs/notes/fabric to the bare remote, and nothing else', () => {
      assert.equal(git(origin, ['rev-parse', `refs/heads/${result.branch}`]), result.commit);
      const refs = refsOf(origin)
        .split('\n')
        .map((l) => l.split(' ')[1])
        .sort();
      assert.deepEqual(refs, [`refs/heads/${result.branch}`, 'refs/notes/fabric']);
      assert.equal(refsOf(other), '');
      assert.equal(git(origin, ['notes', '--ref', 'fabric', 'show', result.commit as string]), readFileSync(result.bundle_path as string, 'utf8').trim());
    });

    it('git verify-commit in the remote accepts the commit', async () => {
      const signers = join(tmp.path, 'allowed_signers');
      writeFileSync(signers, (await cli(['keys', 'allowed-signers'], ctx, { cwd: repo })).stdout);
      git(origin, ['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'verify-commit', result.commit as string]);
      assert.equal(git(origin, ['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'log', '-1', '--format=%G?', result.commit as string]), 'G');
    });

    it('records the approval, the allowing decision, the call and its result', () => {
      const events = readEvents(result.events_path).slice(logBefore).filter((e) => e.capability_id === 'git.push');
      assert.deepEqual(
        events.map((e) => e.action_type),
        ['approval_decision', 'policy_decision', 'tool_call', 'tool_result'],
      );
      assert.equal(events[0].payload.valid, true);
      assert.equal(events[1].payload.decision, 'allow');
      assert.equal(verifyEventLog(result.trace_dir).ok, true);
      assert.ok(!existsSync(pendingPath), 'the token was taken');
    });

    describe('when pushed again without a new approval', () => {
      it('exits 1 (GATE_APPROVAL_REQUIRED) as a process too, and the remote is unchanged', () => {
        const before = remotes();
        const p = fabricProcess(['push', '--trace', result.trace_id], { cwd: repo, fabricHome: home });
        assert.equal(p.status, 1);
        assert.equal(p.stdout, '');
        assert.ok(p.stderr.split('\n')[0].endsWith('[GATE_APPROVAL_REQUIRED]'), p.stderr);
        assert.deepEqual(remotes(), before);
      });
    });

    describe('when the same token is presented again', () => {
      it('exits 1 (APPROVAL_REUSED)', async () => {
        copyFileSync(savedToken, pendingPath);
        const before = remotes();
        assertRefused(await push(), 'APPROVAL_REUSED', 1, before);
      });
    });
  });

  describe('when the remote is not configured', () => {
    it('refuses to approve a push to it (a token that could never be used)', async () => {
      const run = await cli(['approve', '--trace', result.trace_id, '--remote', 'nowhere'], ctx, { cwd: repo, isInteractive: true, answers: ['yes'] });
      assert.equal(run.code, 2, run.stderr);
      assert.ok(run.stderr.split('\n')[0].endsWith('[GIT_NO_REMOTE]'), run.stderr);
    });

    it('exits 2 (GIT_NO_REMOTE), recorded in the log, and keeps an approval for the right remote', async () => {
      await approve();
      const before = remotes();
      const run = await push(['--remote', 'nowhere']);
      assert.equal(run.code, 2, run.stderr);
      assert.ok(run.stderr.split('\n')[0].endsWith('[GIT_NO_REMOTE]'), run.stderr);
      assert.deepEqual(remotes(), before);
      assert.ok(run.events.some((e) => e.action_type === 'error' && e.capability_id === 'git.push' && e.payload.code === 'GIT_NO_REMOTE'));
      assert.equal(verifyEventLog(result.trace_dir).ok, true);
      assert.ok(existsSync(join(home, 'approvals', 'pending', `${result.trace_id}.push.token`)), 'the approval for origin is kept');
    });
  });

  describe('when the token has expired', () => {
    it('exits 1 (APPROVAL_EXPIRED) for a push an hour after the approval', async () => {
      await approve();
      const before = remotes();
      assertRefused(await push([], cliContext(home, shiftedClock(60 * 60_000))), 'APPROVAL_EXPIRED', 1, before);
    });
  });
});
