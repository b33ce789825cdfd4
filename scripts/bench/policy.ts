/**
 * Section 4: Cedar decision latency through `PolicyEngine.decide` (request building, entities,
 * preparsed schema and policies, `statefulIsAuthorized`) for the two requests the Gate asks most
 * critically: an Implementer's file write (write scope as an entity hierarchy) and the Release
 * Captain's ref write.
 */
import { loadPolicyEngine, type PolicyRequest } from '../../src/runtime/policy';
import { policiesDir } from '../../src/runtime/util/packageRoot';
import { figure, type Figure } from './figures';
import { nowMs, round, sampleSync, summarize } from './stats';

const SECTION = '4';
const RUNS = 1_000;
const WARMUP = 50;
/** ARCHITECTURE §6 measured ~0.3–1 ms a decision: a median under 1 ms and a p95 under 5 ms. */
const MEDIAN_TARGET_MS = 1;
const P95_TARGET_MS = 5;

const budget = { wallMsUsed: 1_349, wallMsLimit: 1_200_000 };

const REQUESTS: { id: string; label: string; request: PolicyRequest; expect: 'allow' | 'deny' }[] = [
  {
    id: 'fs_write',
    label: 'fs.write in scope (implementer)',
    request: { capability: 'fs.write', role: 'implementer', path: 'lib/truncate.js', writeScope: ['lib/truncate.js', 'lib/index.js', 'lib/slugify.js'], isTestFile: false, allowTestEdits: false, budget },
    expect: 'allow',
  },
  {
    id: 'fs_write_denied',
    label: 'fs.write of a test file (implementer, denied)',
    request: { capability: 'fs.write', role: 'implementer', path: 'test/truncate.test.js', writeScope: ['lib/'], isTestFile: true, allowTestEdits: false, budget },
    expect: 'deny',
  },
  {
    id: 'git_write_ref',
    label: 'git.write_ref fabric/… (release_captain)',
    request: {
      capability: 'git.write_ref', role: 'release_captain', ref: 'refs/heads/fabric/truncate-cuts-text-that-already-fits-a09bab12',
      protected: false, defaultBranch: 'refs/heads/main', checkedOutBranch: 'refs/heads/main', budget,
    },
    expect: 'allow',
  },
];

export async function benchPolicy(): Promise<Figure[]> {
  const loadStart = nowMs();
  const engine = loadPolicyEngine({ policiesDir: policiesDir() });
  const loadMs = nowMs() - loadStart;
  const reloadStart = nowMs();
  loadPolicyEngine({ policiesDir: policiesDir() });
  const reloadMs = nowMs() - reloadStart;
  const out: Figure[] = [
    figure(SECTION, 'policy.load_ms', 'loadPolicyEngine, first in the process (once per run)', loadMs, 'ms', { detail: 'includes warming up the Cedar wasm module' }),
    figure(SECTION, 'policy.reload_ms', 'loadPolicyEngine again (strict validation + preparse only)', reloadMs, 'ms'),
  ];
  for (const { id, label, request, expect } of REQUESTS) {
    const first = engine.decide(request);
    if (first.decision !== expect) throw new Error(`${label}: expected ${expect}, Cedar said ${first.decision} (${first.errors.join('; ')})`);
    const s = summarize(sampleSync(RUNS, WARMUP, () => void engine.decide(request)));
    out.push(
      figure(SECTION, `policy.${id}.median_ms`, `decide ${label}, median`, s.median, 'ms', { target: { op: '<', value: MEDIAN_TARGET_MS }, detail: `n=${s.n}, ${first.decision}` }),
      figure(SECTION, `policy.${id}.p95_ms`, `decide ${label}, p95`, s.p95, 'ms', { target: { op: '<', value: P95_TARGET_MS }, detail: `max ${round(s.max)} ms` }),
    );
  }
  return out;
}
