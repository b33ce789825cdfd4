import { strict as assert } from 'node:assert';
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { Verifier, toSignedEntity, type TrustMaterial } from '@sigstore/verify';
import { inTotoStatement } from '../../../src/runtime/evidence/inTotoStatement';
import { pae } from '../../../src/runtime/evidence/pae';
import { signBundle } from '../../../src/runtime/evidence/signBundle';
import { signDsse } from '../../../src/runtime/evidence/signDsse';
import type { DsseEnvelope, EvidenceBundle } from '../../../src/runtime/evidence/types';
import { verifyDsse } from '../../../src/runtime/evidence/verifyDsse';
import { trustStoreFromKeys } from '../../../src/runtime/keys/trustStore';
import { sha256Digest } from '../../../src/runtime/util/digest';
import { testKey } from '../keys/keyFixtures';
import { DIFF_DIGEST, unsignedBundle } from './bundleFixtures';

const verifier = testKey('verifier');
const policyEngine = testKey('policy_engine');
const release = testKey('release');
const trust = trustStoreFromKeys([verifier, policyEngine, release]);

function bundle(): EvidenceBundle {
  return signBundle(unsignedBundle(), { verifier, policy_engine: policyEngine });
}

function envelope(): DsseEnvelope {
  const b = bundle();
  return signDsse(inTotoStatement(b, { commit: b.commit, diffDigest: DIFF_DIGEST }), release);
}

function spkiKey(publicKey: Uint8Array): ReturnType<typeof createPublicKey> {
  return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKey)]), format: 'der', type: 'spki' });
}

describe('#pae', () => {
  describe('when given the DSSE specification example', () => {
    it('encodes type and body with their byte lengths', () => {
      assert.equal(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString(), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    });
  });

  describe('when the type or body has multi-byte characters', () => {
    it('counts bytes, not characters', () => {
      assert.deepEqual(pae('tÿpe', Buffer.from('ü')), Buffer.concat([Buffer.from('DSSEv1 5 tÿpe 2 ü')]));
    });
  });
});

describe('#inTotoStatement', () => {
  describe('when the subjects match the bundle', () => {
    it('names the commit and the diff as subjects and carries the bundle as predicate', () => {
      const b = bundle();
      const st = inTotoStatement(b, { commit: b.commit, diffDigest: DIFF_DIGEST });
      assert.equal(st._type, 'https://in-toto.io/Statement/v1');
      assert.equal(st.predicateType, 'https://fabric.invalid/evidence-bundle/v1');
      assert.deepEqual(st.subject.map((s) => s.digest), [{ gitCommit: b.commit }, { sha256: DIFF_DIGEST.slice(7) }]);
      assert.deepEqual(st.predicate, b);
    });
  });

  describe('when a subject disagrees with the bundle', () => {
    it('throws EVIDENCE_DIGEST_MISMATCH', () => {
      const b = bundle();
      assert.throws(() => inTotoStatement(b, { commit: 'b'.repeat(40), diffDigest: DIFF_DIGEST }), { code: 'EVIDENCE_DIGEST_MISMATCH' });
      assert.throws(() => inTotoStatement(b, { commit: b.commit, diffDigest: sha256Digest('x') }), { code: 'EVIDENCE_DIGEST_MISMATCH' });
    });
  });
});

describe('#signDsse', () => {
  describe('when verified independently with node:crypto', () => {
    it('is a valid Ed25519 signature over PAE', () => {
      const env = envelope();
      assert.equal(env.payloadType, 'application/vnd.in-toto+json');
      assert.equal(env.signatures[0].keyid, release.keyid);
      const message = pae(env.payloadType, Buffer.from(env.payload, 'base64'));
      assert.equal(cryptoVerify(null, message, spkiKey(release.publicKey), Buffer.from(env.signatures[0].sig, 'base64')), true);
      const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { subject: unknown[] };
      assert.equal(statement.subject.length, 2);
    });
  });

  describe('when verified independently with @sigstore/verify (offline, supplied key)', () => {
    it('verifies, and refuses a tampered payload', () => {
      const env = envelope();
      const material: TrustMaterial = {
        certificateAuthorities: [],
        timestampAuthorities: [],
        tlogs: [],
        ctlogs: [],
        publicKey: (hint) => {
          if (hint !== release.keyid) throw new Error(`unknown key ${hint}`);
          return { publicKey: spkiKey(release.publicKey), validFor: () => true };
        },
      };
      const toEntity = (payload: Buffer): ReturnType<typeof toSignedEntity> =>
        toSignedEntity({
          mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          verificationMaterial: { content: { $case: 'publicKey', publicKey: { hint: release.keyid } }, tlogEntries: [], timestampVerificationData: undefined },
          content: { $case: 'dsseEnvelope', dsseEnvelope: { payloadType: env.payloadType, payload, signatures: [{ keyid: release.keyid, sig: Buffer.from(env.signatures[0].sig, 'base64') }] } },
        } as Parameters<typeof toSignedEntity>[0]);
      const sigstore = new Verifier(material, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
      const payload = Buffer.from(env.payload, 'base64');
      assert.doesNotThrow(() => sigstore.verify(toEntity(payload)));
      const tampered = Buffer.from(payload);
      tampered[10] ^= 1;
      assert.throws(() => sigstore.verify(toEntity(tampered)), { code: 'SIGNATURE_ERROR' });
    });
  });
});

describe('#verifyDsse', () => {
  describe('when the envelope is signed by a trusted key', () => {
    it('reports that key', () => {
      assert.deepEqual(verifyDsse(envelope(), trust), { ok: true, keyids: [release.keyid] });
      assert.equal(verifyDsse(envelope(), trust, { roles: ['release'] }).ok, true);
    });
  });

  describe('when the signer is not trusted for the required role', () => {
    it('is not ok', () => {
      assert.equal(verifyDsse(envelope(), trust, { roles: ['verifier'] }).ok, false);
      assert.equal(verifyDsse(envelope(), trustStoreFromKeys([verifier])).ok, false);
    });
  });

  describe('when the payload or type is changed', () => {
    it('is not ok', () => {
      const env = envelope();
      const payload = Buffer.from(env.payload, 'base64');
      payload[20] ^= 1;
      assert.equal(verifyDsse({ ...env, payload: payload.toString('base64') }, trust).ok, false);
      assert.equal(verifyDsse({ ...env, payloadType: 'application/json' }, trust).ok, false);
    });
  });

  describe('when the same signature is repeated', () => {
    it('counts it once toward the threshold', () => {
      const env = envelope();
      const doubled = { ...env, signatures: [env.signatures[0], env.signatures[0]] };
      assert.deepEqual(verifyDsse(doubled, trust, { threshold: 2 }), { ok: false, keyids: [release.keyid] });
    });
  });

  describe('when the input is not an envelope', () => {
    it('throws SCHEMA_INVALID', () => {
      assert.throws(() => verifyDsse({ payload: 1 }, trust), { code: 'SCHEMA_INVALID' });
    });
  });
});
