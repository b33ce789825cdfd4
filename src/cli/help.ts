import type { CommandSpec } from './command';

export function formatFlags(spec: CommandSpec): string[] {
  return Object.entries(spec.flags).map(([name, f]) => {
    const left = `  --${name}${f.type === 'string' ? ` ${f.valueName ?? 'VALUE'}` : ''}`;
    const dflt = f.default !== undefined && f.default !== false ? ` (default: ${String(f.default)})` : '';
    return `${left.padEnd(28)} ${f.description}${dflt}`;
  });
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${spec.usage}`, '', spec.summary];
  if (spec.details) lines.push('', spec.details);
  lines.push('', 'Options:', ...formatFlags(spec), `${'  -h, --help'.padEnd(28)} Show this help`);
  return lines.join('\n') + '\n';
}

export function globalHelp(specs: readonly CommandSpec[]): string {
  const width = Math.max(...specs.map((s) => s.name.length)) + 2;
  return [
    'Usage: fabric <command> [options]',
    '',
    'Fabric fixes failing tests in a sandbox, proves the fix with a signed Evidence Bundle and',
    'commits it to a signed fabric/… branch. It never writes your working tree or existing branches.',
    '',
    'Commands:',
    ...specs.map((s) => `  ${s.name.padEnd(width)}${s.summary}`),
    '',
    'Exit codes: 0 success, 1 no verified fix or a check failed, 2 usage or configuration error, 3 internal error.',
    'Run `fabric <command> --help` (or `fabric help <command>`) for the options of a command; `fabric --version` prints the version.',
    '',
  ].join('\n');
}
