import { strict as assert } from 'node:assert';
import { bundleSummaryOf, reportLines } from '../../../src/editor/bundleSummary';
import type { EvidenceReport } from '../../../src/runtime/audit/verifyEvidence';
import type { EvidenceBundle } from '../../../src/runtime/evidence/types';
import { parseHostMessage } from '../../../src/webview/protocol';
import { BASE, COMMIT, TRACE } from './events.fixture';

const bundle = {
  trace_id: TRACE,
  outcome: 'success',
  branch: 'fabric/x-29b968b2',
  commit: COMMIT,
  base_commit: BASE,
  cost: { wall_ms: 4800, tokens: 0, usd: 0 },
  signatures: { verifier: { keyid: 'SHA256:v', sig: 's' }, policy_engine: { keyid: 'SHA256:p', sig: 's' } },
} as unknown as EvidenceBundle;

const report = (verifierOk: boolean): EvidenceReport => ({
  ok: verifierOk,
  trace_id: TRACE,
  commit: COMMIT,
  checks: [
    { name: 'schema', ok: true, message: 'ok' },
    { name: 'signature.verifier', ok: verifierOk, message: verifierOk ? 'signed' : 'signature does not verify', field: 'signatures.verifier.sig' },
    { name: 'signature.policy_engine', ok: true, message: 'signed' },
  ],
});

describe('#bundleSummaryOf', () => {
  describe('when a signature fails', () => {
    it('marks exactly that signature and check as failed, in a summary the panel accepts', () => {
      const summary = bundleSummaryOf(bundle, report(false));
      assert.deepEqual(summary.signatures.map((s) => [s.role, s.ok]), [['verifier', false], ['policy_engine', true]]);
      assert.deepEqual(summary.checks.filter((c) => !c.ok).map((c) => c.name), ['signature.verifier']);
      assert.equal(parseHostMessage({ kind: 'state', snapshot: { run: { status: 'done', traceId: TRACE, sessionState: 'released', progress: '' }, candidates: [], bundle: summary, approvals: [] } }).ok, true);
    });
  });
  describe('#reportLines', () => {
    it('names the field of each failing check', () => {
      const lines = reportLines(report(false));
      assert.equal(lines.length, 3);
      assert.match(lines[1], /signatures\.verifier\.sig/);
      assert.doesNotMatch(lines[0], /field/);
    });
  });
});
