/**
 * One real run on a copy of demo/textkit (real git, real bubblewrap, real signatures), shared by
 * three groups of checks: what the user gets (branch, signed commit, evidence, untouched repo),
 * invariants of the run's event log, and tamper evidence (any flipped byte fails verification).
 * The copy has one extra passing test that prints a credential Fabric's environment holds, so the
 * redaction check sees the secret really reach the run. A second, small run puts it in the goal.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyEvidence } from '../../../src/runtime/audit/verifyEvidence';
import { verifyDsse } from '../../../src/runtime/evidence';
import { EVENT_LOG_FILE, verifyEventLog, type FabricEvent } from '../../../src/runtime/events';
import { allowedSignersLines, loadRuntimeKeys, loadTrustStore, type TrustStore } from '../../../src/runtime/keys';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { git, writeFiles } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import {
  fabricContext,
  illegalTransitions,
  isFabricRefPath,
  leftoverWorkspaces,
  makeTextkitRepo,
  mapChanges,
  porcelainStatus,
  readEvents,
  repoBytes,
  runOn,
  type RepoBytes,
  unauthorizedToolCalls,
} from './helpers';

/** How many positions of evidence.json are flipped (a strided sample; every byte takes ~2 min). */
const EVIDENCE_SAMPLES = 300;
/** How many positions of the event log are flipped (at least one on every line). */
const EVENT_LOG_SAMPLES = 300;

/** Position `i` of `bytes` with its lowest bit flipped. */
function flipped(bytes: Buffer, i: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[i] ^= 0x01;
  return copy;
}

