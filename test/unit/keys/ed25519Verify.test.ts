import { strict as assert } from 'node:assert';
import nacl from 'tweetnacl';
import { verifyEd25519 } from '../../../src/runtime/keys/ed25519Verify';
import { testKey } from './keyFixtures';

const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex');

/** S + L: the same signature spelled differently (malleability); little-endian addition. */
function addL(sig: Uint8Array): Uint8Array {
  const out = new Uint8Array(sig);
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const v = out[32 + i] + L[i] + carry;
    out[32 + i] = v & 0xff;
    carry = v >> 8;
  }
  return out;
}

describe('#verifyEd25519', () => {
  const key = testKey('verifier');
  const message = Buffer.from('payload');
  const sig = nacl.sign.detached(message, key.secretKey);

  describe('when the signature is genuine', () => {
    it('accepts it', () => {
      assert.equal(verifyEd25519(message, sig, key.publicKey), true);
    });
  });

  describe('when the signature is the malleated S + L form', () => {
    it('refuses it (tweetnacl alone would accept it)', () => {
      const malleated = addL(sig);
      assert.equal(nacl.sign.detached.verify(message, malleated, key.publicKey), true);
      assert.equal(verifyEd25519(message, malleated, key.publicKey), false);
    });
  });

  describe('when lengths or message are wrong', () => {
    it('refuses it', () => {
      assert.equal(verifyEd25519(Buffer.from('other'), sig, key.publicKey), false);
      assert.equal(verifyEd25519(message, sig.subarray(0, 63), key.publicKey), false);
      assert.equal(verifyEd25519(message, sig, key.publicKey.subarray(0, 31)), false);
    });
  });
});
