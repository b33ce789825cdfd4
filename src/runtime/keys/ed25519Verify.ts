import nacl from 'tweetnacl';

/** The order of the Ed25519 base point, little-endian (RFC 8032 §5.1). */
const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');

/** S (the second half of the signature) must be below L, else the signature is malleable (RFC 8032 §5.1.7). */
function scalarIsCanonical(sig: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const s = sig[32 + i];
    if (s !== L[i]) return s < L[i];
  }
  return false;
}

/**
 * Strict Ed25519 verification (tweetnacl): exact lengths, canonical S, then the signature check.
 * Every signature in keys/, evidence/ and approvals/ goes through here.
 */
export function verifyEd25519(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== nacl.sign.signatureLength || publicKey.length !== nacl.sign.publicKeyLength) return false;
  if (!scalarIsCanonical(signature)) return false;
  return nacl.sign.detached.verify(message, signature, publicKey);
}
