import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createBwrapRunner } from '../../../src/runtime/sandbox';
import { isFabricError } from '../../../src/runtime/errors';
import { makeTempDir } from '../../helpers/tmp';
import { pidsWithMarker, sleeperTree, uniqueSleep, waitForMarker } from './processes';

const runner = createBwrapRunner();
const temps: Array<() => void> = [];
function workspace(): string {
  const t = makeTempDir('fabric-ws-');
  temps.push(t.cleanup);
  return t.path;
}
after(() => temps.forEach((c) => c()));

function listen(server: Server, target: number | string): Promise<void> {
  return new Promise((resolve) => server.listen(target as number, '127.0.0.1', () => resolve()));
}

const CONNECT = `const s=require('net').connect(process.argv[1]&&isNaN(+process.argv[1])?{path:process.argv[1]}:{host:'127.0.0.1',port:+process.argv[1]});s.on('connect',()=>{console.log('connected');s.destroy()});s.on('error',e=>console.log('error '+e.code));`;

describe('#createBwrapRunner', () => {
  describe('#run', () => {
    describe('when echoing', () => {
      it('returns the output and exit code 0', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['echo', 'hello', 'sandbox'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.stdout, 'hello sandbox\n');
        assert.equal(r.exitCode, 0);
        assert.equal(r.signal, null);
        assert.equal(r.sandbox, 'bwrap');
        assert.equal(r.limitBreached, null);
      });
      it('runs the same node as the parent', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['node', '-p', 'process.version'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.stdout.trim(), process.version);
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
      it('passes only the minimal environment plus spec.env', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['env'], cwd: ws, workspace: ws, env: { EXTRA: 'yes' }, timeoutMs: 30_000 });
        assert.ok(!r.stdout.includes('parent-secret-value'));
        const keys = r.stdout.trim().split('\n').map((l) => l.slice(0, l.indexOf('='))).filter((k) => k !== 'PWD').sort();
        assert.deepEqual(keys, ['CI', 'EXTRA', 'FORCE_COLOR', 'HOME', 'LANG', 'NO_COLOR', 'PATH', 'TMPDIR', 'TZ', 'npm_config_audit', 'npm_config_fund', 'npm_config_update_notifier'].sort());
      });
    });

    describe('when the user has files in their home', () => {
      it('shows an empty home, /root and /run', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'ls -A "$1"; ls -A /root; ls -A /run', 'sh', homedir()], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.exitCode, 0);
        assert.equal(r.stdout, '');
      });
    });

    describe('when writing files', () => {
      it('writes inside the workspace reach the host', async () => {
        const ws = workspace();
        mkdirSync(join(ws, 'sub'));
        const r = await runner.run({ argv: ['sh', '-c', 'echo made > inside.txt && echo sub > ../inside2.txt'], cwd: join(ws, 'sub'), workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.exitCode, 0);
        assert.equal(readFileSync(join(ws, 'sub', 'inside.txt'), 'utf8'), 'made\n');
        assert.equal(readFileSync(join(ws, 'inside2.txt'), 'utf8'), 'sub\n');
      });
      it('writes under the parent cwd, a read-only repo mount and /tmp never reach the host', async () => {
        const ws = workspace();
        const repo = workspace();
        writeFileSync(join(repo, 'file.txt'), 'original\n');
        const name = `fabric-escape-${process.pid}-${Date.now()}.txt`;
        const outsideTmp = workspace();
        const script = 'echo x > "$1"; echo a=$?; echo x > repo/file.txt; echo b=$?; echo x > "$2"; echo c=$?';
        const r = await runner.run({
          argv: ['sh', '-c', script, 'sh', join(process.cwd(), name), join(outsideTmp, 'planted.txt')],
          cwd: ws,
          workspace: ws,
          readOnlyMounts: [{ hostPath: repo, sandboxPath: join(ws, 'repo') }],
          timeoutMs: 30_000,
        });
        assert.doesNotMatch(r.stdout, /=0\n/);
        assert.equal(existsSync(join(process.cwd(), name)), false);
        assert.equal(readFileSync(join(repo, 'file.txt'), 'utf8'), 'original\n');
        assert.equal(existsSync(join(outsideTmp, 'planted.txt')), false);
      });
    });

    describe('when a read-only mount is given', () => {
      it('is readable but not writable, and its mount point is created in the workspace', async () => {
        const ws = workspace();
        const deps = workspace();
        writeFileSync(join(deps, 'dep.js'), 'module.exports = 42;\n');
        const r = await runner.run({
          argv: ['sh', '-c', 'cat node_modules/dep.js; touch node_modules/new.js; echo rc=$?'],
          cwd: ws,
          workspace: ws,
          readOnlyMounts: [{ hostPath: deps, sandboxPath: join(ws, 'node_modules') }],
          timeoutMs: 30_000,
        });
        assert.match(r.stdout, /module\.exports = 42;/);
        assert.match(r.stdout, /rc=[1-9]/);
        assert.equal(existsSync(join(deps, 'new.js')), false);
        assert.equal(existsSync(join(ws, 'node_modules')), true);
      });
    });

    describe('when connecting over the network', () => {
      let server: Server;
      let port = 0;
      before(async () => {
        server = createServer((s) => s.end());
        await listen(server, 0);
        port = (server.address() as { port: number }).port;
      });
      after(() => server.close());
      it('cannot reach a TCP listener of the host on 127.0.0.1', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['node', '-e', CONNECT, String(port)], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.match(r.stdout, /^error /);
      });
    });

    describe('when a host Unix socket listens outside the workspace', () => {
      let server: Server;
      let socketPath = '';
      before(async () => {
        socketPath = join(workspace(), 'host.sock');
        server = createServer((s) => s.end());
        await new Promise<void>((resolve) => server.listen(socketPath, () => resolve()));
      });
      after(() => server.close());
      it('cannot connect to it', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['node', '-e', CONNECT, socketPath], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.match(r.stdout, /^error /);
      });
    });

    describe('when the timeout fires', () => {
      it('kills the whole tree: nothing with the marker survives', async () => {
        const ws = workspace();
        const marker = uniqueSleep();
        const run = runner.run({ argv: sleeperTree(marker), cwd: ws, workspace: ws, timeoutMs: 5_000 });
        assert.ok((await waitForMarker(marker, 3)) >= 3);
        const r = await run;
        assert.equal(r.timedOut, true);
        assert.equal(r.limitBreached, 'timeout');
        assert.equal(r.exitCode, null);
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
        assert.equal(r.timedOut, false);
        assert.equal(r.limitBreached, null);
        assert.deepEqual(pidsWithMarker(marker), []);
      });
      it('does not start anything when already aborted', async () => {
        const ws = workspace();
        const ac = new AbortController();
        ac.abort();
        const r = await runner.run({ argv: ['touch', 'started'], cwd: ws, workspace: ws, timeoutMs: 30_000, signal: ac.signal });
        assert.equal(r.cancelled, true);
        assert.equal(existsSync(join(ws, 'started')), false);
      });
    });

    describe('when output exceeds maxOutputBytes', () => {
      it('keeps the first and the last bytes, sets truncated, and lets the process finish', async () => {
        const ws = workspace();
        const r = await runner.run({
          argv: ['sh', '-c', 'printf "START\\n"; head -c 200000 /dev/zero | tr "\\0" a; printf "\\nsummary line\\n"; echo finished > done.txt'],
          cwd: ws,
          workspace: ws,
          maxOutputBytes: 1000,
          timeoutMs: 30_000,
        });
        assert.equal(r.truncated, true);
        assert.equal(r.limitBreached, 'output');
        assert.ok(r.stdout.startsWith('START\naaa'), r.stdout.slice(0, 40));
        assert.ok(r.stdout.endsWith('\nsummary line\n'), r.stdout.slice(-40));
        assert.match(r.stdout, /bytes of output dropped/);
        assert.ok(r.stdout.length < 1200, String(r.stdout.length));
        assert.equal(r.exitCode, 0);
        assert.equal(readFileSync(join(ws, 'done.txt'), 'utf8'), 'finished\n');
      });
    });

    describe('when the command fails or is killed', () => {
      it('reports the exit code', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'echo oops >&2; exit 7'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.exitCode, 7);
        assert.equal(r.signal, null);
        assert.equal(r.stderr, 'oops\n');
      });
      it('reports the signal', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'kill -KILL $$'], cwd: ws, workspace: ws, timeoutMs: 30_000 });
        assert.equal(r.exitCode, null);
        assert.equal(r.signal, 'SIGKILL');
      });
      it('throws SANDBOX_SPAWN_FAILED for a missing program', async () => {
        const ws = workspace();
        await assert.rejects(runner.run({ argv: ['fabric-no-such-program'], cwd: ws, workspace: ws, timeoutMs: 30_000 }), (e) => isFabricError(e, 'SANDBOX_SPAWN_FAILED'));
      });
    });

    describe('when limits are set', () => {
      it('stops a CPU hog with SIGXCPU and reports a cpu breach', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'while :; do :; done'], cwd: ws, workspace: ws, limits: { cpuSeconds: 1 }, timeoutMs: 60_000 });
        assert.equal(r.signal, 'SIGXCPU');
        assert.equal(r.limitBreached, 'cpu');
      });
      it('caps the size of written files', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['dd', 'if=/dev/zero', 'of=big', 'bs=1000', 'count=10'], cwd: ws, workspace: ws, limits: { fileSizeBytes: 2000 }, timeoutMs: 30_000 });
        assert.equal(r.signal, 'SIGXFSZ');
        assert.ok(readFileSync(join(ws, 'big')).length <= 2000);
      });
      it('caps open files', async () => {
        const ws = workspace();
        const r = await runner.run({ argv: ['sh', '-c', 'ulimit -n'], cwd: ws, workspace: ws, limits: { openFiles: 17 }, timeoutMs: 30_000 });
        assert.equal(r.stdout.trim(), '17');
      });
    });

    describe('when paths escape the workspace', () => {
      it('rejects a cwd outside the workspace', async () => {
        const ws = workspace();
        await assert.rejects(runner.run({ argv: ['true'], cwd: workspace(), workspace: ws, timeoutMs: 30_000 }), (e) => isFabricError(e, 'SANDBOX_PATH_ESCAPE'));
      });
      it('rejects a workspace that contains a hidden directory', async () => {
        await assert.rejects(runner.run({ argv: ['true'], cwd: '/', workspace: '/', timeoutMs: 30_000 }), (e) => isFabricError(e, 'SANDBOX_PATH_ESCAPE'));
      });
    });
  });

  describe('#fingerprint', () => {
    it('names os, kernel, arch, node and bwrap, the same every time', async () => {
      const a = await runner.fingerprint();
      const b = await createBwrapRunner().fingerprint();
      assert.deepEqual(a, b);
      assert.deepEqual(Object.keys(a).sort(), ['arch', 'bwrap', 'kernelRelease', 'node', 'os', 'sandbox']);
      assert.match(a.bwrap, /^bubblewrap /);
      assert.equal(a.node, process.version);
    });
  });
});
