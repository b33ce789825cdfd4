/**
 * The shape every `fabric` sub-command has: its flags (the single source of truth for `--help`
 * and the README's CLI reference) and its `run`. Exit codes are the same for all commands.
 */
import type { RuntimeContext } from '../runtime/context';

/** Process exit codes of every `fabric` command. */
export const ExitCode = {
  /** The command did what was asked (a verified fix, a valid bundle, …). */
  Ok: 0,
  /** No verified fix, or a check failed (invalid bundle, gate failure, push refused). */
  CheckFailed: 1,
  /** Bad usage or configuration; the message names the cause in one line. */
  Usage: 2,
  /** An internal error (a bug in Fabric, or the machine failed under it). */
  Internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** One line for `--help` and the README. */
  description: string;
  /** Placeholder shown in help, e.g. `DIR`. */
  valueName?: string;
  default?: string | boolean;
  short?: string;
  multiple?: boolean;
}

/** Streams and terminal facts a command may use; tests hand in their own. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdin and stdout are an interactive terminal. */
  isInteractive: boolean;
  /** Reads one line from the terminal (only when isInteractive). */
  prompt: (question: string) => Promise<string>;
  cwd: string;
  signal: AbortSignal;
}

export interface ParsedArgs {
  flags: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** Longer help text (paragraphs), printed after the usage line. */
  details?: string;
  flags: Record<string, FlagSpec>;
  /** Names of positional arguments, for help. */
  positionals?: string[];
  run(args: ParsedArgs, ctx: RuntimeContext, io: CommandIo): Promise<ExitCode>;
}
