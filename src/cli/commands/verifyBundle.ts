import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { verifyEvidence, type EvidenceReport } from '../../runtime/audit/verifyEvidence';
import { FabricError } from '../../runtime/errors';
import { EVENT_LOG_FILE } from '../../runtime/events';
import { repoIdentity } from '../../runtime/git';
import { loadTrustStore } from '../../runtime/keys';
import { ExitCode, type CommandSpec } from '../command';

export function printReport(report: EvidenceReport, out: (t: string) => void): void {
  for (const c of report.checks) out(`  ${c.ok ? '✔' : '✘'} ${c.name.padEnd(22)} ${c.message}${!c.ok && c.field ? `  [field: ${c.field}${c.line !== undefined ? `, line ${c.line}` : ''}]` : ''}\n`);
}

/** Parses bundle text; a bundle that is not JSON is reported as a failed `parse` check, not thrown. */
export function parseBundleText(text: string): { bundle: unknown } | { error: string } {
  try {
    return { bundle: JSON.parse(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export const verifyBundleCommand: CommandSpec = {
  name: 'verify-bundle',
  summary: 'Check an Evidence Bundle: signatures, the commit it names, and its event log',
  usage: 'fabric verify-bundle PATH [--workspace DIR] [--json]',
  details:
    'Checks the bundle\'s schema and its verifier and policy-engine signatures against the trusted keys\n' +
    '($FABRIC_HOME/trusted_keys.json, else your own keys); that its commit exists, has the base as parent, carries\n' +
    'Fabric-Trace/Fabric-Evidence trailers bound to this bundle and a good SSH signature by a trusted release key,\n' +
    'and that the commit\'s diff digest equals verified_diff_sha; and, when the trace folder is beside the bundle,\n' +
    'that the event log\'s hash chain is intact and its signed head matches. Every failing check names its field.\n' +
    'PATH may also be a trace folder (.fabric/traces/<trace>), meaning the evidence.json inside it.',
  positionals: ['PATH'],
  flags: {
    workspace: { type: 'string', valueName: 'DIR', description: 'The repository holding the commit (default: found from PATH, else the current folder)' },
    json: { type: 'boolean', description: 'Print the checks as JSON' },
  },
  async run(args, ctx, io) {
    const path = args.positionals[0];
    if (!path) throw new FabricError('USAGE_INVALID', 'verify-bundle needs the PATH of an evidence.json');
    const file = bundleFile(resolve(io.cwd, path), path);
    // An explicit --workspace must be a repository (WORKSPACE_NOT_GIT, exit 2); it is never silently replaced.
    const workspace = typeof args.flags.workspace === 'string' ? (await repoIdentity(resolve(io.cwd, args.flags.workspace))).root : undefined;
    const parsed = parseBundleText(readFileSync(file, 'utf8'));
    let report: EvidenceReport;
    if ('error' in parsed) {
      report = { ok: false, trace_id: null, commit: null, checks: [{ name: 'parse', ok: false, field: '(file)', message: `not JSON: ${parsed.error}` }] };
    } else {
      const traceDir = existsSync(join(dirname(file), EVENT_LOG_FILE)) ? dirname(file) : undefined;
      const repoDir = workspace ?? (await findRepo(dirname(file), io.cwd));
      report = await verifyEvidence(parsed.bundle, { trust: loadTrustStore(ctx.fabricHome), ...(repoDir ? { repoDir } : {}), ...(traceDir ? { traceDir } : {}) });
    }
    if (args.flags.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
    else {
      io.stdout(`${report.ok ? '✔ Evidence Bundle verified' : '✘ Evidence Bundle FAILED verification'}: ${path}\n`);
      printReport(report, io.stdout);
    }
    return report.ok ? ExitCode.Ok : ExitCode.CheckFailed;
  },
};

/** PATH is the bundle, or a trace folder holding `evidence.json`; anything else is USAGE_INVALID. */
function bundleFile(full: string, shown: string): string {
  if (!existsSync(full)) throw new FabricError('USAGE_INVALID', `no such file: ${shown}`);
  if (!statSync(full).isDirectory()) return full;
  const inside = join(full, 'evidence.json');
  if (existsSync(inside) && statSync(inside).isFile()) return inside;
  throw new FabricError('USAGE_INVALID', `${shown} is a folder without an evidence.json`);
}

async function findRepo(...candidates: string[]): Promise<string | undefined> {
  for (const dir of candidates) {
    try {
      return (await repoIdentity(dir)).root;
    } catch {
      // not inside a repository: try the next candidate
    }
  }
  return undefined;
}
