import { strict as assert } from 'node:assert';
import nacl from 'tweetnacl';
import { signBundle } from '../../../src/runtime/evidence/signBundle';
import { bundleSigningPayload } from '../../../src/runtime/evidence/signingPayload';
import type { EvidenceBundle } from '../../../src/runtime/evidence/types';
import { validateBundle } from '../../../src/runtime/evidence/validateBundle';
import { verifyBundle } from '../../../src/runtime/evidence/verifyBundle';
import { trustStoreFromKeys } from '../../../src/runtime/keys/trustStore';
import { canonicalJson } from '../../../src/runtime/util/canonicalJson';
import { sha256Digest } from '../../../src/runtime/util/digest';
import { testKey } from '../keys/keyFixtures';
import { DIFF_DIGEST, HEAD_HASH, unsignedBundle } from './bundleFixtures';

const verifier = testKey('verifier');
const policyEngine = testKey('policy_engine');
const release = testKey('release');
const operator = testKey('operator');
const trust = trustStoreFromKeys([verifier, policyEngine, release, operator]);

function signed(): EvidenceBundle {
  return signBundle(unsignedBundle(), { verifier, policy_engine: policyEngine });
}

function resign(bundle: EvidenceBundle, slot: 'verifier' | 'policy_engine', key: { keyid: string; secretKey: Uint8Array }): EvidenceBundle {
  const sig = Buffer.from(nacl.sign.detached(bundleSigningPayload(bundle), key.secretKey)).toString('base64');
  return { ...bundle, signatures: { ...bundle.signatures, [slot]: { keyid: key.keyid, sig } } };
}

function failed(result: ReturnType<typeof verifyBundle>): { name: string; field?: string; code?: string; line?: number }[] {
  return result.checks.filter((c) => !c.ok).map(({ name, field, code, line }) => ({ name, field, code, line }));
}

describe('#signBundle', () => {
  describe('when given the verifier and policy-engine keys', () => {
    it('signs the canonical JSON without signatures, keyed by OpenSSH fingerprint', () => {
      const bundle = signed();
      const { signatures, ...rest } = bundle;
      const payload = Buffer.from(canonicalJson(rest));
      assert.equal(signatures.verifier.keyid, verifier.keyid);
      assert.match(signatures.verifier.keyid, /^SHA256:/);
      assert.equal(nacl.sign.detached.verify(payload, Buffer.from(signatures.verifier.sig, 'base64'), verifier.publicKey), true);
      assert.equal(nacl.sign.detached.verify(payload, Buffer.from(signatures.policy_engine.sig, 'base64'), policyEngine.publicKey), true);
    });
  });

  describe('when a key sits in the wrong slot', () => {
    it('throws KEYS_INVALID', () => {
      assert.throws(() => signBundle(unsignedBundle(), { verifier: policyEngine, policy_engine: policyEngine }), { code: 'KEYS_INVALID' });
    });
  });

  describe('when the bundle is malformed', () => {
    it('throws SCHEMA_INVALID', () => {
      const bad = { ...unsignedBundle(), outcome: 'great' } as unknown as ReturnType<typeof unsignedBundle>;
      assert.throws(() => signBundle(bad, { verifier, policy_engine: policyEngine }), { code: 'SCHEMA_INVALID' });
    });
  });
});

describe('#validateBundle', () => {
  describe('when several fields are wrong', () => {
    it('reports every bad path at once', () => {
      const bad = JSON.parse(JSON.stringify(signed())) as Record<string, unknown> & { phases: { compile: Record<string, unknown> }; signatures: Record<string, unknown> };
      bad.extra = true;
      delete bad.goal;
      bad.phases.compile.verified_diff_sha = 'sha256:XYZ';
      bad.signatures.release = { keyid: release.keyid, sig: '' };
      assert.throws(
        () => validateBundle(bad),
        (e: { code: string; data: { errors: { path: string }[] } }) => {
          assert.equal(e.code, 'SCHEMA_INVALID');
          assert.deepEqual(e.data.errors.map((x) => x.path).sort(), ['/extra', '/goal', '/phases/compile/verified_diff_sha', '/signatures/release']);
          return true;
        },
      );
    });
  });

  describe('when the bundle is well formed', () => {
    it('accepts it', () => {
      assert.doesNotThrow(() => validateBundle(signed()));
    });
  });
});

