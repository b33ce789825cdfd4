/**
 * Workspace-relative files of the failing tests of a run, for focusing the next run on them. A
 * test's own `file` wins; otherwise the failure text's stack frames are read and, of the frames
 * inside the workspace and outside `node_modules`, the first that is a test file (`isTestPath`) is
 * taken, else the first such frame. Relative frames (mocha prints them) count as workspace-relative.
 */
import { isTestPath } from '../../util/testPaths';
import type { SuiteRun } from './types';
import { relativeFile } from './relativeFile';

const FRAME = /(?:file:\/\/)?(?:[A-Za-z]:)?[^\s()'"`]*?\.[cm]?[jt]sx?(?=:\d+(?::\d+)?)/g;

function framesOf(text: string, workspaceRoot: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FRAME)) {
    if (m[0].startsWith('node:')) continue;
    const rel = relativeFile(m[0], workspaceRoot);
    if (rel === null || rel === '' || rel.split('/').includes('node_modules')) continue;
    out.push(rel);
  }
  return out;
}

export function failingTestFiles(run: SuiteRun, workspaceRoot: string): string[] {
  const files = new Set<string>();
  for (const test of run.tests) {
    if (test.status !== 'fail') continue;
    const own = test.file === undefined ? null : relativeFile(test.file, workspaceRoot);
    if (own !== null) {
      files.add(own);
      continue;
    }
    const frames = framesOf(`${test.failure?.message ?? ''}\n${test.failure?.stack ?? ''}`, workspaceRoot);
    const pick = frames.find((f) => isTestPath(f)) ?? frames[0];
    if (pick !== undefined) files.add(pick);
  }
  return [...files].sort();
}
