/**
 * Ctrl-C on a real `fabric explore` process: the run stops its sandboxes, marks the trace aborted,
 * creates no branch, removes its workspaces and exits 1 with the result on stdout.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyEventLog } from '../../../src/runtime/events';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { git } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { BIN, ensureBuilt, makeTextkitRepo, readEvents } from './helpers';

describe('#fabric explore (process)', () => {
  describe('when interrupted with SIGINT while candidates are being verified', () => {
    const tmp = makeTempDir('fabric-cli-sigint-');
    const repo = join(tmp.path, 'textkit');
    let code: number | null = null;
    let stdout = '';
    let stderr = '';

    before(async function () {
      this.timeout(180_000);
      ensureBuilt();
      makeTextkitRepo(repo);
      // Each test run takes ~2 s, so the interrupt lands in the middle of the candidate search.
      writeFileSync(join(repo, 'test', 'slow.test.js'), "require('node:test')('slow', () => { const end = Date.now() + 2000; while (Date.now() < end); });\n");
      git(repo, ['add', '-A']);
      git(repo, ['commit', '-q', '-m', 'slow test']);
      const child = spawn(process.execPath, [BIN, 'explore', '--goal', 'truncate cuts text that already fits', '--json'], {
        cwd: repo,
        env: { ...process.env, FABRIC_HOME: join(tmp.path, 'home') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d) => (stdout += d));
      let sent = false;
      child.stderr.on('data', (d) => {
        stderr += d;
        if (!sent && /candidate 1\//.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    });
    after(() => tmp.cleanup());

    it('exits 1 and prints the aborted result', () => {
      assert.equal(code, 1, stderr);
      const result = JSON.parse(stdout) as FixResult;
      assert.equal(result.outcome, 'aborted');
      assert.equal(result.branch, undefined);
    });

    it('creates no branch, leaves no workspace, and ends the trace in a log that verifies', () => {
      const result = JSON.parse(stdout) as FixResult;
      assert.equal(git(repo, ['for-each-ref', 'refs/heads/fabric', 'refs/notes']), '');
      assert.deepEqual(readdirSync(tmpdir()).filter((d) => d.startsWith(`fabric-${result.trace_id.slice(0, 8)}-`)), []);
      assert.equal(verifyEventLog(result.trace_dir).ok, true);
      const last = readEvents(result.events_path).filter((e) => e.action_type === 'state_transition').pop();
      assert.equal(last?.payload.to, 'aborted');
    });
  });
});
