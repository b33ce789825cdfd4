import { strict as assert } from 'node:assert';
import { SECRET_NAMES, secretKeyStore, type SecretBag } from '../../../src/editor/secretKeyStore';
import { mintApprovalToken } from '../../../src/runtime/approvals/mintApprovalToken';
import { verifyApprovalToken } from '../../../src/runtime/approvals/verifyApprovalToken';
import { cryptoRandom, systemClock } from '../../../src/runtime/context';
import { isFabricError } from '../../../src/runtime/errors';
import { allowedSignersLines } from '../../../src/runtime/keys';

class MemoryBag implements SecretBag {
  readonly map = new Map<string, string>();
  stores = 0;
  async get(key: string) {
    return this.map.get(key);
  }
  async store(key: string, value: string) {
    this.stores++;
    this.map.set(key, value);
  }
}

const deps = { random: cryptoRandom, clock: systemClock };

describe('#secretKeyStore', () => {
  describe('when the secret storage is empty', () => {
    it('creates all four keys once, even when asked concurrently', async () => {
      const bag = new MemoryBag();
      const keys = secretKeyStore(bag, deps);
      const [a, b] = await Promise.all([keys.forRuns.runtimeKeys(), keys.forRuns.runtimeKeys()]);
      assert.deepEqual([...a.created, ...b.created].sort(), ['operator', 'policy_engine', 'release', 'verifier']);
      assert.equal(a.keys.release.keyid, b.keys.release.keyid);
      assert.deepEqual((await keys.ensure()), []);
      assert.ok(!('operator' in a.keys), 'runtime keys never include the operator key');
    });
    it('keeps the operator key under its own secret name', async () => {
      const bag = new MemoryBag();
      await secretKeyStore(bag, deps).ensure();
      assert.ok(bag.map.has(SECRET_NAMES.operator));
      assert.ok(!SECRET_NAMES.operator.startsWith('fabric.keys.'));
    });
  });

  describe('#forRuns', () => {
    it('can never hand out the operator key', async () => {
      const keys = secretKeyStore(new MemoryBag(), deps);
      await keys.ensure();
      await assert.rejects(keys.forRuns.operatorKey(), (e: unknown) => isFabricError(e, 'APPROVAL_NOT_INTERACTIVE'));
    });
    it('trusts the operator public key, so the Gate can check tokens the operator minted', async () => {
      const keys = secretKeyStore(new MemoryBag(), deps);
      const operator = await keys.forOperator.operatorKey();
      const trust = await keys.forRuns.trustStore();
      assert.deepEqual(trust.keysForRole('operator').map((k) => k.keyid), [operator.keyid]);
      const request = { action: 'push' as const, trace_id: 't-1', args: { branch: 'fabric/x' } };
      const token = mintApprovalToken(request, operator, deps);
      const consumed: string[] = [];
      verifyApprovalToken(token, request, { operatorKeys: trust.keysForRole('operator'), clock: systemClock, ledger: { consume: (nonce: string) => void consumed.push(nonce) } });
      assert.equal(consumed.length, 1);
    });
  });

  describe('when a secret is damaged', () => {
    it('refuses with KEYS_INVALID and never replaces the key', async () => {
      const bag = new MemoryBag();
      await secretKeyStore(bag, deps).ensure();
      bag.map.set(SECRET_NAMES.role('release'), '{"role":"release"}');
      const keys = secretKeyStore(bag, deps);
      await assert.rejects(keys.forRuns.runtimeKeys(), (e: unknown) => isFabricError(e, 'KEYS_INVALID'));
      assert.equal(bag.map.get(SECRET_NAMES.role('release')), '{"role":"release"}');
    });
    it('refuses a key stored under another role', async () => {
      const bag = new MemoryBag();
      await secretKeyStore(bag, deps).ensure();
      bag.map.set(SECRET_NAMES.role('verifier'), bag.map.get(SECRET_NAMES.role('release')) as string);
      await assert.rejects(secretKeyStore(bag, deps).forRuns.runtimeKeys(), (e: unknown) => isFabricError(e, 'KEYS_INVALID'));
    });
  });

  describe('#trustStore', () => {
    it('is KEYS_MISSING before the first run', async () => {
      await assert.rejects(secretKeyStore(new MemoryBag(), deps).forRuns.trustStore(), (e: unknown) => isFabricError(e, 'KEYS_MISSING'));
    });
  });

  describe('#publicKeys', () => {
    it('gives allowed-signers lines for the release key without any secret', async () => {
      const bag = new MemoryBag();
      const keys = secretKeyStore(bag, deps);
      const { keys: runtime } = await keys.forRuns.runtimeKeys();
      const release = (await keys.publicKeys()).filter((k) => k.role === 'release');
      assert.equal(release[0].keyid, runtime.release.keyid);
      const line = allowedSignersLines(release);
      assert.match(line, /^fabric-release@fabric\.invalid namespaces="git" ssh-ed25519 \S+\n$/);
      assert.ok(!line.includes(Buffer.from(runtime.release.secretKey.subarray(0, 32)).toString('base64')));
    });
  });
});
