/**
 * Which repository a command works on: the one holding a given file or folder, else the active
 * editor's, else the only workspace folder's, else the one the user picks.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { FabricError } from '../runtime/errors';
import { repoIdentity } from '../runtime/git';

function folderFor(path: string): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(path));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folder to start from, or undefined when the user cancelled the pick. */
async function startFolder(hint: string | undefined): Promise<string | undefined> {
  if (hint) return isDirectory(hint) ? hint : dirname(hint);
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') {
    const f = folderFor(active.fsPath);
    if (f) return active.fsPath === f.uri.fsPath ? f.uri.fsPath : dirname(active.fsPath);
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) throw new FabricError('WORKSPACE_NOT_GIT', 'open a folder with a git repository first');
  if (folders.length === 1) return folders[0].uri.fsPath;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which repository should Fabric work on?' }))?.uri.fsPath;
}

/** The repository root to work on (`WORKSPACE_NOT_GIT` when there is none); undefined if cancelled. */
export async function pickRepo(hint?: string): Promise<string | undefined> {
  const start = await startFolder(hint);
  return start === undefined ? undefined : (await repoIdentity(start)).root;
}
