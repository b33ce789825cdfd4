import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedSignersLines } from '../../../src/runtime/keys/allowedSignersLines';
import { initKeys } from '../../../src/runtime/keys/initKeys';
import { trustFilePath } from '../../../src/runtime/keys/keyFile';
import { loadKey } from '../../../src/runtime/keys/loadKey';
import { loadTrustStore } from '../../../src/runtime/keys/loadTrustStore';
import { publicKeyInfo } from '../../../src/runtime/keys/publicKeyInfo';
import { trustStoreFromKeys } from '../../../src/runtime/keys/trustStore';
import { parseSshEd25519PublicKeyLine } from '../../../src/runtime/util/sshWire';
import { makeTempDir } from '../../helpers/tmp';
import { seededRandom, testKey } from './keyFixtures';

function writeTrust(home: string, text: string): void {
  writeFileSync(trustFilePath(home), text);
  chmodSync(trustFilePath(home), 0o644);
}

describe('#publicKeyInfo', () => {
  describe('when given a role key', () => {
    it('names the role in the OpenSSH line and uses the fingerprint as key id', () => {
      const key = testKey('policy_engine');
      const info = publicKeyInfo(key);
      assert.equal(info.role, 'policy_engine');
      assert.equal(info.keyid, key.keyid);
      assert.match(info.openssh, /^ssh-ed25519 AAAA\S+ fabric-policy_engine$/);
      assert.deepEqual(Buffer.from(parseSshEd25519PublicKeyLine(info.openssh)?.publicKey ?? []), Buffer.from(key.publicKey));
    });
  });
});

describe('#allowedSignersLines', () => {
  describe('when given keys or public infos', () => {
    it('writes one git allowed-signers line per key', () => {
      const verifier = testKey('verifier');
      const release = testKey('release');
      const text = allowedSignersLines([verifier, publicKeyInfo(release)]);
      const lines = text.split('\n');
      assert.equal(lines.length, 3);
      assert.equal(lines[2], '');
      assert.equal(lines[0], `fabric-verifier@fabric.invalid namespaces="git" ${publicKeyInfo(verifier).openssh.replace(/ fabric-verifier$/, '')}`);
      assert.match(lines[1], /^fabric-release@fabric\.invalid namespaces="git" ssh-ed25519 AAAA\S+$/);
    });
  });
});

describe('#trustStoreFromKeys', () => {
  describe('when each key has one role', () => {
    it('looks keys up by key id and by role', () => {
      const v = testKey('verifier');
      const o = testKey('operator');
      const trust = trustStoreFromKeys([v, o]);
      assert.equal(trust.lookup(v.keyid)?.role, 'verifier');
      assert.equal(trust.lookup(testKey('verifier', 'other').keyid), undefined);
      assert.deepEqual(trust.keysForRole('operator').map((k) => k.keyid), [o.keyid]);
      assert.equal(trust.entries().length, 2);
    });
  });

  describe('when one key is listed for two roles', () => {
    it('throws KEYS_INVALID', () => {
      const v = testKey('verifier');
      assert.throws(() => trustStoreFromKeys([v, { ...v, role: 'policy_engine' }]), { code: 'KEYS_INVALID' });
    });
  });
});

describe('#loadTrustStore', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);
  let n = 0;
  const freshHome = (): string => join(tmp.path, `home${n++}`);

  describe('when there is no trust file', () => {
    it('trusts the public halves of the local keys', () => {
      const home = freshHome();
      initKeys(home, { random: seededRandom('trust-local') });
      const trust = loadTrustStore(home);
      assert.equal(trust.lookup(loadKey(home, 'release').keyid)?.role, 'release');
      assert.equal(trust.entries().length, 4);
    });

    it('throws KEYS_MISSING when there are no keys either', () => {
      assert.throws(() => loadTrustStore(freshHome()), { code: 'KEYS_MISSING' });
    });
  });

  describe('when trusted_keys.json exists', () => {
    it('trusts exactly the keys it lists, for their roles', () => {
      const home = freshHome();
      initKeys(home, { random: seededRandom('trust-file') });
      const v = testKey('verifier', 'ci');
      writeTrust(home, JSON.stringify({ keys: [{ role: 'verifier', openssh: publicKeyInfo(v).openssh }] }));
      const trust = loadTrustStore(home);
      assert.equal(trust.lookup(v.keyid)?.role, 'verifier');
      assert.equal(trust.lookup(loadKey(home, 'verifier').keyid), undefined);
    });

    it('throws KEYS_INVALID when others may write it', () => {
      const home = freshHome();
      mkdirSync(home);
      writeTrust(home, JSON.stringify({ keys: [{ role: 'verifier', openssh: publicKeyInfo(testKey('verifier')).openssh }] }));
      chmodSync(trustFilePath(home), 0o666);
      assert.throws(() => loadTrustStore(home), { code: 'KEYS_INVALID' });
    });

    it('throws KEYS_INVALID listing every bad entry', () => {
      const home = freshHome();
      mkdirSync(home);
      const bad = { keys: [{ role: 'admin', openssh: 'ssh-ed25519 AAAA' }, { role: 'verifier' }, { role: 'release', openssh: 'ssh-ed25519 bm90IGEga2V5' }] };
      writeTrust(home, JSON.stringify(bad));
      assert.throws(
        () => loadTrustStore(home),
        (e: { code: string; data: { errors: { path: string }[] } }) => {
          assert.equal(e.code, 'KEYS_INVALID');
          assert.deepEqual(e.data.errors.map((x) => x.path).sort(), ['/keys/0/role', '/keys/1/openssh']);
          return true;
        },
      );
      writeTrust(home, JSON.stringify({ keys: [bad.keys[2]] }));
      assert.throws(() => loadTrustStore(home), (e: { code: string; data: { errors: { path: string }[] } }) => e.code === 'KEYS_INVALID' && e.data.errors[0].path === '/keys/0/openssh');
    });
  });
});
