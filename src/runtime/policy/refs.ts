/**
 * Git refs as Cedar entities: a ref hangs under its namespace
 * (`Ref::"refs/heads/fabric/x"` in `RefNamespace::"refs/heads/fabric/"`), so "only fabric refs"
 * is `resource in RefNamespace::"refs/heads/fabric/"`. A malformed name falls in namespace
 * `other`, which no policy permits.
 */
import type { EntityJson, TypeAndId } from '@cedar-policy/cedar-wasm/nodejs';
import type { RefFacts } from './types';

export const FABRIC_BRANCH_NAMESPACE = 'refs/heads/fabric/';
export const FABRIC_NOTES_REF = 'refs/notes/fabric';

/** A conservative `git check-ref-format`: full name under `refs/`, no `..`, `//`, `@{`, control or special characters. */
export function isWellFormedRef(ref: string): boolean {
  if (!ref.startsWith('refs/') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock')) return false;
  if (ref.includes('..') || ref.includes('//') || ref.includes('@{') || ref.includes('/.')) return false;
  return !/[\x00-\x20\x7f~^:?*[\\]/.test(ref);
}

/** `main` → `refs/heads/main`; full names are kept. */
export function fullBranchRef(name: string): string {
  return name.startsWith('refs/') ? name : `refs/heads/${name}`;
}

export function refNamespace(ref: string): string {
  if (!isWellFormedRef(ref)) return 'other';
  if (ref.startsWith(FABRIC_BRANCH_NAMESPACE)) return FABRIC_BRANCH_NAMESPACE;
  if (ref === FABRIC_NOTES_REF) return FABRIC_NOTES_REF;
  if (ref.startsWith('refs/heads/')) return 'refs/heads/';
  if (ref.startsWith('refs/tags/')) return 'refs/tags/';
  return 'other';
}

export function refUid(ref: string): TypeAndId {
  return { type: 'Fabric::Ref', id: ref };
}

/** The ref entity (with `protected`, `namespace`, default/checked-out flags) and its namespace. */
export function refEntities(facts: RefFacts): EntityJson[] {
  const namespace = refNamespace(facts.ref);
  const namespaceUid: TypeAndId = { type: 'Fabric::RefNamespace', id: namespace };
  const same = (other: string | undefined): boolean => other !== undefined && other !== '' && fullBranchRef(other) === facts.ref;
  return [
    {
      uid: refUid(facts.ref),
      attrs: {
        name: facts.ref,
        namespace,
        protected: facts.protected,
        is_default_branch: same(facts.defaultBranch),
        is_checked_out: same(facts.checkedOutBranch),
      },
      parents: [namespaceUid],
    },
    { uid: namespaceUid, attrs: {}, parents: [] },
  ];
}
