/**
 * Finding the user's test command in package.json, and narrowing it to a few test files when the
 * runner is recognisable. Everything here is string work: nothing is run.
 */
import type { JSONSchemaType } from 'ajv';
import { FabricError } from '../errors';
import { compileSchema } from '../util/schema';

/** npm's placeholder for a package without tests. */
const NPM_DEFAULT_TEST = /^echo\s+(["']?)Error: no test specified\1\s*&&\s*exit 1$/;

interface PackageScripts {
  scripts?: Record<string, string>;
  mocha?: Record<string, unknown>;
}

const packageSchema: JSONSchemaType<PackageScripts> = {
  type: 'object',
  required: [],
  properties: {
    scripts: { type: 'object', nullable: true, required: [], additionalProperties: { type: 'string' } },
    mocha: { type: 'object', nullable: true, required: [] },
  },
};

const packageScripts = compileSchema<PackageScripts>(packageSchema);

/** The relevant part of a parsed package.json; null when there is none; CONFIG_INVALID when malformed. */
function readPackage(packageJson: unknown): PackageScripts | null {
  if (packageJson === undefined || packageJson === null) return null;
  const paths = packageScripts.issues(packageJson).map((i) => i.path);
  if (paths.length === 0) return packageJson as PackageScripts;
  throw new FabricError('CONFIG_INVALID', `package.json is malformed at ${paths.join(', ')}`, { data: { paths } });
}

function scriptOf(pkg: PackageScripts | null, name: string): string | null {
  const script = pkg?.scripts?.[name]?.trim();
  return script === undefined || script === '' || NPM_DEFAULT_TEST.test(script) ? null : script;
}

/** `'npm test'` when package.json has a real `scripts.test`; null otherwise. */
export function detectTestCommand(packageJson: unknown): string | null {
  return scriptOf(readPackage(packageJson), 'test') === null ? null : 'npm test';
}

/**
 * Splits a command line into words the way sh would, for the simple commands we can rewrite. Null
 * when it has anything we will not re-emit faithfully: operators (`&&`, `;`, `|`, `&`), redirects,
 * substitutions, variables, subshells.
 */
function shellWords(command: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < command.length; i += 1) {
    const c = command[i];
    if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return null;
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i += 1; i < command.length && command[i] !== '"'; i += 1) {
        if (command[i] === '$' || command[i] === '`') return null;
        if (command[i] === '\\' && i + 1 < command.length && '"\\'.includes(command[i + 1])) i += 1;
        text += command[i];
      }
      if (i >= command.length) return null;
      word = (word ?? '') + text;
    } else if (c === '\\') {
      if (i + 1 >= command.length) return null;
      word = (word ?? '') + command[i + 1];
      i += 1;
    } else if ('$`;&|<>()\n\r'.includes(c)) {
      return null;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** A word quoted for sh only when it needs to be. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_/.,:@%+=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

type Runner = 'tape' | 'mocha' | 'tap' | 'node';

/** Flags of each runner that take the next word as their value (all others are taken as boolean). */
const VALUE_FLAGS: Record<Runner, readonly string[]> = {
  tape: ['-r', '--require', '-i', '--ignore', '--ignore-pattern'],
  mocha: [
    '-r', '--require', '-R', '--reporter', '-O', '--reporter-option', '--reporter-options', '-u', '--ui', '-t',
    '--timeout', '-s', '--slow', '-g', '--grep', '-f', '--fgrep', '--extension', '--ignore', '--exclude',
    '--config', '--package', '--file', '--retries', '-j', '--jobs', '--watch-files', '--watch-ignore', '-n',
    '--node-option', '--global', '--globals',
  ],
  tap: ['-R', '--reporter', '-t', '--timeout', '-j', '--jobs', '--node-arg', '--test-arg', '--test-env', '-o',
    '--output-file', '-d', '--output-dir', '-g', '--grep', '-i', '--include', '-e', '--exclude', '--before', '--after'],
  node: ['-r', '--require', '--import', '--loader', '--experimental-loader', '--test-reporter',
    '--test-reporter-destination', '--test-name-pattern', '--test-skip-pattern', '--test-timeout',
    '--test-concurrency', '--test-shard', '-C', '--conditions', '--env-file', '--input-type', '--title'],
};

/** Flags whose value is a test file: dropped with their value, since the focus files replace them. */
const FILE_FLAGS: Partial<Record<Runner, readonly string[]>> = { mocha: ['--spec'] };
const NPX_FLAGS = ['--yes', '-y', '--no-install', '--no', '--offline', '--quiet', '-q'];

function runnerOf(word: string | undefined): Runner | null {
  const m = /^(?:\.\/)?(?:node_modules\/\.bin\/)?(tape|mocha|_mocha|tap|node)$/.exec(word ?? '');
  if (!m) return null;
  return m[1] === '_mocha' ? 'mocha' : (m[1] as Runner);
}

/** Keeps the runner's flags (with their values), drops its file and glob arguments. */
function splitArgs(runner: Runner, args: readonly string[]): { flags: string[]; positionals: string[]; afterScript: string[] } {
  const flags: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const takesValue = !a.includes('=') && (VALUE_FLAGS[runner].includes(a) || (FILE_FLAGS[runner] ?? []).includes(a));
      if ((FILE_FLAGS[runner] ?? []).some((f) => a === f || a.startsWith(`${f}=`))) {
        if (takesValue) i += 1;
        continue;
      }
      flags.push(a);
      if (takesValue && i + 1 < args.length) flags.push(args[(i += 1)]);
      continue;
    }
    positionals.push(a);
    // Plain `node <script> …`: the rest belongs to the script.
    if (runner === 'node' && !args.includes('--test')) return { flags, positionals, afterScript: args.slice(i + 1) };
  }
  return { flags, positionals, afterScript: [] };
}

