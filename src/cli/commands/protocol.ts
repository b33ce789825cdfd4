import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FabricError } from '../../runtime/errors';
import { validateProtocolDocument, type ProtocolError } from '../../runtime/protocol';
import { ExitCode, type CommandIo, type CommandSpec } from '../command';

/** Reads and parses FILE; an unreadable file or text that is not JSON is a usage error (exit 2). */
function readJson(path: string, io: CommandIo): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new FabricError('USAGE_INVALID', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e, data: { file: path } });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FabricError('SCHEMA_INVALID', `${path} is not JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`, { cause: e, data: { file: path } });
  }
}

function printHuman(path: string, errors: readonly ProtocolError[], out: (t: string) => void): void {
  if (errors.length === 0) {
    out(`✔ Valid Unified Specification Protocol v1 document: ${path}\n`);
    return;
  }
  out(`✘ Invalid Unified Specification Protocol v1 document: ${path} — ${errors.length} problem(s)\n`);
  const width = Math.max(...errors.map((e) => (e.path || '/').length));
  for (const e of errors) out(`  ${(e.path || '/').padEnd(width)}  ${e.message}\n`);
}

export const protocolCommand: CommandSpec = {
  name: 'protocol',
  summary: 'Validate a Unified Specification Protocol v1 document (a Plan) and list every problem',
  usage: 'fabric protocol validate FILE [--json]',
  details:
    'Checks FILE against the Unified Specification Protocol v1 schema (the 12 required keys phase_meta … status, their\n' +
    'inner shapes, no extra keys, `trace_id` in guardrails.audit_trace) and the rules across fields (a phase neither\n' +
    'depends on nor unblocks itself, nor both depends on and unblocks the same phase; stage `done` means completion 1).\n' +
    'Every problem is printed with the JSON Pointer of the offending value. Exits 0 when the document is valid, 1 when\n' +
    'it is not, 2 when FILE cannot be read or is not JSON.',
  positionals: ['ACTION', 'FILE'],
  flags: {
    json: { type: 'boolean', description: 'Print `{ ok, file, errors: [{ path, message }] }` as JSON' },
  },
  async run(args, _ctx, io) {
    const [action, path] = args.positionals;
    if (action !== 'validate') {
      throw new FabricError('USAGE_INVALID', action ? `unknown protocol action '${action}' (validate)` : 'protocol needs an action: validate');
    }
    if (!path) throw new FabricError('USAGE_INVALID', 'protocol validate needs the FILE of a JSON document');
    const result = validateProtocolDocument(readJson(path, io));
    const errors = result.ok ? [] : result.errors;
    if (args.flags.json) io.stdout(JSON.stringify({ ok: result.ok, file: path, errors }, null, 2) + '\n');
    else printHuman(path, errors, io.stdout);
    return result.ok ? ExitCode.Ok : ExitCode.CheckFailed;
  },
};
