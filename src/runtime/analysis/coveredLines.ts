/**
 * Lines covered in one NODE_V8_COVERAGE JSON file (block coverage). A line is covered when the
 * innermost range containing its first non-blank character has count > 0. Only `file://` scripts
 * under the workspace and outside node_modules count. The JSON is validated with ajv first.
 */
import { FabricError } from '../errors';
import { compileSchema } from '../util/schema';
import { workspaceRelative } from './workspacePath';

interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}

interface V8Coverage {
  result: { url: string; functions: { ranges: CoverageRange[] }[] }[];
}

const schema = {
  type: 'object',
  required: ['result'],
  properties: {
    result: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url', 'functions'],
        properties: {
          url: { type: 'string' },
          functions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ranges'],
              properties: {
                ranges: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['startOffset', 'endOffset', 'count'],
                    properties: {
                      startOffset: { type: 'integer', minimum: 0 },
                      endOffset: { type: 'integer', minimum: 0 },
                      count: { type: 'integer', minimum: 0 },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const coverage = compileSchema<V8Coverage>(schema, { strict: false });

/** `data.errors` keeps its older form: `<ajv instance path> <message>`, the object for a missing property. */
function assertCoverage(value: unknown): asserts value is V8Coverage {
  const failures = coverage.failures(value);
  if (failures.length === 0) return;
  const paths = failures.map((f) => `${f.instancePath || '/'} ${f.message}`.trim());
  throw new FabricError('SCHEMA_INVALID', 'not a V8 coverage file', { data: { errors: paths } });
}

/** Offsets of the first non-blank character of every non-blank line, keyed by 1-based line. */
function lineStarts(text: string): Map<number, number> {
  const starts = new Map<number, number>();
  let line = 1;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line += 1;
      seen = false;
    } else if (!seen && ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\f' && ch !== '\v') {
      starts.set(line, i);
      seen = true;
    }
  }
  return starts;
}

function innermostCount(ranges: CoverageRange[], offset: number): number | null {
  let best: CoverageRange | null = null;
  for (const r of ranges) {
    if (offset < r.startOffset || offset >= r.endOffset) continue;
    // Later ranges win ties: V8 lists nested blocks after their parents.
    if (best === null || r.endOffset - r.startOffset <= best.endOffset - best.startOffset) best = r;
  }
  return best === null ? null : best.count;
}

export function coveredLines(
  v8Coverage: unknown,
  workspaceRoot: string,
  readSource: (relPath: string) => string | null,
): Map<string, Set<number>> {
  assertCoverage(v8Coverage);
  const out = new Map<string, Set<number>>();
  for (const script of v8Coverage.result) {
    if (!script.url.startsWith('file://')) continue;
    const rel = workspaceRelative(script.url, workspaceRoot);
    if (rel === null) continue;
    const text = readSource(rel);
    if (text === null) continue;
    const ranges = script.functions.flatMap((f) => f.ranges);
    const lines = out.get(rel) ?? new Set<number>();
    for (const [line, offset] of lineStarts(text)) {
      const count = innermostCount(ranges, offset);
      if (count !== null && count > 0) lines.add(line);
    }
    out.set(rel, lines);
  }
  return out;
}
