/**
 * Turns a `PolicyRequest` into a Cedar request carrying only the entities that request needs
 * (the file and its directory chain, the ref and its namespace, …) and the typed context of
 * policies/fabric.cedarschema. One exhaustive switch: a new capability will not compile until it
 * is mapped here.
 */
import type { Context, EntityJson, TypeAndId } from '@cedar-policy/cedar-wasm/nodejs';
import { isTestPath } from '../util/testPaths';
import { directoryChain, directoryUid, fileEntities, fileUid, normalizeRepoPath, ROOT_DIRECTORY, scopeUids, type ScopeUids } from './paths';
import { refEntities, refUid } from './refs';
import type { PolicyRequest } from './types';

export interface CedarRequest {
  principal: TypeAndId;
  action: TypeAndId;
  resource: TypeAndId;
  context: Context;
  entities: EntityJson[];
}

/** Either a Cedar request or the reasons it cannot be built (the engine then denies). */
export type BuiltRequest = { ok: true; request: CedarRequest } | { ok: false; errors: string[] };

const NO_SCOPE: ScopeUids = { dirs: [], files: [] };

function uid(type: string, id: string): TypeAndId {
  return { type: `Fabric::${type}`, id };
}

interface Target {
  resource: TypeAndId;
  entities: EntityJson[];
  scope?: ScopeUids;
  allowTestEdits?: boolean;
}

function fileTarget(path: string, isTest: boolean): Target | string {
  const normalized = normalizeRepoPath(path);
  if (normalized === undefined) return `path is not a plain repo-relative path: ${JSON.stringify(path)}`;
  return { resource: fileUid(normalized), entities: fileEntities(normalized, isTest || isTestPath(normalized)) };
}

/** `fs.read` of a file, or of a whole directory (`.` or `dir/`: e.g. the Localizer scanning sources). */
function readTarget(path: string): Target | string {
  const p = path.replace(/\\/g, '/');
  if (p === ROOT_DIRECTORY || p === './') return { resource: directoryUid(ROOT_DIRECTORY), entities: [{ uid: directoryUid(ROOT_DIRECTORY), attrs: { path: ROOT_DIRECTORY }, parents: [] }] };
  if (p.endsWith('/')) {
    const normalized = normalizeRepoPath(p);
    if (normalized === undefined) return `path is not a plain repo-relative path: ${JSON.stringify(path)}`;
    const chain = directoryChain(`${normalized}/x`);
    return {
      resource: directoryUid(chain[0]),
      entities: chain.map((dir, i) => ({ uid: directoryUid(dir), attrs: { path: dir }, parents: chain[i + 1] === undefined ? [] : [directoryUid(chain[i + 1])] })),
    };
  }
  return fileTarget(path, false);
}

function target(request: PolicyRequest): Target | string {
  switch (request.capability) {
    case 'workspace.create':
      return { resource: uid('Workspace', request.workspace), entities: [] };
    case 'fs.read':
      return readTarget(request.path);
    case 'fs.write': {
      const file = fileTarget(request.path, request.isTestFile);
      if (typeof file === 'string') return file;
      return { ...file, scope: scopeUids(request.writeScope), allowTestEdits: request.allowTestEdits };
    }
    case 'sandbox.exec': {
      const workspace = uid('Workspace', request.workspace);
      const resource = uid('Command', request.program);
      return { resource, entities: [{ uid: resource, attrs: { program: request.program, network: request.network }, parents: [workspace] }] };
    }
    case 'git.snapshot':
    case 'git.commit':
      return { resource: uid('Repository', 'workspace'), entities: [] };
    case 'git.write_ref':
    case 'git.note':
    case 'git.push':
    case 'git.force_push':
    case 'git.delete_branch':
      return { resource: refUid(request.ref), entities: refEntities(request) };
    case 'evidence.sign':
      return { resource: uid('Evidence', request.subject), entities: [] };
    case 'network.access': {
      const resource = uid('Host', request.host);
      return { resource, entities: [{ uid: resource, attrs: { name: request.host }, parents: [] }] };
    }
    default: {
      const unknown: never = request;
      return `unknown capability ${JSON.stringify((unknown as { capability: unknown }).capability)}`;
    }
  }
}

/** Builds the Cedar request; `nowSeconds` is compared with the approval's `exp` by the policies. */
export function buildCedarRequest(request: PolicyRequest, nowSeconds: number): BuiltRequest {
  const t = target(request);
  if (typeof t === 'string') return { ok: false, errors: [t] };
  const approval = request.approval ?? { valid: false, action: '', exp: 0 };
  const budget = request.budget ?? { wallMsUsed: 0, wallMsLimit: Number.MAX_SAFE_INTEGER };
  const scope = t.scope ?? NO_SCOPE;
  const context: Context = {
    now: Math.floor(nowSeconds),
    approval: { valid: approval.valid, action: approval.action, exp: Math.floor(approval.exp) },
    budget: { wall_ms_used: Math.floor(budget.wallMsUsed), wall_ms_limit: Math.floor(budget.wallMsLimit) },
    write_scope: {
      dirs: scope.dirs.map((d) => ({ __entity: d })),
      files: scope.files.map((f) => ({ __entity: f })),
    },
    allow_test_edits: t.allowTestEdits ?? false,
  };
  return {
    ok: true,
    request: {
      principal: uid('Role', request.role),
      action: uid('Action', request.capability),
      resource: t.resource,
      context,
      entities: t.entities,
    },
  };
}
