/**
 * Everything the CLI reference is rendered from, read from its single sources of truth: the
 * `CommandSpec`s listed in `src/cli/commands/index.ts`, `ExitCode` and its JSDoc in
 * `src/cli/command.ts`, and how each `FabricErrorCode` (`src/runtime/errors.ts`) maps to an exit code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/command';
import { commands } from '../../src/cli/commands';
import { exitCodeFor } from '../../src/cli/exitCodes';
import type { FabricErrorCode } from '../../src/runtime/errors';
import type { CliReferenceInputs, ExitCodeDoc } from './renderCliReference';
import { readObjectMemberDocs, readStringUnion } from './readSourceDocs';

/** The repository root (this file is scripts/docs/cliReferenceInputs.ts). */
export const REPO_ROOT = join(__dirname, '..', '..');

const COMMAND_TS = 'src/cli/command.ts';
const ERRORS_TS = 'src/runtime/errors.ts';

function exitCodeDocs(root: string): ExitCodeDoc[] {
  const docs = readObjectMemberDocs(COMMAND_TS, readFileSync(join(root, COMMAND_TS), 'utf8'), 'ExitCode');
  const errorCodes = readStringUnion(ERRORS_TS, readFileSync(join(root, ERRORS_TS), 'utf8'), 'FabricErrorCode') as FabricErrorCode[];
  const values = ExitCode as Record<string, number>;
  const names = Object.keys(values);
  const documented = docs.map((d) => d.name);
  if (names.join() !== documented.join()) throw new Error(`${COMMAND_TS}: ExitCode members ${names.join(', ')} differ from the source (${documented.join(', ')})`);
  return docs.map(({ name, doc }) => {
    if (doc === '') throw new Error(`${COMMAND_TS}: ExitCode.${name} has no JSDoc line`);
    const code = values[name];
    return { code, name, description: doc, errorCodes: errorCodes.filter((e) => exitCodeFor(e) === code) };
  });
}

/** Reads the commands and exit codes from the code under `root` (the repository root). */
export function cliReferenceInputs(root: string = REPO_ROOT): CliReferenceInputs {
  return { commands, exitCodes: exitCodeDocs(root) };
}
