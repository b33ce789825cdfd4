/**
 * `fabric` — the headless runtime. Parses arguments, runs one sub-command, maps errors to exit
 * codes (0 ok, 1 check failed / no verified fix, 2 usage or configuration, 3 internal).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { createNodeContext, type RuntimeContext } from '../runtime/context';
import { FabricError, isFabricError } from '../runtime/errors';
import { ExitCode, type CommandIo, type CommandSpec, type ParsedArgs } from './command';
import { commandHelp, globalHelp } from './help';
import { exitCodeFor } from './exitCodes';
import { commands } from './commands';

export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, f] of Object.entries(spec.flags)) options[name] = { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) };
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const flags: ParsedArgs['flags'] = {};
    for (const [name, f] of Object.entries(spec.flags)) flags[name] = (values as Record<string, string | boolean | string[] | undefined>)[name] ?? f.default;
    flags.help = (values as { help?: boolean }).help ?? false;
    const max = spec.positionals?.length ?? 0;
    if (positionals.length > max) throw new FabricError('USAGE_INVALID', `unexpected argument '${positionals[max]}'`);
    return { flags, positionals };
  } catch (e) {
    if (isFabricError(e)) throw e;
    throw new FabricError('USAGE_INVALID', parseErrorCause(e as Error), { cause: e });
  }
}

/** One line naming what was wrong (node's own text for an unknown option runs on about `--` separators). */
function parseErrorCause(e: Error & { code?: unknown }): string {
  const unknown = e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '([^']+)'/.exec(e.message) : null;
  return unknown ? `unknown option '${unknown[1]}'` : e.message.split('\n')[0];
}

export function nodeIo(signal: AbortSignal): CommandIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    isInteractive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    prompt: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    cwd: process.cwd(),
    signal,
  };
}

export async function runCli(argv: string[], ctx: RuntimeContext, io: CommandIo, specs: readonly CommandSpec[] = commands): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name) {
    // Usage error: the help goes to stderr so stdout stays empty for scripts.
    io.stderr(globalHelp(specs));
    return ExitCode.Usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    // `fabric help explore` is `fabric explore --help`.
    const topic = name === 'help' && rest.length > 0 ? specs.find((s) => s.name === rest[0]) : undefined;
    if (name === 'help' && rest.length > 0 && !topic) {
      io.stderr(`fabric: unknown command '${rest[0]}' [USAGE_INVALID]\nRun \`fabric --help\` for the list.\n`);
      return ExitCode.Usage;
    }
    io.stdout(topic ? commandHelp(topic) : globalHelp(specs));
    return ExitCode.Ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${FABRIC_VERSION}\n`);
    return ExitCode.Ok;
  }
  const spec = specs.find((s) => s.name === name);
  if (!spec) {
    io.stderr(`fabric: unknown ${name.startsWith('-') ? 'option' : 'command'} '${name}' [USAGE_INVALID]\nRun \`fabric --help\` for the list.\n`);
    return ExitCode.Usage;
  }
  try {
    const args = parseCommandArgs(spec, rest);
    if (args.flags.help) {
      io.stdout(commandHelp(spec));
      return ExitCode.Ok;
    }
    return await spec.run(args, ctx, io);
  } catch (e) {
    if (isFabricError(e)) {
      const code = exitCodeFor(e.code);
      io.stderr(`fabric ${spec.name}: ${e.message} [${e.code}]\n`);
      if (code === ExitCode.Usage && e.code === 'USAGE_INVALID') io.stderr(`Run \`fabric ${spec.name} --help\` for usage.\n`);
      return code;
    }
    io.stderr(`fabric ${spec.name}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return ExitCode.Internal;
  }
}

declare const FABRIC_VERSION_DEFINE: string | undefined;
const FABRIC_VERSION: string = typeof FABRIC_VERSION_DEFINE === 'string' ? FABRIC_VERSION_DEFINE : '0.0.0-dev';

/** Entry used by bin/fabric.js. Ctrl-C aborts the running command cleanly (second Ctrl-C exits). */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\nfabric: ${sig} received — stopping sandboxes and marking the trace aborted (press Ctrl-C again to exit at once)\n`);
    controller.abort(new FabricError('RUN_ABORTED', `interrupted by ${sig}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runCli(argv, createNodeContext(), nodeIo(controller.signal));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
