/**
 * SSHSIG (OpenSSH's PROTOCOL.sshsig) with Ed25519 keys from tweetnacl: what git's SSH commit
 * signing and `ssh-keygen -Y sign/verify` use. The signed data is
 * `"SSHSIG" ‖ string(namespace) ‖ string("") ‖ string(hash) ‖ string(H(payload))`; the signature
 * blob is `"SSHSIG" ‖ uint32(1) ‖ string(pubkey blob) ‖ string(namespace) ‖ string("") ‖
 * string(hash) ‖ string(string("ssh-ed25519") ‖ string(sig))`, armored and wrapped at 70 columns.
 */
import { createHash } from 'node:crypto';
import nacl from 'tweetnacl';
import { FabricError } from '../errors';
import { sshEd25519PublicKeyBlob, sshString } from '../util/sshWire';

const MAGIC = Buffer.from('SSHSIG', 'ascii');
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';

/** An Ed25519 key pair as tweetnacl makes it. */
export interface Ed25519KeyPair {
  /** The 32-byte public key. */
  publicKey: Uint8Array;
  /** The 64-byte tweetnacl secret key (seed ‖ public key). */
  secretKey: Uint8Array;
}

/** A parsed SSHSIG blob. */
export interface ParsedSshsig {
  publicKey: Uint8Array;
  namespace: string;
  hashAlgorithm: 'sha256' | 'sha512';
  signature: Uint8Array;
}

/** Signs `payload` and returns the armored signature (ending with a newline), like `ssh-keygen -Y sign`. */
export function signSshsig(payload: string | Uint8Array, key: Ed25519KeyPair, namespace = 'git'): string {
  if (key.secretKey.length !== 64 || key.publicKey.length !== 32 || !Buffer.from(key.secretKey.subarray(32)).equals(Buffer.from(key.publicKey))) {
    throw new FabricError('KEYS_INVALID', 'signing key must be a tweetnacl Ed25519 pair (32-byte public, 64-byte secret of the same key)');
  }
  const signature = nacl.sign.detached(signedData(payload, namespace, 'sha512'), key.secretKey);
  const blob = Buffer.concat([
    MAGIC,
    uint32(1),
    sshString(sshEd25519PublicKeyBlob(key.publicKey)),
    sshString(namespace),
    sshString(''),
    sshString('sha512'),
    sshString(Buffer.concat([sshString('ssh-ed25519'), sshString(signature)])),
  ]);
  const b64 = blob.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 70) lines.push(b64.slice(i, i + 70));
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

/** True if `armored` is a valid SSHSIG by exactly `publicKey` over `payload` in `namespace`. */
export function verifySshsig(armored: string, payload: string | Uint8Array, publicKey: Uint8Array, namespace = 'git'): boolean {
  const sig = parseSshsig(armored);
  if (!sig || sig.namespace !== namespace || !Buffer.from(sig.publicKey).equals(Buffer.from(publicKey))) return false;
  return nacl.sign.detached.verify(signedData(payload, namespace, sig.hashAlgorithm), sig.signature, publicKey);
}

/** Parses an armored Ed25519 SSHSIG; null if it is malformed or not Ed25519. */
export function parseSshsig(armored: string): ParsedSshsig | null {
  const text = armored.replace(/\r/g, '').trim();
  if (!text.startsWith(BEGIN) || !text.endsWith(END)) return null;
  const body = text.slice(BEGIN.length, text.length - END.length).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return null;
  const r = new Reader(Buffer.from(body, 'base64'));
  try {
    if (!r.raw(6).equals(MAGIC) || r.uint32() !== 1) return null;
    const keyBlob = new Reader(r.string());
    if (keyBlob.string().toString('latin1') !== 'ssh-ed25519') return null;
    const publicKey = keyBlob.string();
    const namespace = r.string().toString('utf8');
    r.string(); // reserved
    const hash = r.string().toString('latin1');
    const sigBlob = new Reader(r.string());
    if (sigBlob.string().toString('latin1') !== 'ssh-ed25519') return null;
    const signature = sigBlob.string();
    if (!r.done() || !keyBlob.done() || !sigBlob.done() || publicKey.length !== 32 || signature.length !== 64) return null;
    if (hash !== 'sha256' && hash !== 'sha512') return null;
    return { publicKey: new Uint8Array(publicKey), namespace, hashAlgorithm: hash, signature: new Uint8Array(signature) };
  } catch {
    return null;
  }
}

function signedData(payload: string | Uint8Array, namespace: string, hash: 'sha256' | 'sha512'): Buffer {
  const digest = createHash(hash).update(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload).digest();
  return Buffer.concat([MAGIC, sshString(namespace), sshString(''), sshString(hash), sshString(digest)]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  raw(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new RangeError('truncated');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  uint32(): number {
    return this.raw(4).readUInt32BE(0);
  }
  string(): Buffer {
    return this.raw(this.uint32());
  }
  done(): boolean {
    return this.pos === this.buf.length;
  }
}
