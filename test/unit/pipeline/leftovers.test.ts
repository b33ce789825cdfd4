import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventLog } from '../../../src/runtime/events';
import { findInterruptedTraces, sweepStaleWorkspaces, writeOwner } from '../../../src/runtime/pipeline/leftovers';
import { tracePaths } from '../../../src/runtime/pipeline/tracePaths';
import { systemClock } from '../../../src/runtime/context';
import { makeTempDir } from '../../helpers/tmp';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync('true');
  return r.pid as number;
}

describe('#sweepStaleWorkspaces', () => {
  const tmp = makeTempDir('fabric-leftovers-');
  after(() => tmp.cleanup());

  it('removes roots whose owner process is gone, keeps live ones and folders that are not ours', () => {
    const dead = join(tmp.path, 'fabric-0123abcd-x1');
    const live = join(tmp.path, 'fabric-89abcdef-x2');
    const foreign = join(tmp.path, 'fabric-0123abcd-x3');
    for (const d of [dead, live, foreign]) mkdirSync(d);
    writeFileSync(join(dead, 'owner.json'), JSON.stringify({ pid: deadPid(), trace_id: 't' }));
    writeOwner(live, 't2');
    assert.deepEqual(sweepStaleWorkspaces(tmp.path), ['fabric-0123abcd-x1']);
    assert.equal(existsSync(dead), false);
    assert.equal(existsSync(live), true);
    assert.equal(existsSync(foreign), true);
  });
});

describe('#findInterruptedTraces', () => {
  const tmp = makeTempDir('fabric-interrupted-');
  after(() => tmp.cleanup());
  const ids = { trace_id: 'dead-trace', session_id: 's', tenant_id: 't' };

  it('reports a trace without result.json whose owner is gone, once', () => {
    const paths = tracePaths(tmp.path, ids.trace_id);
    const log = EventLog.create(paths.dir, ids, { clock: systemClock, defaultTaskId: 'x' });
    log.append({ agent_id: 'verifier:1', action_type: 'thought', payload: {} });
    log.close();
    writeFileSync(join(paths.dir, 'owner.json'), JSON.stringify({ pid: deadPid(), trace_id: ids.trace_id }));
    assert.deepEqual(findInterruptedTraces(tmp.path), [{ trace_id: 'dead-trace', events: 1, intact: true }]);
    assert.deepEqual(findInterruptedTraces(tmp.path), []);
  });

  it('does not report a run that is still going (its owner is alive) or one that finished', () => {
    const running = tracePaths(tmp.path, 'running');
    EventLog.create(running.dir, { ...ids, trace_id: 'running' }, { clock: systemClock, defaultTaskId: 'x' }).close();
    writeOwner(running.dir, 'running');
    const done = tracePaths(tmp.path, 'done');
    EventLog.create(done.dir, { ...ids, trace_id: 'done' }, { clock: systemClock, defaultTaskId: 'x' }).close();
    writeFileSync(done.result, '{}');
    assert.deepEqual(findInterruptedTraces(tmp.path), []);
  });
});