describe('#runFix', () => {
  const tmp = makeTempDir('fabric-pipeline-happy-');
  const repo = join(tmp.path, 'textkit');
  const home = join(tmp.path, 'home');
  // A credential in Fabric's own environment (not a known token format: only the env rule can catch it).
  const secret = `sk-test-${randomBytes(8).toString('hex')}`;
  let head = '';
  let bytesBefore: RepoBytes;
  let result: FixResult;
  let trust: TrustStore;
  let events: FabricEvent[];

  before(async () => {
    makeTextkitRepo(repo);
    // One extra passing test prints the credential, so it really reaches the run's output.
    writeFiles(repo, { 'test/banner.test.js': `'use strict';\nconst test = require('node:test');\ntest('prints the deploy banner', () => {\n  console.log('deploying with ${secret}');\n});\n` });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'banner']);
    head = git(repo, ['rev-parse', 'HEAD']);
    bytesBefore = repoBytes(repo);
    const run = await runOn(fabricContext(home, { FAKE_API_TOKEN: secret }), { workspace: repo });
    assert.ok(run.result, `runFix threw ${run.error?.code}: ${run.error?.message}`);
    result = run.result;
    trust = loadTrustStore(home);
    events = readEvents(result.events_path);
  });
  after(() => tmp.cleanup());

  describe('when it fixes a copy of demo/textkit', () => {
    it('succeeds with the one-line fix in lib/truncate.js', () => {
      assert.equal(result.outcome, 'success', result.reason);
      assert.equal(result.fix?.file, 'lib/truncate.js');
      assert.equal(result.base_commit, head);
      assert.deepEqual(result.tests.fixed, ['truncate leaves text of exactly max length alone']);
    });

    it('creates the fabric/… branch pointing at the signed commit, whose parent is HEAD', () => {
      assert.ok(result.branch?.startsWith('fabric/'));
      assert.ok(result.branch?.endsWith(`-${result.trace_id.slice(0, 8)}`));
      assert.equal(git(repo, ['rev-parse', `refs/heads/${result.branch}`]), result.commit);
      assert.equal(git(repo, ['rev-parse', `${result.commit}^`]), head);
      assert.deepEqual(git(repo, ['diff-tree', '--no-commit-id', '--name-only', '-r', head, result.commit as string]).split('\n'), ['lib/truncate.js']);
    });

    it('has a commit signature that real git verifies with the release key (exit 0 and %G? = G)', () => {
      const keys = loadRuntimeKeys(home);
      const verify = (signers: string) => {
        const file = join(tmp.path, `allowed_signers_${randomBytes(4).toString('hex')}`);
        writeFileSync(file, signers);
        const cfg = ['-c', `gpg.ssh.allowedSignersFile=${file}`, '-c', 'core.hooksPath=/dev/null'];
        const status = spawnSync('git', [...cfg, 'verify-commit', result.commit as string], { cwd: repo, encoding: 'utf8' }).status;
        const mark = spawnSync('git', [...cfg, 'log', '-1', '--format=%G?', result.commit as string], { cwd: repo, encoding: 'utf8' }).stdout.trim();
        return { status, mark };
      };
      assert.deepEqual(verify(allowedSignersLines([keys.release])), { status: 0, mark: 'G' });
      // Negative control: the same principal with another key is not accepted.
      const wrongKey = allowedSignersLines([keys.verifier]).replace('fabric-verifier@', 'fabric-release@');
      const control = verify(wrongKey);
      assert.notEqual(control.status, 0);
      assert.notEqual(control.mark, 'G');
    });

    it('writes an Evidence Bundle that verifyEvidence accepts', async () => {
      const bundle: unknown = JSON.parse(readFileSync(result.bundle_path as string, 'utf8'));
      const report = await verifyEvidence(bundle, { trust, repoDir: repo, traceDir: result.trace_dir, expectCommit: result.commit });
      assert.ok(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok)));
      assert.ok(report.checks.some((c) => c.name === 'commit.signature' && c.ok));
    });

    it('stores exactly evidence.json as the note on refs/notes/fabric', () => {
      const note = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', 'notes', '--ref=fabric', 'show', result.commit as string], { cwd: repo });
      assert.equal(note.status, 0);
      assert.ok(Buffer.compare(note.stdout, readFileSync(result.bundle_path as string)) === 0);
    });

    it('writes a DSSE envelope that verifies and names the commit', () => {
      const envelope = JSON.parse(readFileSync(result.dsse_path as string, 'utf8')) as { payload: string };
      const verdict = verifyDsse(envelope, trust, { roles: ['verifier'] });
      assert.ok(verdict.ok);
      const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { subject: { digest: Record<string, string> }[] };
      assert.ok(statement.subject.some((s) => s.digest.gitCommit === result.commit));
      // Negative control: another payload under the same signature does not verify.
      const forged = { ...envelope, payload: Buffer.from(JSON.stringify({ ...statement, subject: [] })).toString('base64') };
      assert.equal(verifyDsse(forged, trust).ok, false);
    });

    it("leaves the user's working tree, index, HEAD and every existing ref byte-identical", () => {
      const after = repoBytes(repo);
      assert.deepEqual(mapChanges(bytesBefore.tree, after.tree), { changed: [], removed: [], added: [] });
      assert.equal(after.index, bytesBefore.index);
      assert.ok(bytesBefore.index.length > 0);
      const gitChanges = mapChanges(bytesBefore.gitFiles, after.gitFiles);
      assert.deepEqual({ changed: gitChanges.changed, removed: gitChanges.removed }, { changed: [], removed: [] });
      assert.deepEqual(gitChanges.added.filter((p) => !isFabricRefPath(p)), []);
      const refs = mapChanges(bytesBefore.refs, after.refs);
      assert.deepEqual({ changed: refs.changed, removed: refs.removed }, { changed: [], removed: [] });
      assert.deepEqual(refs.added.sort(), [`refs/heads/${result.branch}`, 'refs/notes/fabric'].sort());
      assert.equal(git(repo, ['symbolic-ref', 'HEAD']), 'refs/heads/main');
    });

    it('shows nothing in git status (.fabric/ ignores itself)', () => {
      assert.ok(readdirSync(join(repo, '.fabric')).includes('traces'));
      assert.equal(porcelainStatus(repo), '');
    });

    it('removes every temp workspace', () => {
      assert.deepEqual(leftoverWorkspaces(result.trace_id), []);
    });
  });

  describe('when its event log is audited', () => {
    it('has an intact hash chain', () => {
      const verification = verifyEventLog(result.trace_dir);
      assert.ok(verification.ok, JSON.stringify(verification));
      assert.equal(verification.count, events.length);
    });

    it('precedes every tool_call with an allowing policy_decision for the same capability, named as its cause', () => {
      const calls = events.filter((e) => e.action_type === 'tool_call');
      const capabilities = new Set(calls.map((e) => e.capability_id));
      for (const cap of ['git.snapshot', 'workspace.create', 'sandbox.exec', 'fs.read', 'fs.write', 'git.commit', 'evidence.sign', 'git.write_ref', 'git.note']) {
        assert.ok(capabilities.has(cap), `no tool_call for ${cap}`);
      }
      assert.deepEqual(unauthorizedToolCalls(events), []);
      // Negative controls: a call whose cause is a denial, or another capability's decision, is caught.
      const call = calls.find((e) => e.capability_id === 'fs.write') as FabricEvent;
      const decision = events[call.cause as number];
      const denied = events.map((e) => (e === decision ? { ...e, payload: { ...e.payload, decision: 'deny' } } : e));
      assert.deepEqual(unauthorizedToolCalls(denied), [call.seq]);
      const other = events.find((e) => e.action_type === 'policy_decision' && e.capability_id === 'git.commit') as FabricEvent;
      const miswired = events.map((e) => (e === call ? { ...e, cause: other.seq } : e));
      assert.deepEqual(unauthorizedToolCalls(miswired), [call.seq]);
    });

    it('answers every tool_call with a tool_result or an error that names it', () => {
      const answered = new Set(events.filter((e) => e.action_type === 'tool_result' || e.action_type === 'error').map((e) => e.cause));
      const unanswered = events.filter((e) => e.action_type === 'tool_call' && !answered.has(e.seq)).map((e) => e.seq);
      assert.deepEqual(unanswered, []);
    });

    it('makes only legal state transitions, from intake to released', () => {
      const transitions = events.filter((e) => e.action_type === 'state_transition');
      assert.equal(transitions[0].payload.from, 'intake');
      assert.equal(transitions[transitions.length - 1].payload.to, 'released');
      assert.deepEqual(illegalTransitions(events), []);
      // Negative control: a jump the table does not have is caught.
      const jump = transitions[1];
      const forged = events.map((e) => (e === jump ? { ...e, payload: { ...e.payload, to: 'released' } } : e));
      assert.ok(illegalTransitions(forged).includes(jump.seq));
    });

    it('never contains the secret from the environment (it is redacted where it appeared)', () => {
      const texts = [readFileSync(result.events_path, 'utf8')];
      const blobRoot = join(result.trace_dir, 'blobs');
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.isDirectory()) walk(join(dir, entry.name));
          else texts.push(readFileSync(join(dir, entry.name), 'latin1'));
        }
      };
      walk(blobRoot);
      assert.ok(texts.length > 1, 'the run stored no blob');
      assert.deepEqual(texts.filter((t) => t.includes(secret)).length, 0);
      // The banner test's output did reach the log: the credential was there to redact.
      assert.ok(texts.some((t) => t.includes('deploying with [REDACTED:env]')));
      assert.equal(readFileSync(join(repo, 'test', 'banner.test.js'), 'utf8').includes(secret), true);
    });
  });

  describe('when the goal itself contains the credential', () => {
    const repo2 = join(tmp.path, 'textkit-goal');
    let second: FixResult;
    before(async () => {
      makeTextkitRepo(repo2);
      const run = await runOn(fabricContext(home, { FAKE_API_TOKEN: secret }), { workspace: repo2, goal: `deploying with ${secret}: truncate cuts text that fits` });
      assert.ok(run.result, `runFix threw ${run.error?.code}: ${run.error?.message}`);
      second = run.result;
    });

    it('redacts it from everything that travels with a push: branch, commit message, bundle, note, DSSE', () => {
      assert.equal(second.outcome, 'success', second.reason);
      const message = git(repo2, ['log', '-1', '--format=%B', second.commit as string]);
      assert.ok(message.includes('[REDACTED:env]'), 'the commit message no longer names the goal');
      const note = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', 'notes', '--ref=fabric', 'show', second.commit as string], { cwd: repo2, encoding: 'utf8' }).stdout;
      const texts = {
        branch: second.branch as string,
        message,
        bundle: readFileSync(second.bundle_path as string, 'utf8'),
        note,
        dsse: Buffer.from((JSON.parse(readFileSync(second.dsse_path as string, 'utf8')) as { payload: string }).payload, 'base64').toString('utf8'),
        plan: readFileSync(join(second.trace_dir, 'plan.json'), 'utf8'),
        events: readFileSync(second.events_path, 'utf8'),
      };
      assert.deepEqual(Object.entries(texts).filter(([, text]) => text.includes(secret) || text.includes(secret.slice('sk-test-'.length))).map(([name]) => name), []);
    });
  });

  describe('when a single byte of the evidence is flipped', () => {
    const tampered = join(tmp.path, 'tampered-trace');
    before(() => cpSync(result.trace_dir, tampered, { recursive: true }));

    /** Verification of bundle text as `fabric verify-bundle` does it: unparseable text fails too. */
    async function verifies(text: string, traceDir: string): Promise<boolean> {
      let bundle: unknown;
      try {
        bundle = JSON.parse(text);
      } catch {
        return false;
      }
      return (await verifyEvidence(bundle, { trust, repoDir: repo, traceDir })).ok;
    }

    it(`fails verifyEvidence for every one of ${EVIDENCE_SAMPLES} strided positions of evidence.json`, async () => {
      const bytes = readFileSync(result.bundle_path as string);
      assert.ok(await verifies(bytes.toString('utf8'), tampered), 'the untouched copy must verify');
      const stride = Math.max(1, Math.floor(bytes.length / EVIDENCE_SAMPLES));
      const positions = Array.from({ length: EVIDENCE_SAMPLES }, (_, k) => Math.min(bytes.length - 1, k * stride + (k % stride)));
      positions.push(bytes.length - 1);
      const accepted: number[] = [];
      for (const i of new Set(positions)) {
        if (await verifies(flipped(bytes, i).toString('utf8'), tampered)) accepted.push(i);
      }
      assert.deepEqual(accepted, []);
    });

    it(`fails verifyEvidence for ≥ ${EVENT_LOG_SAMPLES} flipped bytes spread over every line of the event log`, async () => {
      const logPath = join(tampered, EVENT_LOG_FILE);
      const original = readFileSync(logPath);
      const bundleText = readFileSync(result.bundle_path as string, 'utf8');
      const starts = [0];
      for (let i = 0; i < original.length - 1; i++) if (original[i] === 0x0a) starts.push(i + 1);
      // Sample k lands on line k mod (number of lines), at a position that moves along the line.
      const positions = Array.from({ length: Math.max(EVENT_LOG_SAMPLES, starts.length) }, (_, k) => {
        const line = k % starts.length;
        const start = starts[line];
        const length = (line + 1 < starts.length ? starts[line + 1] : original.length) - start; // the line and its newline
        return start + ((k * 7919 + Math.floor(k / starts.length) * 131) % length);
      });
      positions.push(original.length - 1);
      const accepted: number[] = [];
      try {
        for (const i of positions) {
          writeFileSync(logPath, flipped(original, i));
          if (await verifies(bundleText, tampered)) accepted.push(i);
        }
      } finally {
        writeFileSync(logPath, original);
      }
      assert.deepEqual(accepted, []);
      assert.ok(await verifies(bundleText, tampered), 'the restored log must verify again');
    });
  });
});
