/**
 * Writes the CLI reference into README.md between `<!-- cli-reference:start -->` and
 * `<!-- cli-reference:end -->` (STYLE §15: docs come from the code). Run `npx tsx scripts/gen-docs.ts`
 * after changing a command's flags, summary, usage or details, or the exit codes.
 *
 *   npx tsx scripts/gen-docs.ts           update README.md (creates a skeleton when it is missing)
 *   npx tsx scripts/gen-docs.ts --check   exit 1 when README.md's section is out of date; write nothing
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliReferenceInputs, REPO_ROOT } from './docs/cliReferenceInputs';
import { renderCliReference } from './docs/renderCliReference';
import { END_MARKER, README_SKELETON, readSection, replaceSection, sectionBody, START_MARKER } from './docs/readmeSection';

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`gen-docs: unknown argument '${unknown[0]}'. Usage: npx tsx scripts/gen-docs.ts [--check]\n`);
    return 2;
  }
  const check = argv.includes('--check');
  const readmePath = join(REPO_ROOT, 'README.md');
  const body = sectionBody(renderCliReference(cliReferenceInputs(REPO_ROOT)));
  const exists = existsSync(readmePath);
  if (check) {
    const current = exists ? readSection(readFileSync(readmePath, 'utf8')) : undefined;
    if (!exists) process.stderr.write('gen-docs: README.md does not exist. Run `npx tsx scripts/gen-docs.ts` to create it.\n');
    else if (current === undefined) process.stderr.write(`gen-docs: README.md needs exactly one ${START_MARKER} followed by one ${END_MARKER}.\n`);
    else if (current !== body) process.stderr.write('gen-docs: the CLI reference in README.md is out of date. Run `npx tsx scripts/gen-docs.ts` and commit README.md.\n');
    else {
      process.stdout.write('gen-docs: the CLI reference in README.md is up to date.\n');
      return 0;
    }
    return 1;
  }
  const readme = exists ? readFileSync(readmePath, 'utf8') : README_SKELETON;
  const next = replaceSection(readme, body);
  if (next === undefined) {
    process.stderr.write(`gen-docs: README.md needs exactly one ${START_MARKER} followed by one ${END_MARKER}; add them where the reference belongs.\n`);
    return 1;
  }
  if (next !== readme || !exists) writeFileSync(readmePath, next);
  process.stdout.write(`gen-docs: ${!exists ? 'created README.md' : next !== readme ? 'updated README.md' : 'README.md was already up to date'}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
