/**
 * The offline repair engine: at each ranked location, every operator proposes edits for the AST
 * nodes starting on that line; each edit is a text splice at the node's range (formatting
 * untouched), the result is re-parsed (dropped if it does not parse), scored as location score ×
 * operator prior × edit weight, deduplicated by resulting text (best score kept) and sorted by score
 * desc, then id. Locations are expanded best first with a bounded fan-out each, and expansion stops
 * once no remaining location could beat the current last kept candidate.
 */
import type { Node } from '@babel/types';
import { compareLocations } from '../../analysis/localize';
import { isTypeOnly } from '../../analysis/nodeKinds';
import { parseSource } from '../../analysis/parseSource';
import type { RankedLocation } from '../../analysis/types';
import { walk, type NodePath } from '../../analysis/walk';
import { sha256Hex } from '../../util/digest';
import { isTestPath } from '../../util/testPaths';
import { collectBindings, type Binding } from './bindings';
import { textOf, type OperatorEdit, type RepairOperatorImpl } from './operator';
import { ALL_OPERATORS } from './operators/all';
import type { GenerateRepairsInput, RepairCandidate } from './types';

interface FileIndex {
  text: string;
  bindings: Binding[];
  /** Nodes starting on each requested line, in source order. */
  nodesByLine: Map<number, NodePath[]>;
}

function indexFile(file: string, text: string, lines: Set<number>): FileIndex | null {
  let ast: Node;
  try {
    ast = parseSource(file, text).ast;
  } catch {
    return null;
  }
  const nodesByLine = new Map<number, NodePath[]>();
  walk(ast, (path) => {
    if (isTypeOnly(path.node)) return 'skip';
    const line = path.node.loc?.start.line;
    if (line !== undefined && lines.has(line)) {
      const list = nodesByLine.get(line) ?? [];
      list.push({ ...path, ancestors: [...path.ancestors] });
      nodesByLine.set(line, list);
    }
    return undefined;
  });
  return { text, bindings: collectBindings(ast), nodesByLine };
}

function oneLine(s: string, max = 80): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

interface Proposal {
  op: RepairOperatorImpl;
  node: Node;
  edit: OperatorEdit;
  weight: number;
}

function proposalsAt(index: FileIndex, line: number, operators: readonly RepairOperatorImpl[], limit: number): Proposal[] {
  const out: Proposal[] = [];
  for (const path of index.nodesByLine.get(line) ?? []) {
    for (const op of operators) {
      for (const edit of op.edits({ text: index.text, path, bindings: index.bindings })) {
        out.push({ op, node: path.node, edit, weight: op.prior * edit.weight });
      }
    }
  }
  // Stable sort: equal weights keep source order, then operator order.
  out.sort((a, b) => b.weight - a.weight);
  return out.slice(0, limit);
}

function isEditTarget(file: string): boolean {
  return !isTestPath(file) && !file.split('/').includes('node_modules');
}

export function generateRepairs(input: GenerateRepairsInput): RepairCandidate[] {
  const maxCandidates = input.maxCandidates ?? 64;
  const perLocation = input.maxPerLocation ?? 16;
  const wanted = input.operators;
  const operators = wanted ? ALL_OPERATORS.filter((o) => wanted.includes(o.name)) : ALL_OPERATORS;
  if (operators.length === 0 || maxCandidates <= 0) return [];
  const bestPrior = Math.max(...operators.map((o) => o.prior));
  const locations = [...input.locations].filter((l) => isEditTarget(l.file) && input.files.has(l.file)).sort(compareLocations);

  const linesByFile = new Map<string, Set<number>>();
  for (const l of locations) linesByFile.set(l.file, (linesByFile.get(l.file) ?? new Set()).add(l.line));
  const indexes = new Map<string, FileIndex | null>();
  const byText = new Map<string, RepairCandidate>();

  const kthScore = (): number => {
    const scores = [...byText.values()].map((c) => c.score).sort((a, b) => b - a);
    return scores.length >= maxCandidates ? scores[maxCandidates - 1] : -1;
  };

  for (const loc of locations) {
    if (loc.score * bestPrior <= kthScore()) break;
    if (!indexes.has(loc.file)) indexes.set(loc.file, indexFile(loc.file, input.files.get(loc.file) as string, linesByFile.get(loc.file) as Set<number>));
    const index = indexes.get(loc.file);
    if (!index) continue;
    for (const proposal of proposalsAt(index, loc.line, operators, perLocation)) {
      const candidate = toCandidate(loc, index.text, proposal);
      if (candidate === null) continue;
      const key = `${candidate.file}\u0000${candidate.newText}`;
      const existing = byText.get(key);
      if (!existing || candidate.score > existing.score) byText.set(key, candidate);
    }
  }
  return [...byText.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, maxCandidates);
}

function toCandidate(loc: RankedLocation, text: string, { op, node, edit, weight }: Proposal): RepairCandidate | null {
  const newText = text.slice(0, edit.start) + edit.replacement + text.slice(edit.end);
  if (newText === text) return null;
  try {
    parseSource(loc.file, newText);
  } catch {
    return null;
  }
  const nodeStart = node.start ?? 0;
  const nodeEnd = node.end ?? 0;
  const before = textOf(text, node);
  const after = text.slice(nodeStart, edit.start) + edit.replacement + text.slice(edit.end, nodeEnd);
  const change = edit.summary ?? `\`${oneLine(before)}\` → \`${oneLine(after)}\``;
  return {
    id: sha256Hex(loc.file + newText).slice(0, 12),
    file: loc.file,
    line: loc.line,
    operator: op.name,
    description: `${loc.file}:${loc.line} ${change}`,
    edit: { start: edit.start, end: edit.end, replacement: edit.replacement },
    newText,
    score: loc.score * weight,
  };
}
