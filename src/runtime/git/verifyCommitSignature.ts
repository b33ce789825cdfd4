import * as git from 'isomorphic-git';
import { sshFingerprint } from '../util/sshWire';
import { splitSignature } from './internal/commitObject';
import { gitOp, openRepo } from './internal/repo';
import { parseSshsig, verifySshsig } from './sshsig';

/** Why a commit signature did not verify. */
export type CommitSignatureFailure = 'not-a-commit' | 'unsigned' | 'multiple-signatures' | 'malformed-signature' | 'untrusted-key' | 'bad-signature';

/** The outcome of `verifyCommitSignature`. */
export interface CommitSignatureResult {
  /** True only for a valid SSHSIG (namespace `git`) by one of the trusted keys. */
  ok: boolean;
  /** The signer's OpenSSH fingerprint (`SHA256:…`) when the signature could be parsed. */
  keyid?: string;
  /** Why it failed. */
  reason?: CommitSignatureFailure;
}

/**
 * Fabric's own check of an SSH-signed commit: the payload is the raw commit object with its
 * `gpgsig` header (and continuation lines) removed, verified against the trusted Ed25519 keys.
 */
export async function verifyCommitSignature(repoDir: string, oid: string, trusted: readonly { publicKey: Uint8Array }[]): Promise<CommitSignatureResult> {
  const repo = openRepo(repoDir);
  const obj = await gitOp(`reading ${oid}`, () => git.readObject({ fs: repo.fs, gitdir: repo.gitdir, oid, format: 'content', cache: repo.cache }));
  if (obj.type !== 'commit' || !(obj.object instanceof Uint8Array)) return { ok: false, reason: 'not-a-commit' };
  const { payload, signatures } = splitSignature(obj.object);
  if (signatures.length === 0) return { ok: false, reason: 'unsigned' };
  if (signatures.length > 1) return { ok: false, reason: 'multiple-signatures' };
  const parsed = parseSshsig(signatures[0]);
  if (!parsed) return { ok: false, reason: 'malformed-signature' };
  const keyid = sshFingerprint(parsed.publicKey);
  const key = trusted.find((t) => Buffer.from(t.publicKey).equals(Buffer.from(parsed.publicKey)));
  if (!key) return { ok: false, keyid, reason: 'untrusted-key' };
  if (!verifySshsig(signatures[0], payload, key.publicKey, 'git')) return { ok: false, keyid, reason: 'bad-signature' };
  return { ok: true, keyid };
}
