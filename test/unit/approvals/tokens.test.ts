import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { decodeApprovalToken } from '../../../src/runtime/approvals/decodeApprovalToken';
import { describeAction } from '../../../src/runtime/approvals/describeAction';
import { encodeApprovalToken } from '../../../src/runtime/approvals/encodeApprovalToken';
import { mintApprovalToken } from '../../../src/runtime/approvals/mintApprovalToken';
import { NonceLedger } from '../../../src/runtime/approvals/nonceLedger';
import { tokenSigningPayload } from '../../../src/runtime/approvals/tokenPayload';
import type { ApprovalRequest, ApprovalToken } from '../../../src/runtime/approvals/types';
import { verifyApprovalToken } from '../../../src/runtime/approvals/verifyApprovalToken';
import { trustStoreFromKeys } from '../../../src/runtime/keys/trustStore';
import { canonicalDigest } from '../../../src/runtime/util/digest';
import { canonicalJson } from '../../../src/runtime/util/canonicalJson';
import { makeTempDir } from '../../helpers/tmp';
import { FixedClock, seededRandom, testKey } from '../keys/keyFixtures';

const operator = testKey('operator');
const verifierKey = testKey('verifier');
const trust = trustStoreFromKeys([operator, verifierKey, testKey('release')]);
const operatorKeys = trust.keysForRole('operator');
const request: ApprovalRequest = { action: 'push', trace_id: '0f6c1c2e9a8b4d7e', args: { remote: 'origin', branch: 'fabric/fix-sum-0f6c1c2e', commit: 'a'.repeat(40) } };

describe('#describeAction', () => {
  describe('when given an action and its arguments', () => {
    it('shows the exact arguments and the digest the token will carry, independent of key order', () => {
      const d = describeAction('push', request.trace_id, request.args);
      assert.equal(d.args_digest, canonicalDigest(request.args));
      assert.deepEqual(d.args, request.args);
      assert.ok(d.summary.includes(canonicalJson(request.args)));
      const reordered = describeAction('push', request.trace_id, { commit: 'a'.repeat(40), branch: 'fabric/fix-sum-0f6c1c2e', remote: 'origin' });
      assert.equal(reordered.args_digest, d.args_digest);
    });
  });

  describe('when the action is unknown', () => {
    it('throws APPROVAL_INVALID', () => {
      assert.throws(() => describeAction('format_disk' as 'push', 't1', {}), { code: 'APPROVAL_INVALID' });
    });
  });
});

describe('#mintApprovalToken', () => {
  const clock = new FixedClock(new Date('2025-03-01T12:00:00.000Z'));

  describe('when signed with the operator key', () => {
    it('binds action, trace and args digest, with a random nonce and a 15-minute expiry', () => {
      const token = mintApprovalToken(request, operator, { clock, random: seededRandom('mint') });
      assert.equal(token.v, 1);
      assert.equal(token.action, 'push');
      assert.equal(token.args_digest, canonicalDigest(request.args));
      assert.match(token.nonce, /^[0-9a-f]{32}$/);
      assert.equal(token.exp, '2025-03-01T12:15:00.000Z');
      assert.equal(token.sig.keyid, operator.keyid);
      assert.equal(nacl.sign.detached.verify(tokenSigningPayload(token), Buffer.from(token.sig.sig, 'base64'), operator.publicKey), true);
      const other = mintApprovalToken(request, operator, { clock, random: seededRandom('mint-2'), ttlMs: 60_000 });
      assert.notEqual(other.nonce, token.nonce);
      assert.equal(other.exp, '2025-03-01T12:01:00.000Z');
    });
  });

  describe('when given a role key', () => {
    it('refuses with APPROVAL_INVALID', () => {
      for (const role of ['verifier', 'policy_engine', 'release'] as const) {
        assert.throws(() => mintApprovalToken(request, testKey(role), { clock, random: seededRandom('x') }), { code: 'APPROVAL_INVALID' }, role);
      }
    });
  });

  describe('when the lifetime is out of range', () => {
    it('refuses with APPROVAL_INVALID', () => {
      assert.throws(() => mintApprovalToken(request, operator, { clock, random: seededRandom('x'), ttlMs: 0 }), { code: 'APPROVAL_INVALID' });
      assert.throws(() => mintApprovalToken(request, operator, { clock, random: seededRandom('x'), ttlMs: 48 * 3600_000 }), { code: 'APPROVAL_INVALID' });
    });
  });
});

describe('#encodeApprovalToken / #decodeApprovalToken', () => {
  const clock = new FixedClock(new Date('2025-03-01T12:00:00.000Z'));
  const token = mintApprovalToken(request, operator, { clock, random: seededRandom('codec') });

  describe('when the text is what encode produced', () => {
    it('round-trips as one base64url word', () => {
      const text = encodeApprovalToken(token);
      assert.match(text, /^[A-Za-z0-9_-]+$/);
      assert.deepEqual(decodeApprovalToken(`  ${text}\n`), token);
    });
  });

  describe('when the text is malformed', () => {
    it('throws APPROVAL_INVALID', () => {
      const encode = (x: unknown): string => Buffer.from(canonicalJson(x)).toString('base64url');
      const cases = [
        'not a token!',
        Buffer.from('{"v":').toString('base64url'),
        encode({ ...token, extra: 1 }),
        encode({ ...token, nonce: 'short' }),
        encode({ ...token, exp: 'tomorrow' }),
        Buffer.from(JSON.stringify(token, null, 1)).toString('base64url'),
      ];
      for (const text of cases) assert.throws(() => decodeApprovalToken(text), { code: 'APPROVAL_INVALID' }, text);
    });
  });
});

