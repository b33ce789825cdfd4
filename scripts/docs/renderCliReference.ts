/**
 * Renders the README's CLI reference from the `CommandSpec`s and the exit codes. Pure: the same
 * inputs give the same Markdown, byte for byte, so `gen-docs --check` and the unit test can compare.
 */
import type { CommandSpec, FlagSpec } from '../../src/cli/command';
import type { FabricErrorCode } from '../../src/runtime/errors';

/** One process exit code, documented from `ExitCode`'s JSDoc. */
export interface ExitCodeDoc {
  code: number;
  /** The `ExitCode` member, e.g. `CheckFailed`. */
  name: string;
  /** Its JSDoc line. */
  description: string;
  /** Error codes (printed as `[CODE]` on stderr) that end a command with this exit code. */
  errorCodes: FabricErrorCode[];
}

export interface CliReferenceInputs {
  commands: readonly CommandSpec[];
  exitCodes: readonly ExitCodeDoc[];
}

/** Escapes Markdown outside code spans: `<`/`>` (would be HTML), `*` (emphasis), `\`. */
function text(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\\/g, '\\\\').replace(/\*/g, '\\*').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/** A table cell: one line, `|` escaped (also inside code spans, as GFM tables require). */
function cell(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/** Help text → Markdown: wrapped lines join into paragraphs; indented lines become a text block. */
function details(help: string): string[] {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let pre: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push(text(paragraph.join(' ')));
    if (pre.length > 0) {
      const indent = Math.min(...pre.map((l) => l.length - l.trimStart().length));
      blocks.push(['```text', ...pre.map((l) => l.slice(indent)), '```'].join('\n'));
    }
    paragraph = [];
    pre = [];
  };
  for (const line of help.split('\n')) {
    if (line.trim() === '') flush();
    else if (/^\s{2,}\S/.test(line)) {
      if (paragraph.length > 0) flush();
      pre.push(line.trimEnd());
    } else {
      if (pre.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

function flagRow(name: string, f: FlagSpec): string {
  const flag = `${f.short ? `${code(`-${f.short}`)}, ` : ''}${code(`--${name}`)}`;
  const value = f.type === 'string' ? code(f.valueName ?? 'VALUE') : '—';
  const dflt = f.type === 'boolean' ? (f.default === true ? 'on' : 'off') : f.default === undefined ? '—' : code(String(f.default));
  const description = `${text(f.description)}${f.multiple ? ' (repeatable)' : ''}`;
  return `| ${[flag, value, dflt, description].map(cell).join(' | ')} |`;
}

function commandSection(spec: CommandSpec): string[] {
  const summary = /[.!?]$/.test(spec.summary) ? spec.summary : `${spec.summary}.`;
  const out = [`### \`fabric ${spec.name}\``, '', text(summary), ''];
  out.push('```sh', ...spec.usage.split(/\s+\|\s+(?=fabric )/), '```', '');
  if (spec.details) for (const block of details(spec.details)) out.push(block, '');
  const flags = Object.entries(spec.flags);
  if (flags.length > 0) {
    out.push('| Flag | Value | Default | Description |', '| --- | --- | --- | --- |', ...flags.map(([name, f]) => flagRow(name, f)), '');
  }
  return out;
}

function exitCodeSection(exitCodes: readonly ExitCodeDoc[]): string[] {
  return [
    '### Exit codes',
    '',
    'Every command exits with one of these codes. A command that fails prints `fabric <command>: <message> [<ERROR_CODE>]`',
    'on stderr; the error code decides the exit code.',
    '',
    '| Code | Name | Meaning | Error codes |',
    '| --- | --- | --- | --- |',
    ...exitCodes.map((e) => `| ${[String(e.code), code(e.name), text(e.description), e.errorCodes.map(code).join(', ') || '—'].map(cell).join(' | ')} |`),
    '',
  ];
}

/** The CLI reference (what goes under the README's `## CLI reference` heading), ending with one newline. */
export function renderCliReference(inputs: CliReferenceInputs): string {
  const lines = [
    'Every command also takes `--help`; `fabric --help` lists the commands and `fabric --version` prints the version.',
    '',
    '| Command | What it does |',
    '| --- | --- |',
    ...inputs.commands.map((c) => `| ${cell(`[${code(`fabric ${c.name}`)}](#fabric-${c.name})`)} | ${cell(text(c.summary))} |`),
    '',
    ...inputs.commands.flatMap(commandSection),
    ...exitCodeSection(inputs.exitCodes),
  ];
  return lines.join('\n').replace(/\n+$/, '\n');
}
