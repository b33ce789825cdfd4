/**
 * Throw-away workspaces: the base commit is materialized once ("pristine"), and every baseline,
 * candidate and compile workspace is a copy of it in its own folder. Installed dependencies
 * (`node_modules`, ignored by git) are never copied: the sandbox mounts them read-only.
 */
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { materializeTree } from '../git';
import type { Lease } from '../kernel';
import { dependencyMounts, type Mount } from '../sandbox';
import { writeOwner } from './leftovers';
import type { RunContext } from './runContext';

export interface Workspace {
  /** Short id, e.g. `baseline`, `candidate-3f2a…`, `compile-1`. */
  label: string;
  /** Absolute, symlink-free path. */
  path: string;
}

export class Workspaces {
  private readonly root: string;
  private pristinePromise: Promise<string> | null = null;
  /** Paths the pristine copy skipped (unsafe paths, symlinks escaping the tree, submodules). */
  skipped: string[] = [];

  constructor(
    private readonly rc: RunContext,
    private readonly repoDir: string,
    private readonly baseOid: string,
  ) {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), `fabric-${rc.ids.trace_id.slice(0, 8)}-`)));
    writeOwner(this.root, rc.ids.trace_id);
  }

  /** Creates a fresh copy of the base commit for `label`, through the Gate. */
  async create(label: string, lease: Lease): Promise<Workspace> {
    return this.rc.gate.invoke(
      lease,
      { capability: 'workspace.create', role: lease.role, workspace: label },
      { workspace: label, base: this.baseOid },
      async () => {
        const pristine = await this.pristine();
        const path = join(this.root, label);
        cpSync(pristine, path, { recursive: true, verbatimSymlinks: true, errorOnExist: true, force: false });
        return { label, path };
      },
      { summarize: (ws) => ({ workspace: ws.label }) },
    );
  }

  /** Read-only mounts of the repository's installed dependencies into `ws`. */
  mounts(ws: Workspace): Mount[] {
    return dependencyMounts(this.repoDir, ws.path);
  }

  /** Removes a workspace in the background (a synchronous delete would stall the other candidates); `dispose` sweeps the rest. */
  remove(ws: Workspace): void {
    void rm(ws.path, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The base commit's files, materialized once (concurrent callers share the same promise). */
  private pristine(): Promise<string> {
    this.pristinePromise ??= (async () => {
      const path = join(this.root, '.pristine');
      mkdirSync(path);
      const result = await materializeTree(this.repoDir, this.baseOid, path);
      this.skipped = result.skipped.map((s) => s.path);
      return path;
    })();
    return this.pristinePromise;
  }
}
