/**
 * What "Fabric: Explore fix" was invoked with, told apart by shape (no `vscode` import):
 * - nothing (the palette, a keybinding) → ask for the goal;
 * - `{ prefill }` (the quick fix on a diagnostic) → ask, pre-filled;
 * - a test item from the Testing view (`{ id, label, uri? }`) → ask, pre-filled from the test;
 * - `{ goal }` (scripts, tests, the panel) → run at once with that goal;
 * - a file URI (`{ scheme: 'file', fsPath }`) → ask, pre-filled from the file.
 * `folder` (a file-system path) picks the repository when given.
 */
import { goalFromFile, goalFromTest } from './goalText';

export type ExploreRequest = { kind: 'ask'; prefill?: string; folder?: string } | { kind: 'run'; goal: string; folder?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim().length > 0 ? v : undefined);

function fsPathOf(v: unknown): string | undefined {
  if (!isRecord(v)) return undefined;
  return v.scheme === 'file' ? text(v.fsPath) : undefined;
}

/**
 * `relative` turns an absolute path into the repository-relative one shown in a goal (it returns
 * the path unchanged when it is outside every workspace folder).
 */
export function parseExploreArg(arg: unknown, relative: (fsPath: string) => string): ExploreRequest {
  if (!isRecord(arg)) return { kind: 'ask' };
  const folder = text(arg.folder);
  const where = folder ? { folder } : {};
  const goal = text(arg.goal);
  if (goal) return { kind: 'run', goal, ...where };
  const prefill = text(arg.prefill);
  if (prefill) return { kind: 'ask', prefill, ...where };
  const label = text(arg.label);
  if (label && typeof arg.id === 'string') {
    const file = fsPathOf(arg.uri);
    return { kind: 'ask', prefill: goalFromTest(file ? { label, file: relative(file) } : { label }), ...(file ? { folder: file } : where) };
  }
  const file = fsPathOf(arg);
  if (file) return { kind: 'ask', prefill: goalFromFile(relative(file)), folder: file };
  return { kind: 'ask', ...where };
}
