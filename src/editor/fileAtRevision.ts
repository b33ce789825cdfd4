/**
 * File contents at a git revision, for the left (and right) side of a candidate's diff, and the
 * candidate's text edit applied to them. Read with the runtime's git helpers (isomorphic-git: no
 * hooks, filters or other repository-driven commands run). No `vscode` import.
 *
 * The diff documents are addressed by URIs whose query is JSON ({@link FileRef}); the query is
 * validated with ajv when read back, because any extension (or a crafted link) can open a URI.
 */
import * as git from 'isomorphic-git';
import { FabricError } from '../runtime/errors';
import { readTreeEntries } from '../runtime/git';
import { openRepo } from '../runtime/git/internal/repo';
import { compileSchema } from '../runtime/util/schema';
import type { CandidateEdit } from './runModel';

/** What a `fabric-base:` (file at a commit) or `fabric-candidate:` (base plus edit) document shows. */
export interface FileRef {
  /** The repository's root folder. */
  repo: string;
  /** A commit id. */
  rev: string;
  /** Repository-relative, slash-separated. */
  path: string;
  /** Only for `fabric-candidate:`: the edit applied on top. */
  edit?: { start: number; end: number; replacement: string };
}

const checkRef = compileSchema<FileRef>({
  type: 'object',
  additionalProperties: false,
  required: ['repo', 'rev', 'path'],
  properties: {
    repo: { type: 'string', minLength: 1, maxLength: 4096 },
    rev: { type: 'string', pattern: '^([0-9a-f]{40}|[0-9a-f]{64})$' },
    path: { type: 'string', minLength: 1, maxLength: 4096 },
    edit: {
      type: 'object',
      additionalProperties: false,
      required: ['start', 'end', 'replacement'],
      properties: { start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 }, replacement: { type: 'string', maxLength: 1_000_000 } },
    },
  },
}).issues;

/** The query string of a diff document's URI. */
export function encodeFileRef(ref: FileRef): string {
  return JSON.stringify(ref);
}

/** Parses and validates a diff document's URI query (`SCHEMA_INVALID` with every bad path). */
export function decodeFileRef(query: string): FileRef {
  let parsed: unknown;
  try {
    parsed = JSON.parse(query);
  } catch (e) {
    throw new FabricError('SCHEMA_INVALID', 'not a Fabric diff document address', { cause: e });
  }
  const errors = checkRef(parsed);
  if (errors.length > 0) throw new FabricError('SCHEMA_INVALID', 'not a Fabric diff document address', { data: { errors } });
  return parsed as FileRef;
}

/** Applies a candidate's edit (UTF-16 offsets into the base text, as the repair engine made it). */
export function applyEdit(text: string, edit: Pick<CandidateEdit, 'start' | 'end' | 'replacement'>): string {
  if (edit.start > edit.end || edit.end > text.length) throw new FabricError('PATCH_INVALID', `the edit (${edit.start}–${edit.end}) does not fit a file of ${text.length} characters`);
  return text.slice(0, edit.start) + edit.replacement + text.slice(edit.end);
}

/** The text of `path` at `rev`; '' when the file does not exist there (added or deleted file). */
export async function readFileAtRevision(repoDir: string, rev: string, path: string): Promise<string> {
  const entry = (await readTreeEntries(repoDir, rev)).get(path);
  if (!entry || entry.mode === '160000') return '';
  const repo = openRepo(repoDir);
  const { blob } = await git.readBlob({ fs: repo.fs, gitdir: repo.gitdir, oid: entry.oid, cache: repo.cache });
  const bytes = Buffer.from(blob);
  if (bytes.includes(0)) return `(binary file, ${bytes.length} bytes)`;
  return bytes.toString('utf8');
}

/** The document text for a {@link FileRef}: the file at `rev`, with `edit` applied when present. */
export async function contentOf(ref: FileRef): Promise<string> {
  const text = await readFileAtRevision(ref.repo, ref.rev, ref.path);
  return ref.edit ? applyEdit(text, ref.edit) : text;
}
