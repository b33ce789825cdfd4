import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { FabricError } from '../errors';
import { compileSchema } from '../util/schema';
import { isInside } from './isInside';
import { DEFAULT_MAX_OUTPUT_BYTES, type ExecLimits, type ExecSpec, type Mount } from './types';

/** An `ExecSpec` after validation: canonical absolute paths, defaults filled in. */
export interface ResolvedExecSpec {
  /** Program and arguments (non-empty). */
  argv: string[];
  /** Canonical working directory inside `workspace`. */
  cwd: string;
  /** Canonical workspace directory. */
  workspace: string;
  /** Read-only mounts, `sandboxPath` canonicalised into the workspace. */
  readOnlyMounts: Mount[];
  /** Extra environment on top of the minimal one. */
  env: Record<string, string>;
  /** Wall-clock limit in milliseconds. */
  timeoutMs: number;
  /** Per-stream capture limit in bytes. */
  maxOutputBytes: number;
  /** Resource limits (possibly empty). */
  limits: ExecLimits;
  /** Abort signal, if any. */
  signal: AbortSignal | undefined;
}

const noNul = { type: 'string', pattern: '^[^\\u0000]*$' } as const;
const absPath = { type: 'string', minLength: 1, pattern: '^/[^\\u0000]*$' } as const;

const execSpecSchema = {
  type: 'object',
  required: ['argv', 'cwd', 'workspace', 'timeoutMs'],
  additionalProperties: false,
  properties: {
    argv: { type: 'array', minItems: 1, items: noNul },
    cwd: absPath,
    workspace: absPath,
    readOnlyMounts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['hostPath', 'sandboxPath'],
        additionalProperties: false,
        properties: { hostPath: absPath, sandboxPath: absPath },
      },
    },
    env: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: noNul,
    },
    timeoutMs: { type: 'number', exclusiveMinimum: 0, maximum: 2147483647 },
    maxOutputBytes: { type: 'integer', minimum: 0 },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pids: { type: 'integer', minimum: 1 },
        fileSizeBytes: { type: 'integer', minimum: 0 },
        openFiles: { type: 'integer', minimum: 1 },
        cpuSeconds: { type: 'integer', minimum: 1 },
      },
    },
  },
} as const;

const execSpec = compileSchema<Omit<ExecSpec, 'signal'>>(execSpecSchema);

function escape(message: string, data: Record<string, unknown>): FabricError {
  return new FabricError('SANDBOX_PATH_ESCAPE', message, { data });
}

/** Realpath of the deepest existing ancestor of `path`, with the missing tail re-appended. */
function canonicalish(path: string): string {
  const tail: string[] = [];
  let cur = normalize(path);
  while (!existsSync(cur) && dirname(cur) !== cur) {
    tail.unshift(basename(cur));
    cur = dirname(cur);
  }
  return join(realpathSync(cur), ...tail);
}

/**
 * Validates an `ExecSpec` (ajv, every bad field reported in `data.fields`) and resolves its paths.
 * `cwd` and every mount's `sandboxPath` must stay inside the workspace after following symlinks;
 * the workspace may not contain a directory the sandbox hides (`hidden`), or binding it would
 * expose that directory again.
 */
export function assertExecSpec(spec: ExecSpec, hidden: readonly string[] = []): ResolvedExecSpec {
  const { signal, ...plain } = spec;
  const issues = execSpec.issues(plain);
  if (issues.length > 0) {
    throw new FabricError('SCHEMA_INVALID', 'invalid ExecSpec', { data: { fields: [...new Set(issues.map((i) => i.path))] } });
  }
  if (!existsSync(spec.workspace) || !statSync(spec.workspace).isDirectory()) {
    throw new FabricError('SANDBOX_SPAWN_FAILED', 'workspace is not a directory', { data: { workspace: spec.workspace } });
  }
  const workspace = realpathSync(spec.workspace);
  if (workspace === '/') throw escape('workspace may not be the root directory', { workspace });
  for (const h of hidden) {
    if (isInside(workspace, h)) throw escape('workspace contains a directory the sandbox hides', { workspace, hidden: h });
  }
  if (!isInside(normalize(spec.workspace), normalize(spec.cwd))) throw escape('cwd is outside the workspace', { cwd: spec.cwd });
  const cwd = canonicalish(spec.cwd);
  if (!isInside(workspace, cwd)) throw escape('cwd resolves outside the workspace', { cwd: spec.cwd });
  if (!existsSync(cwd)) throw new FabricError('SANDBOX_SPAWN_FAILED', 'cwd does not exist', { data: { cwd: spec.cwd } });
  const readOnlyMounts = (spec.readOnlyMounts ?? []).map((m) => {
    if (!existsSync(m.hostPath)) throw new FabricError('SANDBOX_SPAWN_FAILED', 'mount source does not exist', { data: { hostPath: m.hostPath } });
    if (!isInside(normalize(spec.workspace), normalize(m.sandboxPath))) throw escape('mount point is outside the workspace', { sandboxPath: m.sandboxPath });
    const sandboxPath = canonicalish(m.sandboxPath);
    if (!isInside(workspace, sandboxPath)) throw escape('mount point resolves outside the workspace', { sandboxPath: m.sandboxPath });
    return { hostPath: realpathSync(m.hostPath), sandboxPath };
  });
  return {
    argv: [...spec.argv],
    cwd,
    workspace,
    readOnlyMounts,
    env: { ...(spec.env ?? {}) },
    timeoutMs: spec.timeoutMs,
    maxOutputBytes: spec.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    limits: { ...(spec.limits ?? {}) },
    signal,
  };
}
