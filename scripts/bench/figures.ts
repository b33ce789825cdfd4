/** What a benchmark reports: figures with an optional target, and how they are printed. */
import { round } from './stats';

/** `<`: the value must stay below the target; `>=`: it must reach it. */
export type TargetOp = '<' | '>=';

export interface Target {
  op: TargetOp;
  value: number;
}

/** PASS/MISS against the target; INFO when the figure has none; ERROR when it could not be measured. */
export type FigureStatus = 'PASS' | 'MISS' | 'INFO' | 'ERROR';

export interface Figure {
  /** Stable machine id, e.g. `sandbox.overhead_true_ms`. */
  id: string;
  /** The section it belongs to (1–5 of the header of scripts/bench.ts). */
  section: string;
  /** What is measured, for humans. */
  label: string;
  /** The measured value (NaN when it could not be measured). */
  value: number;
  /** Unit of `value`, e.g. `ms`, `/s`, `×`. */
  unit: string;
  target?: Target;
  status: FigureStatus;
  /** Extra context: sample count, spread, or the error. */
  detail?: string;
}

/** Builds a figure and judges it against its target. */
export function figure(section: string, id: string, label: string, value: number, unit: string, opts: { target?: Target; detail?: string } = {}): Figure {
  const status: FigureStatus = !Number.isFinite(value)
    ? 'ERROR'
    : opts.target === undefined
      ? 'INFO'
      : (opts.target.op === '<' ? value < opts.target.value : value >= opts.target.value)
        ? 'PASS'
        : 'MISS';
  return { id, section, label, value: round(value), unit, ...(opts.target ? { target: opts.target } : {}), status, ...(opts.detail ? { detail: opts.detail } : {}) };
}

/** A section that could not be measured at all (it crashed). */
export function errorFigure(section: string, id: string, err: unknown): Figure {
  const message = err instanceof Error ? `${(err as { code?: string }).code ? `${(err as { code?: string }).code}: ` : ''}${err.message}` : String(err);
  return { id, section, label: 'section crashed', value: Number.NaN, unit: '', status: 'ERROR', detail: message };
}

function formatValue(f: Figure): string {
  if (!Number.isFinite(f.value)) return '-';
  return f.unit === '×' ? `${f.value}×` : `${f.value.toLocaleString('en-US')} ${f.unit}`.trim();
}

function formatTarget(f: Figure): string {
  if (!f.target) return '';
  const v = f.unit === '×' ? `${f.target.value}×` : `${f.target.value.toLocaleString('en-US')} ${f.unit}`.trim();
  return `${f.target.op} ${v}`;
}

/** The human report: one block per section, columns figure | value | target | status | detail. */
export function renderTable(figures: readonly Figure[], sectionTitles: Readonly<Record<string, string>>): string {
  const rows = figures.map((f) => [f.label, formatValue(f), formatTarget(f), f.status === 'INFO' ? '' : f.status, f.detail ?? '']);
  const head = ['figure', 'value', 'target', 'status', 'detail'];
  const width = (i: number) => Math.max(head[i].length, ...rows.map((r) => r[i].length));
  const widths = [0, 1, 2, 3].map(width);
  const line = (cells: string[]) => cells.map((c, i) => (i < 4 ? (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i])) : c)).join('  ').trimEnd();
  const out: string[] = [line(head), line(widths.map((w) => '-'.repeat(w)).concat('------'))];
  let section = '';
  figures.forEach((f, i) => {
    if (f.section !== section) {
      section = f.section;
      out.push('', sectionTitles[section] ?? section);
    }
    out.push(line(rows[i]));
  });
  return out.join('\n');
}
