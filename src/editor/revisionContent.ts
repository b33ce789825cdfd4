/**
 * Serves the read-only `fabric-base:` and `fabric-candidate:` documents of the diff editor, only
 * for repositories of the open workspace (any extension or link can open a URI). The git reading
 * is loaded on first use, so activation stays light.
 */
import * as vscode from 'vscode';
import { FabricError } from '../runtime/errors';
import { BASE_SCHEME, CANDIDATE_SCHEME } from './commandIds';
import { isWorkspaceRepo } from './workspacePaths';

export class RevisionContentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { contentOf, decodeFileRef } = await import('./fileAtRevision');
    const ref = decodeFileRef(uri.query);
    if ((uri.scheme === CANDIDATE_SCHEME) !== (ref.edit !== undefined)) throw new FabricError('SCHEMA_INVALID', 'not a Fabric diff document address');
    if (!isWorkspaceRepo(ref.repo)) throw new FabricError('USAGE_INVALID', 'Fabric shows files only from repositories of the open workspace');
    return contentOf(ref);
  }

  static register(): vscode.Disposable[] {
    const provider = new RevisionContentProvider();
    return [vscode.workspace.registerTextDocumentContentProvider(BASE_SCHEME, provider), vscode.workspace.registerTextDocumentContentProvider(CANDIDATE_SCHEME, provider)];
  }
}
