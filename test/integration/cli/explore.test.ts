import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyEventLog } from '../../../src/runtime/events';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { git, makeRepo } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { cli, cliContext, ensureBuilt, fabricProcess, makeTextkitRepo, readEvents } from './helpers';

const GOAL = 'truncate cuts text that already fits';

function firstLine(text: string): string {
  return text.split('\n')[0];
}

describe('#explore', () => {
  const tmp = makeTempDir('fabric-cli-explore-');
  after(() => tmp.cleanup());
  const home = join(tmp.path, 'home');
  const ctx = cliContext(home);

  describe('when run as a process with --json on the demo project', () => {
    const repo = join(tmp.path, 'textkit');
    let base = '';
    let status: number | null = null;
    let stdout = '';
    let stderr = '';
    let result: FixResult;

    before(() => {
      ensureBuilt();
      base = makeTextkitRepo(repo);
      const p = fabricProcess(['explore', '--goal', GOAL, '--json'], { cwd: repo, fabricHome: home });
      status = p.status;
      stdout = p.stdout;
      stderr = p.stderr;
      result = JSON.parse(stdout) as FixResult;
    });

    it('exits 0 with exactly one JSON object on stdout and the progress on stderr', () => {
      assert.equal(status, 0, stderr);
      assert.equal(typeof JSON.parse(stdout), 'object');
      assert.ok(stdout.trimStart().startsWith('{') && stdout.trimEnd().endsWith('}'));
      assert.ok(stderr.length > 0, 'progress is reported on stderr');
      assert.ok(!stderr.includes('"trace_id"'), 'no JSON on stderr');
    });

    it('reports a verified fix with every field', () => {
      assert.equal(result.outcome, 'success');
      assert.match(result.trace_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.match(result.branch ?? '', new RegExp(`^fabric/[a-z0-9-]+-${result.trace_id.slice(0, 8)}$`));
      assert.match(result.commit ?? '', /^[0-9a-f]{40}$/);
      assert.equal(result.base_commit, base);
      assert.equal(result.trace_dir, join(repo, '.fabric', 'traces', result.trace_id));
      assert.equal(result.events_path, join(result.trace_dir, 'agent_events.jsonl'));
      assert.equal(result.bundle_path, join(result.trace_dir, 'evidence.json'));
      assert.equal(result.dsse_path, join(result.trace_dir, 'evidence.dsse.json'));
      assert.equal(result.fix?.file, 'lib/truncate.js');
      assert.ok((result.fix?.patch ?? '').includes('lib/truncate.js'));
      assert.deepEqual(result.tests.fixed, result.tests.baseline_failing);
      assert.ok(result.tests.fixed.length >= 1);
      assert.ok(result.tests.passing_after > result.tests.fixed.length);
      assert.ok(result.candidates_tried >= 1 && result.candidates_verified >= 1);
      assert.equal(typeof result.sandbox, 'string');
      assert.ok(Number.isInteger(result.duration_ms) && result.duration_ms > 0);
    });

    it('wrote the files it names, and the signed branch points at the commit', () => {
      for (const path of [result.events_path, result.bundle_path as string, result.dsse_path as string, join(result.trace_dir, 'result.json')]) assert.ok(existsSync(path), path);
      const bundle = JSON.parse(readFileSync(result.bundle_path as string, 'utf8')) as { trace_id: string; commit: string; branch: string; outcome: string };
      assert.deepEqual([bundle.trace_id, bundle.commit, bundle.branch, bundle.outcome], [result.trace_id, result.commit, result.branch, 'success']);
      assert.equal(git(repo, ['rev-parse', `refs/heads/${result.branch}`]), result.commit);
      assert.equal(git(repo, ['rev-parse', `${result.commit}^`]), base);
      assert.equal(readEvents(result.events_path)[0].trace_id, result.trace_id);
    });

    it('left the working tree, HEAD and main untouched', () => {
      assert.equal(git(repo, ['status', '--porcelain']), '');
      assert.equal(git(repo, ['symbolic-ref', 'HEAD']), 'refs/heads/main');
      assert.equal(git(repo, ['rev-parse', 'main']), base);
      assert.ok(readFileSync(join(repo, 'lib', 'truncate.js'), 'utf8').includes('text.length < max'), 'the bug is still in the working tree');
    });
  });

  describe('when --goal is missing', () => {
    it('exits 2 (USAGE_INVALID) and runs nothing', async () => {
      const repo = join(tmp.path, 'no-goal');
      makeTextkitRepo(repo);
      const run = await cli(['explore', '--json'], ctx, { cwd: repo });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.ok(firstLine(run.stderr).endsWith('[USAGE_INVALID]'), run.stderr);
      assert.ok(!existsSync(join(repo, '.fabric')));
    });
  });

  describe('when a flag has a bad value', () => {
    for (const bad of [
      ['--sandbox', 'nope'],
      ['--candidates', 'many'],
      ['--goal', '   '],
      ['--provider', 'cloud'],
    ]) {
      it(`exits 2 (USAGE_INVALID) for ${bad.join(' ')} and runs nothing`, async () => {
        const repo = join(tmp.path, `bad-${bad[0].slice(2)}`);
        makeTextkitRepo(repo);
        const argv = bad[0] === '--goal' ? ['explore', ...bad] : ['explore', '--goal', GOAL, ...bad];
        const run = await cli(argv, ctx, { cwd: repo });
        assert.equal(run.code, 2);
        assert.equal(run.stdout, '');
        assert.ok(firstLine(run.stderr).endsWith('[USAGE_INVALID]'), run.stderr);
        assert.ok(!existsSync(join(repo, '.fabric', 'traces')));
      });
    }
  });

  describe('when the folder is not a git repository', () => {
    it('exits 2 (WORKSPACE_NOT_GIT)', async () => {
      const dir = join(tmp.path, 'plain');
      mkdirSync(dir);
      const run = await cli(['explore', '--goal', GOAL, '--workspace', dir], ctx, { cwd: tmp.path });
      assert.equal(run.code, 2);
      assert.ok(firstLine(run.stderr).endsWith('[WORKSPACE_NOT_GIT]'), run.stderr);
    });
  });

  describe('when the repository has no test command', () => {
    it('exits 2 (WORKSPACE_NO_TESTS)', async () => {
      const repo = join(tmp.path, 'no-tests');
      makeRepo(repo, { 'index.js': 'module.exports = 1;\n', 'package.json': '{"name":"x"}\n' });
      const run = await cli(['explore', '--goal', GOAL], ctx, { cwd: repo });
      assert.equal(run.code, 2);
      assert.ok(firstLine(run.stderr).endsWith('[WORKSPACE_NO_TESTS]'), run.stderr);
    });
  });

  describe('when every test already passes', () => {
    const repo = join(tmp.path, 'passing');
    let base = '';
    before(() => {
      base = makeRepo(repo, {
        'package.json': JSON.stringify({ name: 'passing', version: '1.0.0', scripts: { test: 'node --test' } }) + '\n',
        'lib/add.js': 'module.exports = (a, b) => a + b;\n',
        'test/add.test.js': "const test = require('node:test');\nconst assert = require('node:assert');\nconst add = require('../lib/add');\ntest('adds', () => assert.equal(add(1, 2), 3));\n",
      });
    });

    it('exits 1 with outcome no_fix and creates no branch', async () => {
      const run = await cli(['explore', '--goal', 'make the tests pass', '--json'], ctx, { cwd: repo });
      assert.equal(run.code, 1, run.stderr);
      const result = JSON.parse(run.stdout) as FixResult;
      assert.equal(result.outcome, 'no_fix');
      assert.equal(result.branch, undefined);
      assert.equal(result.commit, undefined);
      assert.equal(result.base_commit, base);
      assert.equal(typeof result.reason, 'string');
      assert.equal(git(repo, ['for-each-ref', '--format=%(refname)', 'refs/heads/']), 'refs/heads/main');
      assert.ok(existsSync(result.events_path));
    });

    it('gives approve and push nothing to act on: exit 2 (USAGE_INVALID)', async () => {
      const traceId = readdirSync(join(repo, '.fabric', 'traces'))[0];
      for (const argv of [
        ['approve', '--trace', traceId],
        ['push', '--trace', traceId],
      ]) {
        const run = await cli(argv, ctx, { cwd: repo, isInteractive: true, answers: ['yes'] });
        assert.equal(run.code, 2, argv[0]);
        assert.ok(firstLine(run.stderr).endsWith('[USAGE_INVALID]'), run.stderr);
      }
      assert.ok(!existsSync(join(home, 'approvals', 'pending', `${traceId}.push.token`)));
    });

    it('says so in human form without --json, exit 1', async () => {
      const run = await cli(['explore', '--goal', 'make the tests pass'], ctx, { cwd: repo });
      assert.equal(run.code, 1);
      assert.throws(() => JSON.parse(run.stdout));
      assert.ok(run.stdout.trim().length > 0);
    });
  });

  describe('when the run is interrupted (the signal is already aborted)', () => {
    it('exits 1 with outcome aborted, creates no branch, and the log ends cleanly', async () => {
      const repo = join(tmp.path, 'interrupted');
      makeTextkitRepo(repo);
      const controller = new AbortController();
      controller.abort(new Error('Ctrl-C'));
      const run = await cli(['explore', '--goal', GOAL, '--json'], ctx, { cwd: repo, signal: controller.signal });
      assert.equal(run.code, 1, run.stderr);
      const result = JSON.parse(run.stdout) as FixResult;
      assert.equal(result.outcome, 'aborted');
      assert.equal(result.branch, undefined);
      assert.equal(git(repo, ['for-each-ref', '--format=%(refname)', 'refs/heads/']), 'refs/heads/main');
      assert.equal(verifyEventLog(result.trace_dir).ok, true);
      const last = readEvents(result.events_path).pop();
      assert.equal(last?.payload.kind, 'run_finished');
      assert.equal(last?.payload.outcome, 'aborted');
    });
  });
});
