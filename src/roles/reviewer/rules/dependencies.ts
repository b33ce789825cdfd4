import { canonicalJson } from '../../../runtime/util/canonicalJson';
import type { ReviewAllowList, ReviewFinding, RuleContext } from '../types';
import { at, isJsonObject, isPackageJson, parseManifest, type JsonObject } from './packageJson';

/** Sections mapping a package name to a version spec (overrides may nest objects). */
const SPEC_SECTIONS: readonly (readonly string[])[] = [
  ['dependencies'],
  ['devDependencies'],
  ['peerDependencies'],
  ['optionalDependencies'],
  ['overrides'],
  ['resolutions'],
  ['pnpm', 'overrides'],
];
/** Sections listing package names to bundle (or `true` for all). */
const NAME_SECTIONS = ['bundleDependencies', 'bundledDependencies'];

/** Why `name@spec` is not allowed, or `undefined` when it is. */
function refusal(allowList: ReviewAllowList, name: string, spec: unknown): string | undefined {
  const entry = allowList.dependencies.allow.find((d) => d.name === name);
  if (entry === undefined) return `${name} is not in the dependency allow-list`;
  if (typeof spec !== 'string') return `${name} has a non-string spec`;
  if (entry.specs !== undefined) return entry.specs.includes(spec) ? undefined : `${name}@${spec} is not an allowed spec`;
  return /[:/]/.test(spec) || spec.trim() === '' ? `${name}@${spec} is not a plain registry range` : undefined;
}

function specChanges(before: JsonObject, after: JsonObject, section: readonly string[]): { name: string; spec: unknown }[] | 'malformed' {
  const a = at(after, section);
  if (a === undefined) return [];
  if (!isJsonObject(a)) return 'malformed';
  const b = at(before, section);
  const old = isJsonObject(b) ? b : {};
  return Object.keys(a)
    .filter((name) => !Object.hasOwn(old, name) || canonicalJson(old[name]) !== canonicalJson(a[name]))
    .map((name) => ({ name, spec: a[name] }));
}

function bundledChanges(before: JsonObject, after: JsonObject, section: string): string[] | 'malformed' {
  const a = after[section];
  const b = before[section];
  if (a === undefined || canonicalJson(a) === canonicalJson(b ?? null)) return [];
  if (!Array.isArray(a) || a.some((n) => typeof n !== 'string')) return 'malformed';
  const old = Array.isArray(b) ? b : [];
  return (a as string[]).filter((n) => !old.includes(n));
}

/**
 * Dependency changes in any package.json: each dependency added or changed (in dependencies,
 * devDependencies, peer/optional, overrides, resolutions, pnpm.overrides, bundled lists) must be
 * in the allow-list. Removing a dependency is allowed. An unparseable manifest is a finding.
 */
export function checkDependencies(ctx: RuleContext): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  for (const f of ctx.files.filter(isPackageJson)) {
    const before = parseManifest(f.before) ?? {};
    const after = parseManifest(f.after);
    const add = (message: string): void => void findings.push({ rule: 'dependencies', path: f.path, message });
    if (after === undefined) {
      add('package.json is not a JSON object');
      continue;
    }
    for (const section of SPEC_SECTIONS) {
      const changes = specChanges(before, after, section);
      if (changes === 'malformed') add(`${section.join('.')} is not an object`);
      else for (const c of changes) {
        const why = refusal(ctx.allowList, c.name, c.spec);
        if (why !== undefined) add(`${section.join('.')}: ${why}`);
      }
    }
    for (const section of NAME_SECTIONS) {
      const names = bundledChanges(before, after, section);
      if (names === 'malformed') add(`${section} changed to something other than a list of names`);
      else for (const name of names) {
        if (!ctx.allowList.dependencies.allow.some((d) => d.name === name)) add(`${section}: ${name} is not in the dependency allow-list`);
      }
    }
  }
  return findings;
}
