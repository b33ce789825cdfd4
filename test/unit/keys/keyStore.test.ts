import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeContext } from '../../../src/runtime/context';
import { fileKeyStore, keyStoreOf, type KeyStore } from '../../../src/runtime/keys';
import { makeTempDir } from '../../helpers/tmp';

describe('#fileKeyStore', () => {
  const tmp = makeTempDir('fabric-keystore-');
  after(() => tmp.cleanup());

  describe('when the folder has no keys yet', () => {
    it('creates every role on the first runtimeKeys() and reuses them afterwards', async () => {
      const ctx = createNodeContext({ fabricHome: join(tmp.path, 'a'), env: {} });
      const store = fileKeyStore(ctx.fabricHome, ctx);
      const first = await store.runtimeKeys();
      assert.deepEqual([...first.created].sort(), ['operator', 'policy_engine', 'release', 'verifier']);
      const second = await store.runtimeKeys();
      assert.deepEqual(second.created, []);
      assert.equal(second.keys.release.keyid, first.keys.release.keyid);
      assert.ok(!('operator' in second.keys), 'runtime keys never include the operator key');
    });
    it('trusts the public half of its own operator key', async () => {
      const ctx = createNodeContext({ fabricHome: join(tmp.path, 'a'), env: {} });
      const store = fileKeyStore(ctx.fabricHome, ctx);
      const operator = await store.operatorKey();
      const trusted = (await store.trustStore()).keysForRole('operator');
      assert.deepEqual(trusted.map((k) => k.keyid), [operator.keyid]);
    });
  });

  describe('#keyStoreOf', () => {
    it("uses the context's own store when it has one, else files under fabricHome", async () => {
      const own: KeyStore = { location: 'elsewhere', runtimeKeys: async () => assert.fail('not called'), operatorKey: async () => assert.fail('not called'), trustStore: async () => assert.fail('not called') };
      assert.equal(keyStoreOf(createNodeContext({ fabricHome: join(tmp.path, 'b'), env: {}, keyStore: own })), own);
      const fromFiles = keyStoreOf(createNodeContext({ fabricHome: join(tmp.path, 'b'), env: {} }));
      assert.equal(fromFiles.location, join(tmp.path, 'b'));
      assert.equal(existsSync(join(tmp.path, 'b')), false, 'nothing is created until keys are asked for');
    });
  });
});