describe('#verifyBundle', () => {
  describe('when the bundle is intact and matches the commit and log', () => {
    it('passes every step', () => {
      const result = verifyBundle(signed(), { trust, commitDiffDigest: DIFF_DIGEST, eventLog: { ok: true, count: 42, head_hash: HEAD_HASH } });
      assert.equal(result.ok, true);
      assert.deepEqual(result.checks.map((c) => c.name), ['schema', 'signature.verifier', 'signature.policy_engine', 'diff_digest', 'event_log']);
    });
  });

  describe('when any single byte of the serialized bundle is flipped', () => {
    it('detects every flip (at parse, schema or signature)', function () {
      this.timeout(300_000);
      const text = Buffer.from(JSON.stringify(signed(), null, 2), 'utf8');
      let parseFailures = 0;
      const undetected: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const flipped = Buffer.from(text);
        flipped[i] ^= 0x01;
        let parsed: unknown;
        try {
          parsed = JSON.parse(flipped.toString('utf8'));
        } catch {
          parseFailures++;
          continue;
        }
        if (verifyBundle(parsed, { trust }).ok) undetected.push(i);
      }
      assert.deepEqual(undetected, []);
      assert.ok(parseFailures > 0 && parseFailures < text.length);
    });
  });

  describe('when a slot is signed by another role\'s key', () => {
    it('fails that slot as untrusted for the role', () => {
      const result = verifyBundle(resign(signed(), 'policy_engine', release), { trust });
      assert.equal(result.ok, false);
      assert.deepEqual(failed(result), [{ name: 'signature.policy_engine', field: 'signatures.policy_engine.keyid', code: 'EVIDENCE_UNTRUSTED_KEY', line: undefined }]);
    });
  });

  describe('when a slot is signed by an unknown key', () => {
    it('fails that slot as untrusted', () => {
      const stranger = testKey('verifier', 'stranger');
      const result = verifyBundle(resign(signed(), 'verifier', stranger), { trust });
      assert.deepEqual(failed(result).map((c) => [c.name, c.code]), [['signature.verifier', 'EVIDENCE_UNTRUSTED_KEY']]);
    });
  });

  describe('when one key signs both slots', () => {
    it('counts it once', () => {
      const bundle = resign(signed(), 'policy_engine', verifier);
      const result = verifyBundle(bundle, { trust });
      assert.deepEqual(failed(result).map((c) => [c.name, c.code]), [['signature.policy_engine', 'EVIDENCE_SIGNATURE_INVALID']]);
    });
  });

  describe('when the signature is valid but from a bundle with other content', () => {
    it('fails the signature', () => {
      const other = signBundle({ ...unsignedBundle(), goal: 'something else' }, { verifier, policy_engine: policyEngine });
      const bundle = { ...signed(), signatures: { ...signed().signatures, verifier: other.signatures.verifier } };
      assert.deepEqual(failed(verifyBundle(bundle, { trust })).map((c) => [c.name, c.field, c.code]), [['signature.verifier', 'signatures.verifier.sig', 'EVIDENCE_SIGNATURE_INVALID']]);
    });
  });

  describe('when the commit diff differs from the verified diff', () => {
    it('fails on phases.compile.verified_diff_sha', () => {
      const result = verifyBundle(signed(), { trust, commitDiffDigest: sha256Digest('another diff') });
      assert.deepEqual(failed(result).map((c) => [c.field, c.code]), [['phases.compile.verified_diff_sha', 'EVIDENCE_DIGEST_MISMATCH']]);
    });
  });

  describe('when the event log disagrees with the bundle', () => {
    it('fails on the head hash, the count, or the broken line', () => {
      const head = verifyBundle(signed(), { trust, eventLog: { ok: true, count: 42, head_hash: sha256Digest('other') } });
      assert.deepEqual(failed(head).map((c) => c.field), ['event_log.head_hash']);
      const count = verifyBundle(signed(), { trust, eventLog: { ok: true, count: 41, head_hash: HEAD_HASH } });
      assert.deepEqual(failed(count).map((c) => c.field), ['event_log.count']);
      const broken = verifyBundle(signed(), { trust, eventLog: { ok: false, error: { line: 7, field: 'prev_hash', message: 'chain broken' } } });
      assert.deepEqual(failed(broken), [{ name: 'event_log', field: 'prev_hash', line: 7, code: 'EVENTS_CHAIN_BROKEN' }]);
    });
  });

  describe('when the input is not a bundle', () => {
    it('fails the schema step with every bad field and stops', () => {
      const result = verifyBundle({ trace_id: 'x', signatures: {} }, { trust });
      assert.equal(result.ok, false);
      assert.ok(result.checks.every((c) => c.name === 'schema' && c.code === 'SCHEMA_INVALID'));
      assert.ok(result.checks.some((c) => c.field === 'signatures.verifier'));
      assert.ok(result.checks.some((c) => c.field === 'goal'));
    });
  });
});
