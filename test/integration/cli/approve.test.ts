import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeApprovalToken } from '../../../src/runtime/approvals';
import { verifyEventLog } from '../../../src/runtime/events';
import { loadKey } from '../../../src/runtime/keys';
import { describePush } from '../../../src/runtime/pipeline/pushFix';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { makeTempDir } from '../../helpers/tmp';
import { git } from '../../helpers/gitRepo';
import { cli, cliContext, ensureBuilt, exploreFix, fabricProcess, makeTextkitRepo, readEvents, shiftedClock } from './helpers';

describe('#approve', () => {
  const tmp = makeTempDir('fabric-cli-approve-');
  after(() => tmp.cleanup());
  const home = join(tmp.path, 'home');
  const ctx = cliContext(home);
  const repo = join(tmp.path, 'textkit');
  let result: FixResult;
  let pendingPath = '';

  before(async () => {
    makeTextkitRepo(repo);
    // approve checks that the remote exists (a token for a missing remote could never be used)
    git(repo, ['init', '-q', '--bare', join(tmp.path, 'origin.git')]);
    git(repo, ['remote', 'add', 'origin', join(tmp.path, 'origin.git')]);
    result = await exploreFix(ctx, repo);
    pendingPath = join(home, 'approvals', 'pending', `${result.trace_id}.push.token`);
  });

  const logLength = (): number => readEvents(result.events_path).length;

  describe('when there is no terminal (isInteractive false)', () => {
    it('exits 2 (APPROVAL_NOT_INTERACTIVE), asks nothing, mints nothing, records nothing', async () => {
      const logBefore = logLength();
      const run = await cli(['approve', '--trace', result.trace_id], ctx, { cwd: repo, isInteractive: false, answers: ['yes'] });
      assert.equal(run.code, 2);
      assert.ok(run.stderr.split('\n')[0].endsWith('[APPROVAL_NOT_INTERACTIVE]'), run.stderr);
      assert.deepEqual(run.questions, []);
      assert.equal(run.stdout, '');
      assert.ok(!existsSync(pendingPath));
      assert.equal(logLength(), logBefore);
    });
  });

  describe('when run as a process whose stdin is not a terminal', () => {
    before(() => ensureBuilt());

    it('exits 2 (APPROVAL_NOT_INTERACTIVE) even when "yes" is piped in', () => {
      const logBefore = logLength();
      const p = fabricProcess(['approve', '--trace', result.trace_id], { cwd: repo, fabricHome: home, input: 'yes\n' });
      assert.equal(p.status, 2, p.stderr);
      assert.equal(p.stdout, '');
      assert.ok(p.stderr.split('\n')[0].endsWith('[APPROVAL_NOT_INTERACTIVE]'), p.stderr);
      assert.ok(!existsSync(pendingPath));
      assert.equal(logLength(), logBefore);
    });
  });

  describe('when the arguments are wrong', () => {
    for (const [what, argv] of [
      ['no --trace', ['approve']],
      ['an action that cannot be approved here', ['approve', '--trace', 'TRACE', '--action', 'force_push']],
      ['an unknown trace', ['approve', '--trace', '0badc0de-0000-4000-8000-000000000000']],
      ['a trace id that is not a safe name', ['approve', '--trace', '../../etc']],
    ] as const) {
      it(`exits 2 (USAGE_INVALID) for ${what}`, async () => {
        const a = argv.map((x) => (x === 'TRACE' ? result.trace_id : x));
        const run = await cli(a, ctx, { cwd: repo, isInteractive: true, answers: ['yes'] });
        assert.equal(run.code, 2, run.stderr);
        assert.ok(run.stderr.split('\n')[0].endsWith('[USAGE_INVALID]'), run.stderr);
        assert.ok(!existsSync(pendingPath));
      });
    }
  });

  describe('when the operator answers yes on a terminal', () => {
    let run: Awaited<ReturnType<typeof cli>>;
    let logBefore = 0;

    before(async () => {
      logBefore = logLength();
      run = await cli(['approve', '--trace', result.trace_id], ctx, { cwd: repo, isInteractive: true, answers: ['yes'] });
    });

    it('shows what will be pushed before asking, and exits 0', () => {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.questions.length, 1);
      for (const shown of [result.branch as string, result.commit as string, 'origin', describePush({ repoDir: repo, traceId: result.trace_id, remote: 'origin' }).args_digest]) {
        assert.ok(run.stdout.includes(shown), shown);
      }
    });

    it('mints a single-use token (0600) signed by the operator key, bound to this push', () => {
      assert.equal(statSync(pendingPath).mode & 0o777, 0o600);
      const token = decodeApprovalToken(readFileSync(pendingPath, 'utf8'));
      const description = describePush({ repoDir: repo, traceId: result.trace_id, remote: 'origin' });
      assert.equal(token.action, 'push');
      assert.equal(token.trace_id, result.trace_id);
      assert.equal(token.args_digest, description.args_digest);
      assert.equal(token.sig.keyid, loadKey(home, 'operator').keyid);
      assert.ok(Date.parse(token.exp) > Date.now());
    });

    it("appends an approval_decision event to the trace's log, which still verifies", async () => {
      const events = readEvents(result.events_path);
      assert.equal(events.length, logBefore + 1);
      const last = events[events.length - 1];
      assert.equal(last.action_type, 'approval_decision');
      assert.equal(last.payload.decision, 'approve');
      assert.equal(last.payload.args_digest, describePush({ repoDir: repo, traceId: result.trace_id, remote: 'origin' }).args_digest);
      assert.equal(verifyEventLog(result.trace_dir).ok, true);
      const check = await cli(['verify-bundle', result.bundle_path as string], ctx, { cwd: repo });
      assert.equal(check.code, 0, 'the bundle still verifies against the longer log');
    });
  });

  describe('when the operator answers no', () => {
    let run: Awaited<ReturnType<typeof cli>>;
    let logBefore = 0;

    before(async () => {
      assert.ok(existsSync(pendingPath), 'an earlier approval is pending');
      logBefore = logLength();
      run = await cli(['approve', '--trace', result.trace_id], ctx, { cwd: repo, isInteractive: true, answers: ['no', 'wrong branch name'] });
    });

    it('exits 1 and records the denial with the reason', () => {
      assert.equal(run.code, 1);
      assert.equal(run.questions.length, 2);
      const events = readEvents(result.events_path);
      assert.equal(events.length, logBefore + 1);
      const last = events[events.length - 1];
      assert.equal(last.action_type, 'approval_decision');
      assert.equal(last.payload.decision, 'deny');
      assert.equal(last.payload.reason, 'wrong branch name');
      assert.equal(verifyEventLog(result.trace_dir).ok, true);
    });

    it('mints nothing and withdraws the approval given earlier', async () => {
      assert.ok(!existsSync(pendingPath));
      const push = await cli(['push', '--trace', result.trace_id], ctx, { cwd: repo });
      assert.equal(push.code, 1);
      assert.ok(push.stderr.split('\n')[0].endsWith('[GATE_APPROVAL_REQUIRED]'), push.stderr);
    });

    it('records a default reason when none is given', async () => {
      const again = await cli(['approve', '--trace', result.trace_id], ctx, { cwd: repo, isInteractive: true, answers: ['', ''] });
      assert.equal(again.code, 1);
      const events = readEvents(result.events_path);
      const last = events.filter((e) => e.action_type === 'approval_decision').pop();
      assert.equal(last?.payload.decision, 'deny');
      assert.equal(typeof last?.payload.reason, 'string');
      assert.ok((last?.payload.reason as string).length > 0);
      assert.ok(!existsSync(pendingPath));
    });
  });

  describe("when this machine's clock is behind the log's last event (e.g. stepped back by NTP)", () => {
    it('still stamps the approval after the last event: timestamps in a log never go backwards', async () => {
      const last = readEvents(result.events_path).pop() as { timestamp: string };
      const run = await cli(['approve', '--trace', result.trace_id], cliContext(home, shiftedClock(-60 * 60_000)), { cwd: repo, isInteractive: true, answers: ['yes'] });
      assert.equal(run.code, 0, run.stderr);
      const appended = readEvents(result.events_path).pop() as { action_type: string; timestamp: string };
      assert.equal(appended.action_type, 'approval_decision');
      assert.ok(appended.timestamp > last.timestamp, `${appended.timestamp} is not after ${last.timestamp}`);
    });
  });
});
