/** The capabilities (Cedar actions) the runtime uses; policies/capabilities.json describes each. */
export const CAPABILITY_IDS = [
  'workspace.create',
  'fs.read',
  'fs.write',
  'sandbox.exec',
  'git.snapshot',
  'git.commit',
  'git.write_ref',
  'git.note',
  'evidence.sign',
  'git.push',
  'git.force_push',
  'git.delete_branch',
  'network.access',
] as const;

export type CapabilityId = (typeof CAPABILITY_IDS)[number];

export function isCapabilityId(value: unknown): value is CapabilityId {
  return typeof value === 'string' && (CAPABILITY_IDS as readonly string[]).includes(value);
}
