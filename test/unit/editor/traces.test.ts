import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listTraces, readTraceResult } from '../../../src/editor/traces';
import { makeTempDir } from '../../helpers/tmp';
import { COMMIT } from './events.fixture';

function writeTrace(repo: string, id: string, result: unknown, mtimeS: number): void {
  const dir = join(repo, '.fabric', 'traces', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'agent_events.jsonl'), '');
  writeFileSync(join(dir, 'result.json'), typeof result === 'string' ? result : JSON.stringify(result));
  utimesSync(join(dir, 'result.json'), mtimeS, mtimeS);
}

describe('#listTraces', () => {
  const tmp = makeTempDir('fabric-traces-');
  after(() => tmp.cleanup());

  describe('when the repository holds traces (an untrusted folder)', () => {
    const repo = join(tmp.path, 'repo');
    before(() => {
      writeTrace(repo, 'aaaa-old', { trace_id: 'aaaa-old', outcome: 'no_fix', reason: 'nothing verified', base_commit: COMMIT }, 1000);
      writeTrace(repo, 'bbbb-new', { trace_id: 'bbbb-new', outcome: 'success', base_commit: COMMIT, branch: 'fabric/x-bbbb', commit: COMMIT, events_path: '/etc/passwd', bundle_path: '/etc/shadow' }, 2000);
      writeTrace(repo, 'cccc-bad', '{not json', 1500);
      writeTrace(repo, 'dddd-lie', { trace_id: 'another', outcome: 'success', base_commit: COMMIT }, 1600);
      writeTrace(repo, 'eeee-branch', { trace_id: 'eeee-branch', outcome: 'success', base_commit: COMMIT, branch: 'main', commit: COMMIT }, 1700);
      mkdirSync(join(repo, '.fabric', 'traces', '..hidden'), { recursive: true });
      symlinkSync(join(repo, '.fabric', 'traces', 'bbbb-new'), join(repo, '.fabric', 'traces', 'ffff-link'));
    });

    it('lists trace folders newest first, never following links', () => {
      assert.deepEqual(listTraces(repo).map((t) => t.traceId), ['bbbb-new', 'eeee-branch', 'dddd-lie', 'cccc-bad', 'aaaa-old']);
    });
    it('uses only results that validate and name their own trace', () => {
      const byId = new Map(listTraces(repo).map((t) => [t.traceId, t]));
      assert.equal(byId.get('bbbb-new')?.outcome, 'success');
      assert.equal(byId.get('cccc-bad')?.outcome, undefined);
      assert.equal(byId.get('dddd-lie')?.outcome, undefined);
      assert.equal(byId.get('eeee-branch')?.outcome, undefined, 'a branch outside fabric/… is not believed');
    });
    it('rebuilds every path from the trace id instead of trusting result.json', () => {
      const r = readTraceResult(repo, 'bbbb-new');
      assert.equal(r?.events_path, join(repo, '.fabric', 'traces', 'bbbb-new', 'agent_events.jsonl'));
      assert.equal(r?.bundle_path, undefined, 'no evidence.json in the folder, so no bundle path');
      assert.equal(readTraceResult(repo, '../bbbb-new'), undefined);
    });
  });

  describe('when the repository has no traces', () => {
    it('is empty', () => {
      assert.deepEqual(listTraces(join(tmp.path, 'nothing')), []);
    });
  });
});