describe('#verifyApprovalToken', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);
  let n = 0;
  const setup = (): { clock: FixedClock; ledger: NonceLedger; token: ApprovalToken } => {
    const clock = new FixedClock(new Date('2025-03-01T12:00:00.000Z'));
    const ledger = new NonceLedger(join(tmp.path, `home${n}`));
    const token = mintApprovalToken(request, operator, { clock, random: seededRandom(`verify-${n++}`) });
    return { clock, ledger, token };
  };

  describe('when the token is genuine, fresh and for this action', () => {
    it('accepts it once and refuses a replay with APPROVAL_REUSED', () => {
      const { clock, ledger, token } = setup();
      verifyApprovalToken(token, request, { operatorKeys, clock, ledger });
      assert.equal(ledger.has(token.nonce), true);
      assert.throws(() => verifyApprovalToken(token, request, { operatorKeys, clock, ledger }), { code: 'APPROVAL_REUSED' });
    });

    it('refuses a replay through a second ledger on the same home', () => {
      const { clock, ledger, token } = setup();
      verifyApprovalToken(token, request, { operatorKeys, clock, ledger });
      const again = new NonceLedger(join(ledger.path, '..', '..'));
      assert.throws(() => verifyApprovalToken(decodeApprovalToken(encodeApprovalToken(token)), request, { operatorKeys, clock, ledger: again }), { code: 'APPROVAL_REUSED' });
    });
  });

  describe('when the token has expired', () => {
    it('throws APPROVAL_EXPIRED and does not consume the nonce', () => {
      const { clock, ledger, token } = setup();
      clock.advance(15 * 60_000);
      assert.throws(() => verifyApprovalToken(token, request, { operatorKeys, clock, ledger }), { code: 'APPROVAL_EXPIRED' });
      assert.equal(ledger.has(token.nonce), false);
    });
  });

  describe('when the token is for something else', () => {
    it('throws APPROVAL_MISMATCH for another action, trace or arguments', () => {
      const { clock, ledger, token } = setup();
      const expect = (expected: ApprovalRequest, field: string): void =>
        assert.throws(() => verifyApprovalToken(token, expected, { operatorKeys, clock, ledger }), (e: { code: string; data: { field: string } }) => e.code === 'APPROVAL_MISMATCH' && e.data.field === field);
      expect({ ...request, action: 'force_push' }, 'action');
      expect({ ...request, trace_id: 'another-trace' }, 'trace_id');
      expect({ ...request, args: { ...request.args, remote: 'evil' } }, 'args_digest');
      expect({ ...request, args: { ...request.args, extra: null } }, 'args_digest');
      assert.equal(ledger.has(token.nonce), false);
      verifyApprovalToken(token, request, { operatorKeys, clock, ledger });
    });
  });

  describe('when the token is forged', () => {
    it('throws APPROVAL_INVALID for edited fields or a broken signature', () => {
      const { clock, ledger, token } = setup();
      const forged: ApprovalToken[] = [
        { ...token, args_digest: canonicalDigest({ ...request.args, remote: 'evil' }) },
        { ...token, exp: '2099-01-01T00:00:00.000Z' },
        { ...token, nonce: 'f'.repeat(32) },
        { ...token, sig: { ...token.sig, sig: Buffer.from(nacl.sign.detached(Buffer.from('other'), operator.secretKey)).toString('base64') } },
      ];
      for (const f of forged) assert.throws(() => verifyApprovalToken(f, request, { operatorKeys, clock, ledger }), { code: 'APPROVAL_INVALID' });
      assert.throws(() => verifyApprovalToken({ ...token, sig: undefined }, request, { operatorKeys, clock, ledger }), { code: 'APPROVAL_INVALID' });
    });
  });

  describe('when the token is signed by a role key', () => {
    it('throws APPROVAL_INVALID even though the signature itself is valid', () => {
      const { clock, ledger } = setup();
      // A role cannot mint (mintApprovalToken refuses); sign by hand the way a compromised role would.
      const asOperator = { ...verifierKey, role: 'operator' as const };
      const token = mintApprovalToken(request, asOperator, { clock, random: seededRandom('role') });
      assert.throws(() => verifyApprovalToken(token, request, { operatorKeys, clock, ledger }), { code: 'APPROVAL_INVALID' });
      // Nor can a caller pair the role key's id with an operator public key.
      assert.throws(
        () => verifyApprovalToken(token, request, { operatorKeys: [{ keyid: token.sig.keyid, publicKey: operator.publicKey }], clock, ledger }),
        { code: 'APPROVAL_INVALID' },
      );
    });
  });
});
