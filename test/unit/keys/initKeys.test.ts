import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import nacl from 'tweetnacl';
import { join } from 'node:path';
import { initKeys } from '../../../src/runtime/keys/initKeys';
import { keyFilePath } from '../../../src/runtime/keys/keyFile';
import { loadKey } from '../../../src/runtime/keys/loadKey';
import { loadRuntimeKeys } from '../../../src/runtime/keys/loadRuntimeKeys';
import { publicKeyInfo } from '../../../src/runtime/keys/publicKeyInfo';
import { KEY_ROLES } from '../../../src/runtime/keys/types';
import { makeTempDir } from '../../helpers/tmp';
import { FixedClock, seededRandom } from './keyFixtures';

const clock = new FixedClock(new Date('2025-01-02T03:04:05.000Z'));

describe('#initKeys', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);
  let n = 0;
  const freshHome = (): string => join(tmp.path, `home${n++}`);

  describe('when the home is empty', () => {
    it('creates one 0600 file per role in a 0700 folder', () => {
      const home = freshHome();
      const result = initKeys(home, { random: seededRandom('a'), clock });
      assert.deepEqual(result, { created: [...KEY_ROLES], existing: [] });
      assert.equal(statSync(join(home, 'keys')).mode & 0o777, 0o700);
      for (const role of KEY_ROLES) {
        assert.equal(statSync(keyFilePath(home, role)).mode & 0o777, 0o600, role);
        const file = JSON.parse(readFileSync(keyFilePath(home, role), 'utf8')) as Record<string, string>;
        assert.equal(file.role, role);
        assert.equal(file.algorithm, 'ed25519');
        assert.equal(Buffer.from(file.secret_key, 'base64').length, 32);
        assert.equal(file.created_at, '2025-01-02T03:04:05.000Z');
      }
    });

    it('creates only the roles asked for', () => {
      const home = freshHome();
      assert.deepEqual(initKeys(home, { random: seededRandom('b'), roles: ['verifier'] }).created, ['verifier']);
    });
  });

  describe('when keys already exist', () => {
    it('keeps them unless forced', () => {
      const home = freshHome();
      initKeys(home, { random: seededRandom('c'), clock });
      const before = loadKey(home, 'release').keyid;
      const again = initKeys(home, { random: seededRandom('d'), clock });
      assert.deepEqual(again, { created: [], existing: [...KEY_ROLES] });
      assert.equal(loadKey(home, 'release').keyid, before);
      const forced = initKeys(home, { random: seededRandom('d'), clock, force: true });
      assert.deepEqual(forced.created, [...KEY_ROLES]);
      assert.notEqual(loadKey(home, 'release').keyid, before);
      assert.equal(statSync(keyFilePath(home, 'release')).mode & 0o777, 0o600);
    });
  });
});

describe('#loadKey', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);
  const home = join(tmp.path, 'home');
  before(() => initKeys(home, { random: seededRandom('load'), clock }));

  describe('when the file is intact', () => {
    it('round-trips: the loaded key signs and its key id matches ssh-keygen -lf', () => {
      const key = loadKey(home, 'verifier');
      const file = JSON.parse(readFileSync(keyFilePath(home, 'verifier'), 'utf8')) as { public_key: string };
      assert.equal(Buffer.from(key.publicKey).toString('base64'), file.public_key);
      assert.equal(key.role, 'verifier');
      const message = Buffer.from('hello');
      assert.equal(nacl.sign.detached.verify(message, nacl.sign.detached(message, key.secretKey), key.publicKey), true);
      const pub = join(tmp.path, 'verifier.pub');
      writeFileSync(pub, `${publicKeyInfo(key).openssh}\n`);
      const printed = execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).trim().split(/\s+/);
      assert.equal(printed[1], key.keyid);
      assert.equal(printed[2], 'fabric-verifier');
    });
  });

  describe('when the file is missing', () => {
    it('throws KEYS_MISSING with a hint', () => {
      assert.throws(() => loadKey(join(tmp.path, 'nowhere'), 'verifier'), (e: { code: string; data: { hint: string } }) => e.code === 'KEYS_MISSING' && e.data.hint === 'fabric keys init');
    });
  });

  describe('when the file is readable by others', () => {
    it('throws KEYS_INVALID', () => {
      const other = join(tmp.path, 'loose');
      initKeys(other, { random: seededRandom('loose'), clock, roles: ['verifier'] });
      chmodSync(keyFilePath(other, 'verifier'), 0o644);
      assert.throws(() => loadKey(other, 'verifier'), { code: 'KEYS_INVALID' });
    });
  });

  describe('when the file is malformed', () => {
    const broken = join(tmp.path, 'broken');
    before(() => initKeys(broken, { random: seededRandom('broken'), clock, roles: ['verifier', 'release'] }));
    const rewrite = (role: 'verifier' | 'release', edit: (f: Record<string, unknown>) => void): void => {
      const path = keyFilePath(broken, role);
      const f = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      edit(f);
      writeFileSync(path, JSON.stringify(f));
    };

    it('lists every bad field', () => {
      rewrite('verifier', (f) => {
        f.algorithm = 'rsa';
        delete f.created_at;
        f.extra = 1;
      });
      assert.throws(
        () => loadKey(broken, 'verifier'),
        (e: { code: string; data: { errors: { path: string }[] } }) => {
          const paths = e.data.errors.map((x) => x.path).sort();
          assert.equal(e.code, 'KEYS_INVALID');
          assert.deepEqual(paths, ['/algorithm', '/created_at', '/extra']);
          return true;
        },
      );
    });

    it('refuses a public key that does not belong to the seed', () => {
      rewrite('release', (f) => {
        f.public_key = Buffer.alloc(32, 1).toString('base64');
      });
      assert.throws(() => loadKey(broken, 'release'), { code: 'KEYS_INVALID' });
    });

    it('refuses a file that names another role', () => {
      const path = keyFilePath(broken, 'policy_engine');
      writeFileSync(path, readFileSync(keyFilePath(home, 'verifier')), { mode: 0o600 });
      assert.throws(() => loadKey(broken, 'policy_engine'), { code: 'KEYS_INVALID' });
    });

    it('refuses a file that is not JSON', () => {
      writeFileSync(keyFilePath(broken, 'operator'), '{', { mode: 0o600 });
      assert.throws(() => loadKey(broken, 'operator'), { code: 'KEYS_INVALID' });
    });
  });
});

describe('#loadRuntimeKeys', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);

  describe('when the operator key is absent', () => {
    it('loads the three runtime keys and never the operator key', () => {
      const home = join(tmp.path, 'home');
      initKeys(home, { random: seededRandom('rt'), clock, roles: ['verifier', 'policy_engine', 'release'] });
      const keys = loadRuntimeKeys(home);
      assert.deepEqual(Object.keys(keys).sort(), ['policy_engine', 'release', 'verifier']);
      for (const [role, key] of Object.entries(keys)) assert.equal(key.role, role);
      assert.equal(new Set(Object.values(keys).map((k) => k.keyid)).size, 3);
    });
  });
});