const asFileArg = (f: string): string => shellQuote(f.startsWith('-') ? `./${f}` : f);

function focus(command: string, pkg: PackageScripts | null, files: readonly string[], depth: number): string | null {
  const words = shellWords(command.trim());
  if (words === null || words.length === 0 || depth > 3) return null;
  const env: string[] = [];
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) env.push(words.shift() as string);
  if (words[0] === 'npm') {
    const rest = words.slice(1);
    const name = rest.length === 1 && ['test', 't', 'tst'].includes(rest[0]) ? 'test'
      : rest.length === 2 && (rest[0] === 'run' || rest[0] === 'run-script') ? rest[1] : null;
    const script = name === null ? null : scriptOf(pkg, name);
    const inner = script === null ? null : focus(script, pkg, files, depth + 1);
    return inner === null ? null : [...env.map(shellQuote), inner].join(' ');
  }
  const npx: string[] = [];
  if (words[0] === 'npx') {
    npx.push(words.shift() as string);
    while (words.length > 0 && words[0].startsWith('-')) {
      if (!NPX_FLAGS.includes(words[0])) return null;
      npx.push(words.shift() as string);
    }
  }
  const runner = runnerOf(words[0]);
  if (runner === null || (runner === 'node' && npx.length > 0)) return null;
  const { flags, positionals, afterScript } = splitArgs(runner, words.slice(1));
  if (runner === 'mocha' && pkg?.mocha?.spec !== undefined) return null;
  if (runner === 'node' && !flags.includes('--test')) {
    const evaluates = flags.some((f) => /^(?:-e|-p|--eval|--print)(?:=|$)/.test(f));
    if (evaluates || positionals.length !== 1 || afterScript.length > 0 || files.length !== 1) return null;
  }
  return [...env, ...npx, words[0], ...flags].map(shellQuote).concat(files.map(asFileArg)).join(' ');
}

export interface FocusInput {
  /** The whole-suite test command, e.g. `npm test` or `mocha -r tsx/cjs 'test/*.test.ts'`. */
  testCommand: string;
  /** The parsed package.json, needed to resolve `npm test` / `npm run <script>`. */
  packageJson?: unknown;
  /** Workspace-relative test files to run instead of the whole suite. */
  files: string[];
}

/**
 * A command running only `files` with the same runner and flags, or null when the runner is not
 * recognisable (then the whole suite runs). Recognised: `npm test` / `npm t` / `npm run <script>`
 * (resolved through package.json), and one invocation (no `&&`, `;`, `|`) of tape, mocha, tap or
 * `node --test`, optionally through `npx` or `node_modules/.bin/`, after `VAR=value` assignments;
 * and `node <script>` when exactly one file is asked for. File and glob arguments are replaced by
 * the shell-quoted files. Not covered: mocha's `spec` from a `.mocharc*` file, which mocha adds to
 * the files given (the run is then wider than asked, never narrower); `mocha.spec` in package.json
 * is seen and gives null.
 */
export function focusTestCommand(input: FocusInput): string | null {
  if (typeof input.testCommand !== 'string' || !Array.isArray(input.files)) {
    throw new FabricError('USAGE_INVALID', 'focusTestCommand needs a testCommand string and a files array', {
      data: { paths: [typeof input.testCommand !== 'string' ? 'testCommand' : 'files'] },
    });
  }
  if (input.files.length === 0) return null;
  return focus(input.testCommand, readPackage(input.packageJson), input.files, 0);
}
