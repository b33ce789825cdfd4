import { strict as assert } from 'node:assert';
import { lstatSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createHostRunner } from '../../../src/runtime/sandbox';
import { makeTempDir } from '../../helpers/tmp';
import { pidsWithMarker, sleeperTree, uniqueSleep, waitForMarker } from './processes';

const runner = createHostRunner();
const temps: Array<() => void> = [];
function workspace(): string {
  const t = makeTempDir('fabric-ws-');
  temps.push(t.cleanup);
  return t.path;
}
after(() => temps.forEach((c) => c()));

describe('#createHostRunner', () => {
  describe('#run', () => {
    describe('when echoing', () => {
      it('returns the output and exit code 0', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['echo', 'hello', 'host'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.stdout, 'hello host\n');
        assert.equal(r.exitCode, 0);
        assert.equal(r.sandbox, 'host');
      });
    });

    describe('when the parent environment holds a secret', () => {
      const before = process.env.FABRIC_TEST_SECRET;
      beforeEach(() => {
        process.env.FABRIC_TEST_SECRET = 'parent-secret-value';
      });
      afterEach(() => {
        if (before === undefined) delete process.env.FABRIC_TEST_SECRET;
        else process.env.FABRIC_TEST_SECRET = before;
      });
      it('passes only the minimal environment with a fresh empty HOME', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'env; echo "home=$(ls -A "$HOME" | wc -l)"'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.ok(!r.stdout.includes('parent-secret-value'));
        assert.match(r.stdout, /^home=0$/m);
        assert.match(r.stdout, /^CI=1$/m);
      });
    });

    describe('when connecting over the network', () => {
      let server: Server;
      let port = 0;
      before(async () => {
        server = createServer((s) => s.end());
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
        port = (server.address() as { port: number }).port;
      });
      after(() => server.close());
      it('reaches a TCP listener on 127.0.0.1 (no isolation)', async () => {
        const ws = workspace();
        const script = `const s=require('net').connect(${port},'127.0.0.1');s.on('connect',()=>{console.log('connected');s.destroy()});s.on('error',e=>console.log('error '+e.code));`;
        const r = await runner.run({ argv: ['node', '-e', script], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.stdout.trim(), 'connected');
      });
    });

    describe('when read-only mounts are given', () => {
      it('links them into the workspace', async () => {
        const ws = workspace();
        const deps = workspace();
        writeFileSync(join(deps, 'dep.js'), 'module.exports = 42;\n');
        const r = await runner.run({
          argv: ['cat', 'node_modules/dep.js'],
          cwd: ws,
          workspace: ws,
          readOnlyMounts: [{ hostPath: deps, sandboxPath: join(ws, 'node_modules') }],
          timeoutMs: 30_000,
        });
        assert.equal(r.stdout, 'module.exports = 42;\n');
        assert.ok(lstatSync(join(ws, 'node_modules')).isSymbolicLink());
        assert.equal(readlinkSync(join(ws, 'node_modules')), deps);
      });
    });

    describe('when the timeout fires', () => {
      it('kills the whole process group: nothing with the marker survives', async () => {
        const ws = workspace();
        const marker = uniqueSleep();
        const run = runner.run({ argv: sleeperTree(marker), cwd: ws, workspace: ws, timeoutMs: 5_000 });
        assert.ok((await waitForMarker(marker, 3)) >= 3);
        const r = await run;
        assert.equal(r.timedOut, true);
        assert.equal(r.limitBreached, 'timeout');
        assert.deepEqual(pidsWithMarker(marker), []);
      });
    });

    describe('when the leader exits and leaves a background child', () => {
      it('kills the leftover and returns', async () => {
        const ws = workspace();
        const marker = uniqueSleep();
        const r = await runner.run({ argv: ['sh', '-c', `sleep ${marker} & echo started`], cwd: ws, workspace: ws, timeoutMs: 60_000 });
        assert.equal(r.exitCode, 0);
        assert.equal(r.stdout, 'started\n');
        assert.equal(r.timedOut, false);
        assert.deepEqual(pidsWithMarker(marker), []);
      });
    });

    describe('when the abort signal fires', () => {
      it('marks the run cancelled and kills the tree', async () => {
        const ws = workspace();
        const marker = uniqueSleep();
        const ac = new AbortController();
        const run = runner.run({ argv: sleeperTree(marker), cwd: ws, workspace: ws, timeoutMs: 60_000, signal: ac.signal });
        await waitForMarker(marker, 3);
        ac.abort();
        const r = await run;
        assert.equal(r.cancelled, true);
        assert.equal(r.exitCode, null);
        assert.equal(r.signal, 'SIGTERM');
        assert.deepEqual(pidsWithMarker(marker), []);
      });
    });

    describe('when a process ignores SIGTERM', () => {
      it('is killed with SIGKILL after the grace period', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'trap "" TERM; echo ready; while :; do sleep 1; done'], cwd: ws, workspace: ws, timeoutMs: 1_000 });
        assert.equal(r.timedOut, true);
        assert.equal(r.signal, 'SIGKILL');
      });
    });

    describe('when output exceeds maxOutputBytes', () => {
      it('keeps the first and the last bytes, sets truncated, and lets the process finish', async () => {
        const ws = workspace();
        const r = await runner.run({
          argv: ['sh', '-c', 'head -c 200000 /dev/zero | tr "\\0" b >&2; echo finished > done.txt'],
          cwd: ws,
          workspace: ws,
          maxOutputBytes: 10,
          timeoutMs: 30_000,
        });
        assert.equal(r.truncated, true);
        assert.ok(r.stderr.startsWith('bbbbb'), r.stderr.slice(0, 20));
        assert.ok(r.stderr.endsWith('bbbbb'), r.stderr.slice(-20));
        assert.match(r.stderr, /dropped by Fabric's output limit/);
        assert.equal(readFileSync(join(ws, 'done.txt'), 'utf8'), 'finished\n');
      });
    });

    describe('when the command fails or is killed', () => {
      it('reports the exit code', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'exit 3'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.exitCode, 3);
        assert.equal(r.signal, null);
      });
      it('reports the signal', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'kill -TERM $$'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.exitCode, null);
        assert.equal(r.signal, 'SIGTERM');
      });
    });
  });

  describe('#fingerprint', () => {
    it('names os, kernel, arch and node', async () => {
      const f = await runner.fingerprint();
      assert.deepEqual(Object.keys(f).sort(), ['arch', 'kernelRelease', 'node', 'os', 'sandbox']);
      assert.equal(f.sandbox, 'host');
    });
  });
});
