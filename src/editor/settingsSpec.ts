/**
 * The `fabric.*` settings: one source of truth for the manifest's `contributes.configuration`
 * (a unit test checks package.json against {@link SETTINGS}), for docs/settings.md, and for turning
 * what the user set into the runtime's {@link FixOptions}. Defaults come from
 * {@link DEFAULT_FIX_OPTIONS}, so the editor and the CLI can never disagree. No `vscode` import.
 */
import { DEFAULT_FIX_OPTIONS, type FixOptions } from '../runtime/pipeline/options';
import { compileSchema, type SchemaIssue } from '../runtime/util/schema';

/** Where a setting may be set (VS Code's configuration scopes). */
export type SettingScope = 'machine' | 'resource';

/** One contributed setting, exactly as it appears in package.json (minus the `fabric.` prefix). */
export interface SettingSpec {
  type: 'string' | 'integer' | 'number' | 'boolean';
  default: string | number | boolean;
  markdownDescription: string;
  scope: SettingScope;
  order: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  enumDescriptions?: string[];
}

const seconds = (ms: number): number => ms / 1000;

/**
 * Every setting. `fabric.sandbox` is machine-scoped: a repository's own `.vscode/settings.json`
 * must never be able to switch test isolation off (repositories are untrusted input).
 */
