/**
 * The Reviewer (Verifier and Audit layer, execution-free): policy on a candidate's diff. Each rule
 * is a small function in `rules/`; the verdict is `reject` as soon as any rule finds anything, and
 * `checks` records `<rule>:pass|fail` for every rule for the Evidence Bundle's `static_checks`.
 */
import { FabricError } from '../../runtime/errors';
import { compileSchema } from '../../runtime/util/schema';
import { normalizeRepoPath } from '../planner/isInWriteScope';
import { defaultReviewAllowList } from './defaultAllowList';
import { checkBinary } from './rules/binary';
import { checkDependencies } from './rules/dependencies';
import { checkPackageScripts } from './rules/packageScripts';
import { checkProtectedPaths } from './rules/protectedPaths';
import { checkScope } from './rules/scope';
import { checkSecrets } from './rules/secrets';
import { checkTestsUntouched } from './rules/testsUntouched';
import { REVIEW_RULES, type ChangedFile, type ReviewFinding, type ReviewInput, type ReviewRule, type ReviewVerdict, type RuleContext } from './types';
import { validateReviewAllowList } from './validateReviewAllowList';

const inputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['files', 'writeScope', 'allowTestEdits'],
  properties: {
    files: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'before', 'after', 'binary'],
        properties: {
          path: { type: 'string', minLength: 1 },
          before: { type: ['string', 'null'] },
          after: { type: ['string', 'null'] },
          binary: { type: 'boolean' },
        },
      },
    },
    writeScope: { type: 'array', items: { type: 'string' } },
    allowTestEdits: { type: 'boolean' },
    allowList: { type: 'object' },
  },
} as const;

const reviewInput = compileSchema<ReviewInput>(inputSchema, { allowUnionTypes: true });

function rule(r: ReviewRule): (ctx: RuleContext) => ReviewFinding[] {
  switch (r) {
    case 'scope':
      return checkScope;
    case 'tests-untouched':
      return checkTestsUntouched;
    case 'secrets':
      return checkSecrets;
    case 'protected-paths':
      return checkProtectedPaths;
    case 'dependencies':
      return checkDependencies;
    case 'package-scripts':
      return checkPackageScripts;
    case 'binary':
      return checkBinary;
    default: {
      const never: never = r;
      throw new FabricError('INTERNAL', `unknown review rule ${String(never)}`);
    }
  }
}

/** Schema errors keep ajv's instance path (the object, for a missing or extra property). */
function checkInput(x: unknown): ReviewInput {
  const failures = reviewInput.failures(x);
  if (failures.length > 0) {
    const errors = failures.map((f) => ({ path: f.instancePath, message: f.message }));
    throw new FabricError('SCHEMA_INVALID', 'invalid reviewer input', { data: { errors } });
  }
  const input = x as ReviewInput;
  const seen = new Map<string, number>();
  const errors: { path: string; message: string }[] = [];
  input.files.forEach((f, i) => {
    const key = normalizeRepoPath(f.path) ?? f.path;
    if (seen.has(key)) errors.push({ path: `/files/${i}/path`, message: `same file as /files/${seen.get(key)}` });
    else seen.set(key, i);
  });
  if (errors.length > 0) throw new FabricError('SCHEMA_INVALID', 'invalid reviewer input', { data: { errors } });
  return input;
}

/** Files whose content changed (any binary file counts as changed), with normalized paths. */
function changedFiles(input: ReviewInput): ChangedFile[] {
  return input.files.filter((f) => f.binary || f.before !== f.after).map((f) => ({ ...f, normalized: normalizeRepoPath(f.path) }));
}

/** Reviews one candidate's changes; throws `SCHEMA_INVALID` for malformed input or allow-list. */
export function reviewChanges(input: ReviewInput): ReviewVerdict {
  const checked = checkInput(input);
  const allowList = checked.allowList === undefined ? defaultReviewAllowList() : validateReviewAllowList(checked.allowList);
  const ctx: RuleContext = { files: changedFiles(checked), writeScope: checked.writeScope, allowTestEdits: checked.allowTestEdits, allowList };
  const findings: ReviewFinding[] = [];
  const checks: string[] = [];
  for (const r of REVIEW_RULES) {
    const found = rule(r)(ctx);
    findings.push(...found);
    checks.push(`${r}:${found.length === 0 ? 'pass' : 'fail'}`);
  }
  return { verdict: findings.length === 0 ? 'approve' : 'reject', findings, checks };
}
