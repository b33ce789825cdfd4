import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { verifyEvidence, type EvidenceReport } from '../../runtime/audit/verifyEvidence';
import { FabricError, isFabricError } from '../../runtime/errors';
import { listRangeCommits, readEvidenceNote, repoIdentity } from '../../runtime/git';
import { loadTrustStore } from '../../runtime/keys';
import { FABRIC_NOTES_REF } from '../../runtime/policy';
import { tracePaths } from '../../runtime/pipeline/tracePaths';
import { ExitCode, type CommandSpec } from '../command';
import { parseBundleText, printReport } from './verifyBundle';

/** The commits of `range`; a revision that does not exist is the user's mistake (exit 2), not an internal error. */
async function rangeCommits(root: string, range: string): ReturnType<typeof listRangeCommits> {
  try {
    return await listRangeCommits(root, range);
  } catch (e) {
    if (isFabricError(e, 'GIT_FAILED') && typeof e.data?.rev === 'string') {
      throw new FabricError('USAGE_INVALID', `--range ${range}: ${e.message}`, { cause: e, data: { range, rev: e.data.rev } });
    }
    throw e;
  }
}

interface GateEntry {
  commit: string;
  subject: string;
  trace_id: string | null;
  source: 'note' | 'trace' | null;
  ok: boolean;
  report?: EvidenceReport;
  reason?: string;
}

export const gateCommand: CommandSpec = {
  name: 'gate',
  summary: 'CI Evidence Gate: every Fabric commit in a range must carry a valid Evidence Bundle',
  usage: 'fabric gate --range A..B [--workspace DIR] [--json]',
  details:
    'Every commit in A..B with a `Fabric-Trace:` trailer needs an Evidence Bundle (from refs/notes/fabric, else from\n' +
    '.fabric/traces/<trace>/evidence.json) that passes every verify-bundle check, names that commit, and has\n' +
    'outcome success with regression score 0. Commits without the trailer are not Fabric commits and pass.\n' +
    'In CI, fetch the notes first: git fetch origin refs/notes/fabric:refs/notes/fabric',
  flags: {
    range: { type: 'string', valueName: 'A..B', description: 'The commit range to check (required), e.g. origin/main..HEAD' },
    workspace: { type: 'string', valueName: 'DIR', description: 'The repository', default: '.' },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  async run(args, ctx, io) {
    const range = args.flags.range;
    if (typeof range !== 'string' || !range.includes('..')) throw new FabricError('USAGE_INVALID', '--range A..B is required');
    const root = (await repoIdentity(resolve(io.cwd, String(args.flags.workspace)))).root;
    const trust = loadTrustStore(ctx.fabricHome);
    const entries: GateEntry[] = [];
    for (const c of await rangeCommits(root, range)) {
      const subject = c.message.split('\n')[0];
      const traceId = c.trailers['Fabric-Trace'] ?? null;
      if (!traceId) {
        entries.push({ commit: c.oid, subject, trace_id: null, source: null, ok: true, reason: 'not a Fabric commit' });
        continue;
      }
      const note = await readEvidenceNote(root, c.oid, FABRIC_NOTES_REF);
      const paths = tracePaths(root, traceId);
      const text = note ?? (existsSync(paths.bundle) ? readFileSync(paths.bundle, 'utf8') : null);
      if (text === null) {
        entries.push({ commit: c.oid, subject, trace_id: traceId, source: null, ok: false, reason: `no Evidence Bundle (no note on ${FABRIC_NOTES_REF}, no ${paths.traceRef.replace('agent_events.jsonl', 'evidence.json')})` });
        continue;
      }
      const parsed = parseBundleText(text);
      if ('error' in parsed) {
        entries.push({ commit: c.oid, subject, trace_id: traceId, source: note ? 'note' : 'trace', ok: false, reason: `the bundle is not JSON: ${parsed.error}` });
        continue;
      }
      const report = await verifyEvidence(parsed.bundle, { trust, repoDir: root, expectCommit: c.oid, ...(existsSync(join(paths.dir, 'agent_events.jsonl')) ? { traceDir: paths.dir } : {}) });
      entries.push({ commit: c.oid, subject, trace_id: traceId, source: note ? 'note' : 'trace', ok: report.ok, report });
    }
    const ok = entries.every((e) => e.ok);
    if (args.flags.json) io.stdout(JSON.stringify({ ok, range, commits: entries }, null, 2) + '\n');
    else {
      const fabric = entries.filter((e) => e.trace_id);
      io.stdout(`${ok ? '✔ Evidence Gate passed' : '✘ Evidence Gate FAILED'}: ${range} — ${entries.length} commit(s), ${fabric.length} by Fabric\n`);
      for (const e of entries) {
        io.stdout(`${e.ok ? '✔' : '✘'} ${e.commit.slice(0, 12)} ${e.subject}${e.reason ? ` (${e.reason})` : ''}\n`);
        if (e.report && !e.report.ok) printReport({ ...e.report, checks: e.report.checks.filter((c) => !c.ok) }, io.stdout);
      }
    }
    return ok ? ExitCode.Ok : ExitCode.CheckFailed;
  },
};
