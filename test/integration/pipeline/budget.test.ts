/**
 * The wall-time budget is enforced by the Gate: a run whose budget runs out stops at the next
 * tool call, ends `aborted` with the reason, creates no branch and removes its workspaces.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyEventLog } from '../../../src/runtime/events';
import { makeTempDir } from '../../helpers/tmp';
import { commitAll, fabricContext, leftoverWorkspaces, makeTextkitRepo, readEvents, refList, runOn, type RunOutcome } from './helpers';

describe('#runFix', () => {
  describe('when the wall-time budget runs out', () => {
    const tmp = makeTempDir('fabric-budget-');
    const repo = join(tmp.path, 'textkit');
    let run: RunOutcome;

    before(async function () {
      this.timeout(120_000);
      makeTextkitRepo(repo);
      // A slow suite: every run takes ~4 s, so the 10 s budget ends during the candidate search.
      writeFileSync(join(repo, 'test', 'slow.test.js'), "require('node:test')('slow', () => { const end = Date.now() + 4000; while (Date.now() < end); });\n");
      commitAll(repo);
      run = await runOn(fabricContext(join(tmp.path, 'home')), { workspace: repo, budgetMs: 10_000 });
    });
    after(() => tmp.cleanup());

    it('ends aborted with the budget as the reason, and no branch', () => {
      assert.equal(run.error, undefined, run.error?.message);
      assert.equal(run.result?.outcome, 'aborted');
      assert.match(run.result?.reason ?? '', /budget/);
      assert.deepEqual([...refList(repo).keys()].filter((r) => r.includes('fabric')), []);
      assert.deepEqual(leftoverWorkspaces(run.result?.trace_id as string), []);
    });

    it('records the Gate refusing the call that went over budget, in a log that verifies', () => {
      const events = readEvents(run.result?.events_path as string);
      assert.ok(events.some((e) => e.action_type === 'budget'));
      assert.equal(events.filter((e) => e.action_type === 'state_transition').pop()?.payload.to, 'aborted');
      assert.equal(verifyEventLog(run.result?.trace_dir as string).ok, true);
    });
  });
});
