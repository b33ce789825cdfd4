export type { ExecLimits, ExecResult, ExecSpec, HostGitRunner, LimitBreach, Mount, SandboxKind, SandboxRunner } from './types';
export { DEFAULT_MAX_OUTPUT_BYTES } from './types';
export { minimalEnv } from './minimalEnv';
export { createBwrapRunner, type BwrapRunnerOptions } from './createBwrapRunner';
export { createHostRunner } from './createHostRunner';
export { selectSandbox, type SandboxPreference, type SandboxSelection, type SelectSandboxOptions } from './selectSandbox';
export { dependencyMounts } from './dependencyMounts';
export { linkDependencies } from './linkDependencies';
export { runHostGit, HOST_GIT_SAFETY_FLAGS } from './runHostGit';
