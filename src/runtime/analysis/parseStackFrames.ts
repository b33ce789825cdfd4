/**
 * Parses V8 stack lines (`at fn (/abs/file.js:12:5)`, `at /abs/file.js:12:5`, `file://` URLs,
 * `async` frames) into workspace-relative frames, in order. Node internals (`node:`), node_modules
 * and paths outside the workspace are dropped. Frames as node:test's TAP reporter prints them
 * (without `at`) are accepted when their location is absolute or a file URL. Stack text is not code, so a line pattern is fine here.
 */
import type { StackFrame } from './types';
import { workspaceRelative } from './workspacePath';

const AT_LINE = /^\s*at\s+(.*)$/;
/** node:test's TAP reporter prints frames without `at`: accept those only with an absolute location. */
const BARE_LINE = /^\s*((?:[^\s()][^()]*\s)?\(?(?:file:\/\/|\/|[A-Za-z]:[\\/])[^()]*:\d+:\d+\)?)\s*$/;
const LOCATION = /^(.*):(\d+):(\d+)$/;

function splitFrame(body: string): { name: string | null; location: string } {
  const trimmed = body.trim();
  if (trimmed.endsWith(')')) {
    const open = trimmed.lastIndexOf(' (');
    if (open > 0) return { name: trimmed.slice(0, open), location: trimmed.slice(open + 2, -1) };
    if (trimmed.startsWith('(')) return { name: null, location: trimmed.slice(1, -1) };
  }
  return { name: null, location: trimmed };
}

function cleanName(raw: string | null): string | undefined {
  if (raw === null) return undefined;
  const name = raw.replace(/^async\s+/, '').replace(/\s+\[as [^\]]+\]$/, '').trim();
  return name.length > 0 ? name : undefined;
}

export function parseStackFrames(text: string, workspaceRoot: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const at = AT_LINE.exec(rawLine) ?? BARE_LINE.exec(rawLine);
    if (!at) continue;
    let body = at[1].trim();
    if (body.startsWith('async ') && !body.includes(' (')) body = body.slice('async '.length);
    const { name, location } = splitFrame(body);
    // `eval at …` frames carry a nested location; they never name an edit target.
    if (location.includes('eval at ')) continue;
    const loc = LOCATION.exec(location);
    if (!loc) continue;
    const file = workspaceRelative(loc[1], workspaceRoot);
    if (file === null) continue;
    const frame: StackFrame = { file, line: Number(loc[2]), column: Number(loc[3]) };
    const functionName = cleanName(name);
    if (functionName !== undefined) frame.functionName = functionName;
    frames.push(frame);
  }
  return frames;
}
