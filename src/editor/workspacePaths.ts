/** Paths and the open workspace: which repositories belong to it, and workspace-relative names. */
import { relative, sep } from 'node:path';
import * as vscode from 'vscode';

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** True when `repoDir` is, contains or lies inside an open workspace folder. */
export function isWorkspaceRepo(repoDir: string): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some((f) => inside(f.uri.fsPath, repoDir) || inside(repoDir, f.uri.fsPath));
}

/** `path` relative to its workspace folder, slash-separated (unchanged when it is in none). */
export function workspaceRelative(path: string): string {
  const f = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path));
  return f ? relative(f.uri.fsPath, path).split(sep).join('/') : path;
}
