/**
 * Loads the Cedar schema and policies, validates them in strict mode, preparses them once and
 * returns the engine the Gate asks for every decision (Policy and Rule Engine layer, P6).
 *
 * Trusted policies are `fabric.cedarschema` and every `*.cedar` file of `policiesDir` (sorted by
 * name). Workspace policies (text from the repository's `.fabric/policies/*.cedar`) are untrusted:
 * only `forbid` rules are accepted, and their ids are prefixed `workspace/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../context';
import { FabricError } from '../errors';
import { canonicalDigest, type Sha256Digest } from '../util/digest';
import { buildCedarRequest } from './buildCedarRequest';
import { preparsePolicySet, preparseSchema, statefulIsAuthorized } from './cedar';
import { describeCedarErrors, parsePolicyText } from './parsePolicyText';
import type { PolicyDecision, PolicyEngine, PolicyRequest } from './types';
import { validatePolicies } from './validatePolicies';

export const SCHEMA_FILE = 'fabric.cedarschema';
export const WORKSPACE_POLICY_PREFIX = 'workspace/';

export interface LoadPolicyEngineOptions {
  /** Directory holding `fabric.cedarschema` and the trusted `*.cedar` policy files. */
  policiesDir: string;
  /** Text of the repository's `.fabric/policies/*.cedar` (concatenated); only `forbid` rules are accepted. */
  workspacePolicies?: string;
  /** Clock for approval expiry (`now`) and decision latency; defaults to the system clock. */
  clock?: Clock;
}

interface PolicySources {
  schema: string;
  files: { name: string; text: string }[];
}

function readSources(policiesDir: string): PolicySources {
  try {
    const schema = readFileSync(join(policiesDir, SCHEMA_FILE), 'utf8');
    const names = readdirSync(policiesDir).filter((n) => n.endsWith('.cedar')).sort();
    return { schema, files: names.map((name) => ({ name, text: readFileSync(join(policiesDir, name), 'utf8') })) };
  } catch (e) {
    throw new FabricError('POLICY_INVALID', `cannot read policies from ${policiesDir}`, { cause: e, data: { errors: [String(e)] } });
  }
}

/** The policies in force keyed by id, or every reason they are not acceptable. */
function collectPolicies(sources: PolicySources, workspacePolicies: string | undefined): { policies: Record<string, string>; errors: string[] } {
  const policies: Record<string, string> = {};
  const errors: string[] = [];
  const add = (id: string, text: string, source: string): void => {
    if (id in policies) errors.push(`${source}: duplicate @id ${JSON.stringify(id)}`);
    else policies[id] = text;
  };
  for (const file of sources.files) {
    const parsed = parsePolicyText(file.text, file.name);
    errors.push(...parsed.errors);
    for (const p of parsed.policies) add(p.id, p.text, file.name);
  }
  if (sources.files.length === 0) errors.push('no *.cedar policy file found');
  if (workspacePolicies !== undefined && workspacePolicies.trim() !== '') {
    const parsed = parsePolicyText(workspacePolicies, 'workspace');
    errors.push(...parsed.errors);
    for (const p of parsed.policies) {
      if (p.effect !== 'forbid') errors.push(`workspace policy ${JSON.stringify(p.id)} is a ${p.effect}; a repository may only add forbid rules`);
      else add(`${WORKSPACE_POLICY_PREFIX}${p.id}`, p.text, 'workspace');
    }
  }
  return { policies, errors };
}

export function loadPolicyEngine(opts: LoadPolicyEngineOptions): PolicyEngine {
  const clock = opts.clock ?? systemClock;
  const sources = readSources(opts.policiesDir);
  const { policies, errors } = collectPolicies(sources, opts.workspacePolicies);
  if (errors.length === 0) errors.push(...validatePolicies(sources.schema, policies));
  if (errors.length > 0) throw new FabricError('POLICY_INVALID', `policies are invalid (${errors.length} problem(s))`, { data: { errors } });

  const digest: Sha256Digest = canonicalDigest({
    schema: sources.schema,
    policies: sources.files,
    workspace: opts.workspacePolicies ?? null,
  });
  const schemaName = `fabric-schema-${digest}`;
  const policySetId = `fabric-policies-${digest}`;
  const preparsed = [preparseSchema(schemaName, sources.schema), preparsePolicySet(policySetId, { staticPolicies: policies })];
  for (const answer of preparsed) {
    if (answer.type === 'failure') {
      throw new FabricError('POLICY_INVALID', 'Cedar refused to preparse the policies', { data: { errors: describeCedarErrors('preparse', answer.errors) } });
    }
  }
  const ids = Object.keys(policies).sort();

  const decide = (request: PolicyRequest): PolicyDecision => {
    const started = clock.monotonicMs();
    const done = (decision: 'allow' | 'deny', policyIds: string[], errs: string[]): PolicyDecision => ({
      decision: errs.length > 0 ? 'deny' : decision,
      policyIds: [...policyIds].sort(),
      errors: errs,
      durationMs: clock.monotonicMs() - started,
    });
    const built = buildCedarRequest(request, clock.now().getTime() / 1000);
    if (!built.ok) return done('deny', [], built.errors);
    const answer = statefulIsAuthorized({
      ...built.request,
      preparsedSchemaName: schemaName,
      preparsedPolicySetId: policySetId,
      validateRequest: true,
    });
    if (answer.type === 'failure') return done('deny', [], describeCedarErrors('request', answer.errors));
    const { decision, diagnostics } = answer.response;
    // Fail closed: Cedar skips a policy that errors, which for a forbid would mean allow.
    return done(decision, diagnostics.reason, diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`));
  };

  return { decide, policyDigest: () => digest, policyIds: () => [...ids] };
}
