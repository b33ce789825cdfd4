/**
 * Copies a repair fixture (test/fixtures/repair/<name>) into a temp dir, runs its tests with the
 * real `node --test` (spec reporter, so stacks are real V8 lines) and reads its files back.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeTempDir } from '../../../helpers/tmp';

export interface FixtureWorkspace {
  /** Absolute root of the copy. */
  root: string;
  /** Workspace-relative path → text. */
  files: Map<string, string>;
  /** Runs one test file; returns the exit code and everything it printed. */
  runTest(testFile: string): { status: number | null; output: string };
  /** Overwrites a file in the copy. */
  write(file: string, text: string): void;
  cleanup(): void;
}

function readTree(root: string, dir: string, out: Map<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) readTree(root, abs, out);
    else out.set(relative(root, abs).split('\\').join('/'), readFileSync(abs, 'utf8'));
  }
}

export function fixtureWorkspace(name: string): FixtureWorkspace {
  const tmp = makeTempDir('fabric-repair-');
  const root = realpathSync(tmp.path);
  cpSync(join(__dirname, '..', '..', '..', 'fixtures', 'repair', name), root, { recursive: true });
  const files = new Map<string, string>();
  readTree(root, root, files);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: root, LANG: 'C.UTF-8', TZ: 'UTC' };
  return {
    root,
    files,
    runTest(testFile) {
      const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', testFile], { cwd: root, env, encoding: 'utf8' });
      return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
    },
    write(file, text) {
      writeFileSync(join(root, file), text);
    },
    cleanup: tmp.cleanup,
  };
}