export const SETTINGS = {
  'fabric.testCommand': {
    type: 'string',
    default: '',
    markdownDescription: 'The test command, run with `sh -c` inside the sandbox. Empty: detected from the `test` script of `package.json`.',
    scope: 'resource',
    order: 0,
  },
  'fabric.candidates': {
    type: 'integer',
    default: DEFAULT_FIX_OPTIONS.candidates,
    minimum: 1,
    maximum: 1000,
    markdownDescription: 'How many repair candidates to try per planning round.',
    scope: 'resource',
    order: 1,
  },
  'fabric.parallel': {
    type: 'integer',
    default: DEFAULT_FIX_OPTIONS.parallel,
    minimum: 1,
    maximum: 64,
    markdownDescription: 'How many candidates are verified at the same time (at most the number of cores is useful).',
    scope: 'resource',
    order: 2,
  },
  'fabric.sandbox': {
    type: 'string',
    default: DEFAULT_FIX_OPTIONS.sandbox,
    enum: ['auto', 'bwrap', 'host'],
    enumDescriptions: [
      'Bubblewrap when it works here; otherwise the run stops with an explanation (never a silent fallback).',
      'Always bubblewrap: no network, a private file system view, the process tree killed on timeout.',
      'No isolation: tests run directly on this machine with your permissions. Only for code you trust.',
    ],
    markdownDescription: 'Where the tests of the repository run. Can only be set in user settings, never by a repository.',
    scope: 'machine',
    order: 3,
  },
  'fabric.testTimeoutSeconds': {
    type: 'number',
    default: seconds(DEFAULT_FIX_OPTIONS.testTimeoutMs),
    minimum: 1,
    markdownDescription: 'Time limit of one test run, in seconds; the whole process tree is killed when it is reached.',
    scope: 'resource',
    order: 4,
  },
  'fabric.budgetSeconds': {
    type: 'number',
    default: seconds(DEFAULT_FIX_OPTIONS.budgetMs),
    minimum: 10,
    markdownDescription: 'Wall-time budget of a whole run (Explore and Compile), in seconds.',
    scope: 'resource',
    order: 5,
  },
  'fabric.maxRevisions': {
    type: 'integer',
    default: DEFAULT_FIX_OPTIONS.maxRevisions,
    minimum: 0,
    maximum: 10,
    markdownDescription: 'How many revise rounds (re-plan with a wider scope) may follow the first one.',
    scope: 'resource',
    order: 6,
  },
  'fabric.allowTestEdits': {
    type: 'boolean',
    default: DEFAULT_FIX_OPTIONS.allowTestEdits,
    markdownDescription: 'Allow candidates to edit test files. Off: a fix must make the existing tests pass.',
    scope: 'resource',
    order: 7,
  },
  'fabric.provider': {
    type: 'string',
    default: DEFAULT_FIX_OPTIONS.provider,
    enum: ['offline'],
    enumDescriptions: ['The built-in program-repair engine: runs locally, no model, no network.'],
    markdownDescription: 'Where candidate patches come from.',
    scope: 'resource',
    order: 8,
  },
  'fabric.remote': {
    type: 'string',
    default: 'origin',
    markdownDescription: 'The git remote a signed `fabric/…` branch is pushed to (after your approval).',
    scope: 'resource',
    order: 9,
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** The configuration section (`fabric`) and a key's name inside it (`testCommand`). */
export function settingName(key: SettingKey): string {
  return key.slice('fabric.'.length);
}

/** What VS Code's `WorkspaceConfiguration.inspect` reports for one key (the layers that matter here). */
export interface InspectedSetting {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The value that counts: for machine-scoped settings only the user's own (global) value — a value
 * a workspace put there is ignored even if VS Code would merge it — otherwise the most specific one.
 */
export function effectiveValue(key: SettingKey, inspected: InspectedSetting | undefined): unknown {
  if (!inspected) return undefined;
  if (SETTINGS[key].scope === 'machine') return inspected.globalValue;
  return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
}

/** The JSON Schema of one setting's value (the manifest entry without its editor-only keywords). */
function valueSchema(spec: SettingSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { type: spec.type };
  if (spec.minimum !== undefined) out.minimum = spec.minimum;
  if (spec.maximum !== undefined) out.maximum = spec.maximum;
  if (spec.enum !== undefined) out.enum = spec.enum;
  return out;
}

const checkValues = compileSchema<Record<string, unknown>>({
  type: 'object',
  properties: Object.fromEntries(SETTING_KEYS.map((k) => [k, valueSchema(SETTINGS[k])])),
}).issues;

/** Settings turned into run options, and what was wrong with the values that were ignored. */
export interface SettingsOutcome {
  /** Everything but `workspace` and `goal`. */
  options: Omit<FixOptions, 'workspace' | 'goal'>;
  /** The remote pushes go to. */
  remote: string;
  /** Values that did not fit their setting's schema; their defaults were used instead (ajv paths). */
  ignored: SchemaIssue[];
}

/**
 * Validates the values the user set (ajv, every bad key listed) and converts them: seconds to
 * milliseconds, an empty test command to "detect". A bad value falls back to its default.
 */
export function fixOptionsFromSettings(values: Partial<Record<SettingKey, unknown>>): SettingsOutcome {
  const given: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) if (values[key] !== undefined && values[key] !== null) given[key] = values[key];
  const ignored = checkValues(given);
  for (const issue of ignored) {
    const key = (issue.path.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    delete given[key];
  }
  const pick = <K extends SettingKey>(key: K): (typeof SETTINGS)[K]['default'] => (given[key] ?? SETTINGS[key].default) as (typeof SETTINGS)[K]['default'];
  const testCommand = String(pick('fabric.testCommand')).trim();
  const remote = String(pick('fabric.remote')).trim();
  return {
    options: {
      ...(testCommand ? { testCommand } : {}),
      candidates: Number(pick('fabric.candidates')),
      parallel: Number(pick('fabric.parallel')),
      provider: 'offline',
      sandbox: pick('fabric.sandbox') as FixOptions['sandbox'],
      testTimeoutMs: Math.round(Number(pick('fabric.testTimeoutSeconds')) * 1000),
      budgetMs: Math.round(Number(pick('fabric.budgetSeconds')) * 1000),
      maxRevisions: Number(pick('fabric.maxRevisions')),
      allowTestEdits: Boolean(pick('fabric.allowTestEdits')),
    },
    remote: remote || SETTINGS['fabric.remote'].default,
    ignored,
  };
}
