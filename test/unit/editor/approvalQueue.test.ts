import { strict as assert } from 'node:assert';
import { ApprovalQueue } from '../../../src/editor/approvalQueue';
import { describeAction } from '../../../src/runtime/approvals/describeAction';
import { isFabricError } from '../../../src/runtime/errors';
import { parseHostMessage } from '../../../src/webview/protocol';
import { COMMIT, TRACE } from './events.fixture';

const args = (remote = 'origin') => ({ branch: 'fabric/x-29b968b2', commit: COMMIT, remote, notes_ref: 'refs/notes/fabric' });
const target = (remote = 'origin') => ({ repoDir: '/repo', traceId: TRACE, remote });

function queue(): ApprovalQueue {
  let n = 0;
  return new ApprovalQueue(() => `a${++n}`);
}

describe('#ApprovalQueue', () => {
  describe('when the same push is requested twice while pending', () => {
    it('keeps one entry; another remote is another entry', () => {
      const q = queue();
      const a = q.request(describeAction('push', TRACE, args()), target());
      assert.equal(q.request(describeAction('push', TRACE, args()), target()), a);
      const b = q.request(describeAction('push', TRACE, args('backup')), target('backup'));
      assert.notEqual(b.id, a.id);
      assert.deepEqual(q.views().map((v) => v.remote), ['backup', 'origin'], 'newest first');
    });
  });

  describe('when an entry is decided', () => {
    it('shows exactly what will run and accepts one decision only', () => {
      const q = queue();
      const e = q.request(describeAction('push', TRACE, args()), target());
      const [view] = q.views();
      assert.deepEqual([view.branch, view.remote, view.commit, view.argsDigest, view.status], ['fabric/x-29b968b2', 'origin', COMMIT, e.description.args_digest, 'pending']);
      q.approved(e.id, '2030-01-01T00:15:00.000Z');
      assert.equal(q.pending().length, 0);
      assert.throws(() => q.denied(e.id, 'no'), (err: unknown) => isFabricError(err, 'APPROVAL_REUSED'));
      assert.throws(() => q.approved('nope', undefined), (err: unknown) => isFabricError(err, 'APPROVAL_INVALID'));
      assert.equal(parseHostMessage({ kind: 'state', snapshot: { run: { status: 'idle', traceId: null, sessionState: null, progress: '' }, candidates: [], bundle: null, approvals: q.views() } }).ok, true);
    });
    it('records the reason of a denial', () => {
      const q = queue();
      const e = q.request(describeAction('push', TRACE, args()), target());
      q.denied(e.id, 'not now');
      assert.deepEqual([q.views()[0].status, q.views()[0].reason], ['denied', 'not now']);
    });
  });

  describe('when an approved token lapses unused', () => {
    it('becomes expired; a completed one does not', () => {
      const q = queue();
      const unused = q.request(describeAction('push', TRACE, args()), target());
      q.approved(unused.id, '2030-01-01T00:15:00.000Z');
      const used = q.request(describeAction('push', TRACE, args('b')), target('b'));
      q.approved(used.id, '2030-01-01T00:15:00.000Z');
      q.completed(used.id, ['refs/heads/fabric/x-29b968b2']);
      assert.equal(q.expire(new Date('2030-01-01T00:00:00Z')), false);
      assert.equal(q.expire(new Date('2030-01-01T00:16:00Z')), true);
      assert.deepEqual(q.views().map((v) => v.status), ['pushed', 'expired']);
    });
  });

  describe('when the approved push was refused by the remote', () => {
    it('shows failed with the reason, which the panel protocol accepts', () => {
      const q = queue();
      const e = q.request(describeAction('push', TRACE, args()), target());
      q.approved(e.id, '2030-01-01T00:15:00.000Z');
      q.failedWith(e.id, 'GIT_PUSH_REJECTED: not a fast-forward');
      const [view] = q.views();
      assert.deepEqual([view.status, view.reason], ['failed', 'GIT_PUSH_REJECTED: not a fast-forward']);
      assert.equal(parseHostMessage({ kind: 'state', snapshot: { run: { status: 'idle', traceId: null, sessionState: null, progress: '' }, candidates: [], bundle: null, approvals: q.views() } }).ok, true);
    });
  });
});
