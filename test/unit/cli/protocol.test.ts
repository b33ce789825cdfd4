import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandIo } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { createNodeContext } from '../../../src/runtime/context';
import { planFix, type Plan } from '../../../src/roles/planner';
import { makeTempDir } from '../../helpers/tmp';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A plan as the Planner writes it to `plan.json`. */
function plannerPlan(): Plan {
  return planFix({
    goal: 'truncate cuts text that already fits',
    traceId: '0f1e2d3c-4b5a-4968-8776-655443322110',
    locations: [{ file: 'lib/truncate.js', line: 4, score: 1 }],
    relevantFiles: ['lib/truncate.js'],
    testCommand: 'npm test',
    failingTests: ['truncate › keeps short text'],
    allowTestEdits: false,
    revision: 0,
  });
}

/** A deep copy whose top-level sections can be broken freely. */
function clone(plan: Plan): Record<string, Record<string, unknown>> {
  return JSON.parse(JSON.stringify(plan)) as Record<string, Record<string, unknown>>;
}

describe('#fabric protocol', () => {
  const tmp = makeTempDir('fabric-cli-protocol-');
  const home = join(tmp.path, 'home');
  const cwd = join(tmp.path, 'work');
  mkdirSync(home);
  mkdirSync(cwd);
  const ctx = createNodeContext({ fabricHome: home, env: { FABRIC_HOME: home } });
  after(() => tmp.cleanup());

  async function run(...argv: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io: CommandIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      isInteractive: false,
      prompt: () => Promise.reject(new Error('protocol must not prompt')),
      cwd,
      signal: new AbortController().signal,
    };
    const code = await runCli(argv, ctx, io);
    return { code, stdout, stderr };
  }

  function write(name: string, content: unknown): string {
    writeFileSync(join(cwd, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return name;
  }

  async function errorPaths(doc: unknown, name: string): Promise<{ code: number; paths: string[] }> {
    const r = await run('protocol', 'validate', write(name, doc), '--json');
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { path: string }[] };
    assert.equal(out.ok, r.code === 0);
    return { code: r.code, paths: out.errors.map((e) => e.path) };
  }

  describe('when the document is the plan the Planner writes', () => {
    it('exits 0', async () => {
      const r = await run('protocol', 'validate', write('plan.json', plannerPlan()));
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
    });
    it('prints ok with no errors as JSON', async () => {
      const r = await run('protocol', 'validate', write('plan.json', plannerPlan()), '--json');
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.stdout), { ok: true, file: 'plan.json', errors: [] });
    });
    it('accepts an absolute path', async () => {
      const r = await run('protocol', 'validate', join(cwd, write('abs.json', plannerPlan())));
      assert.equal(r.code, 0);
    });
  });

  describe('when a required key is missing', () => {
    it('exits 1 and names the missing key', async () => {
      const doc = clone(plannerPlan());
      delete doc.status;
      const { code, paths } = await errorPaths(doc, 'missing.json');
      assert.equal(code, 1);
      assert.deepEqual(paths, ['/status']);
    });
  });

  describe('when several fields are wrong', () => {
    const doc = clone(plannerPlan());
    (doc as Record<string, unknown>).extra = true;
    doc.phase_meta.phase_id = 'P99';
    doc.guardrails.audit_trace = ['session_id'];
    doc.status.stage = 'done';
    doc.status.completion = 0.5;
    doc.dependency_graph.depends_on = ['P3']; // also in unblocks
    const expected = ['/extra', '/phase_meta/phase_id', '/guardrails/audit_trace', '/dependency_graph/depends_on/0', '/status/completion'];

    it('exits 1 and reports every error path as JSON', async () => {
      const { code, paths } = await errorPaths(doc, 'broken.json');
      assert.equal(code, 1);
      assert.deepEqual([...paths].sort(), [...expected].sort());
    });
    it('prints every error path for people too', async () => {
      const r = await run('protocol', 'validate', write('broken-human.json', doc));
      assert.equal(r.code, 1);
      const printed = r.stdout
        .split('\n')
        .slice(1)
        .filter((l) => l.trim() !== '')
        .map((l) => l.trim().split(/\s+/)[0]);
      assert.deepEqual([...printed].sort(), [...expected].sort());
    });
  });

  describe('when the document is not an object', () => {
    it('exits 1 and reports the root', async () => {
      const { code, paths } = await errorPaths([1, 2], 'array.json');
      assert.equal(code, 1);
      assert.deepEqual(paths, ['']);
    });
  });

  describe('when the file is not JSON', () => {
    it('exits 2 with SCHEMA_INVALID and prints nothing on stdout', async () => {
      const r = await run('protocol', 'validate', write('plan.txt', '{ "phase_meta": '), '--json');
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes('[SCHEMA_INVALID]'));
    });
  });

  describe('when the file cannot be read', () => {
    it('exits 2 for a missing file', async () => {
      const r = await run('protocol', 'validate', 'nope.json');
      assert.equal(r.code, 2);
      assert.ok(r.stderr.includes('[USAGE_INVALID]'));
    });
    it('exits 2 for a directory', async () => {
      const r = await run('protocol', 'validate', '.');
      assert.equal(r.code, 2);
      assert.ok(r.stderr.includes('[USAGE_INVALID]'));
    });
  });

  describe('when the arguments are wrong', () => {
    it('exits 2 without an action, without a FILE, or with an unknown action', async () => {
      for (const argv of [['protocol'], ['protocol', 'validate'], ['protocol', 'check', 'plan.json'], ['protocol', 'validate', 'a.json', 'b.json']]) {
        const r = await run(...argv);
        assert.equal(r.code, 2, argv.join(' '));
        assert.ok(r.stderr.includes('[USAGE_INVALID]'), argv.join(' '));
      }
    });
    it('prints help with --help', async () => {
      const r = await run('protocol', '--help');
      assert.equal(r.code, 0);
      assert.ok(r.stdout.includes('--json'));
    });
  });
});
