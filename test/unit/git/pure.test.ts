import { strict as assert } from 'node:assert';
import nacl from 'tweetnacl';
import { branchName, diffDigest, isProtectedRef, parseSshsig, parseTrailers, signSshsig, verifySshsig } from '../../../src/runtime/git';
import { canonicalDigest } from '../../../src/runtime/util/digest';
import { isFabricError } from '../../../src/runtime/errors';

const key = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(3));
const other = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(4));

describe('#signSshsig', () => {
  describe('when signing a payload', () => {
    it('produces an armored SSHSIG wrapped at 70 columns that verifies', () => {
      const armored = signSshsig('hello\n', key);
      const lines = armored.trimEnd().split('\n');
      assert.equal(lines[0], '-----BEGIN SSH SIGNATURE-----');
      assert.equal(lines[lines.length - 1], '-----END SSH SIGNATURE-----');
      assert.ok(lines.slice(1, -1).every((l) => l.length <= 70));
      assert.equal(lines[1].length, 70);
      assert.equal(verifySshsig(armored, 'hello\n', key.publicKey), true);
      const parsed = parseSshsig(armored);
      assert.equal(parsed?.namespace, 'git');
      assert.equal(parsed?.hashAlgorithm, 'sha512');
    });
  });
  describe('when the key pair is inconsistent', () => {
    it('throws KEYS_INVALID', () => {
      assert.throws(() => signSshsig('x', { publicKey: other.publicKey, secretKey: key.secretKey }), (e: unknown) => isFabricError(e, 'KEYS_INVALID'));
    });
  });
});

describe('#verifySshsig', () => {
  describe('when anything differs from what was signed', () => {
    it('rejects another payload, key or namespace, and garbage', () => {
      const armored = signSshsig(new Uint8Array([1, 2, 3]), key, 'file');
      assert.equal(verifySshsig(armored, new Uint8Array([1, 2, 3]), key.publicKey, 'file'), true);
      assert.equal(verifySshsig(armored, new Uint8Array([1, 2, 4]), key.publicKey, 'file'), false);
      assert.equal(verifySshsig(armored, new Uint8Array([1, 2, 3]), other.publicKey, 'file'), false);
      assert.equal(verifySshsig(armored, new Uint8Array([1, 2, 3]), key.publicKey, 'git'), false);
      assert.equal(verifySshsig('-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n', 'x', key.publicKey), false);
      assert.equal(parseSshsig('not a signature'), null);
    });
  });
});

describe('#branchName', () => {
  describe('when the goal has words', () => {
    it('slugs lowercase ASCII words and appends 8 hex of the trace id', () => {
      assert.equal(branchName('Fix: parseDate() crashes on Ünïcode input!', '1B2C3D4E-5F60-4a7b-8c9d-0e1f2a3b4c5d'), 'fabric/fix-parsedate-crashes-on-n-code-input-1b2c3d4e');
    });
    it('keeps whole words within 40 characters', () => {
      const name = branchName('alpha beta gamma delta epsilon zeta eta theta iota kappa', '0123456789abcdef');
      const slug = name.slice('fabric/'.length, -'-01234567'.length);
      assert.ok(slug.length <= 40, slug);
      assert.equal(slug, 'alpha-beta-gamma-delta-epsilon-zeta-eta');
    });
    it('cuts a single overlong word', () => {
      assert.equal(branchName('x'.repeat(60), 'abcdef01-0000'), `fabric/${'x'.repeat(40)}-abcdef01`);
    });
  });
  describe('when the goal has no ASCII words', () => {
    it('uses fix', () => {
      assert.equal(branchName('¡¿…!', 'deadbeef'), 'fabric/fix-deadbeef');
    });
  });
  describe('when the trace id is not hex', () => {
    it('throws USAGE_INVALID', () => {
      assert.throws(() => branchName('x', 'not-a-trace'), (e: unknown) => isFabricError(e, 'USAGE_INVALID'));
    });
  });
});

describe('#isProtectedRef', () => {
  const state = { defaultBranch: 'develop', headBranch: 'fabric/mine-00000000' };
  describe('when the name is a fresh fabric/ branch', () => {
    it('is not protected, short or full', () => {
      assert.equal(isProtectedRef(state, 'fabric/fix-12345678'), false);
      assert.equal(isProtectedRef(state, 'refs/heads/fabric/fix-12345678'), false);
    });
  });
  describe('when the name is main, master, default, checked out, outside fabric/ or invalid', () => {
    it('is protected', () => {
      for (const name of ['main', 'master', 'develop', 'fabric/mine-00000000', 'feature/x', 'fabric/', 'fabric/a..b', 'refs/tags/fabric/x', 'refs/heads/main', 'fabric/x.lock']) {
        assert.equal(isProtectedRef(state, name), true, name);
      }
    });
  });
});

describe('#parseTrailers', () => {
  describe('when the last paragraph is all trailers', () => {
    it('returns them, joining continuation lines and keeping the first of a repeated key', () => {
      const msg = 'Subject\n\nBody text.\n\nFabric-Trace: abc\nFabric-Evidence: sha256:01\n  23\nFabric-Trace: second\n';
      assert.deepEqual(parseTrailers(msg), { 'Fabric-Trace': 'abc', 'Fabric-Evidence': 'sha256:01 23' });
    });
  });
  describe('when there is no trailer block', () => {
    it('returns nothing for a subject-only message or prose in the last paragraph', () => {
      assert.deepEqual(parseTrailers('Fabric-Trace: abc'), {});
      assert.deepEqual(parseTrailers('Subject\n\nFabric-Trace: abc\nnot a trailer'), {});
    });
  });
});

describe('#diffDigest', () => {
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  describe('when entries come in any order', () => {
    it('hashes the canonical JSON of the entries sorted by path', () => {
      const entries = [
        { path: 'z.js', old_oid: a, new_oid: null },
        { path: 'a.js', old_oid: null, new_oid: b },
      ];
      const expected = canonicalDigest([entries[1], entries[0]]);
      assert.equal(diffDigest(entries), expected);
      assert.equal(diffDigest([...entries].reverse()), expected);
    });
  });
  describe('when an entry is malformed or repeated', () => {
    it('throws PATCH_INVALID', () => {
      assert.throws(() => diffDigest([{ path: 'x', old_oid: 'nothex', new_oid: null }]), (e: unknown) => isFabricError(e, 'PATCH_INVALID'));
      assert.throws(
        () => diffDigest([{ path: 'x', old_oid: a, new_oid: null }, { path: 'x', old_oid: null, new_oid: b }]),
        (e: unknown) => isFabricError(e, 'PATCH_INVALID'),
      );
    });
  });
});
