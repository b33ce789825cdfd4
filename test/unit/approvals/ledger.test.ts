import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync, statSync, utimesSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mintApprovalToken } from '../../../src/runtime/approvals/mintApprovalToken';
import { NonceLedger } from '../../../src/runtime/approvals/nonceLedger';
import { savePendingToken, takePendingToken } from '../../../src/runtime/approvals/pendingTokens';
import { makeTempDir } from '../../helpers/tmp';
import { FixedClock, seededRandom, testKey } from '../keys/keyFixtures';

const NONCE = '0123456789abcdef0123456789abcdef';

/** Runs `count` processes that each try to consume the same nonce at (about) the same moment. */
function raceConsumers(home: string, nonce: string, count: number): Promise<string[]> {
  const modulePath = resolve(__dirname, '../../../src/runtime/approvals/nonceLedger.ts');
  const startAt = Date.now() + 1500;
  const script = `
    const { NonceLedger } = require(${JSON.stringify(modulePath)});
    while (Date.now() < ${startAt}) {}
    try { new NonceLedger(${JSON.stringify(home)}).consume(${JSON.stringify(nonce)}, { pid: process.pid }); process.stdout.write('ok'); }
    catch (e) { process.stdout.write(e.code || 'ERR:' + e.message); }
  `;
  const runs = Array.from({ length: count }, () =>
    new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', fail);
      child.on('close', () => done(out));
    }),
  );
  return Promise.all(runs);
}

describe('NonceLedger', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);
  let n = 0;
  const freshHome = (): string => join(tmp.path, `home${n++}`);

  describe('#consume', () => {
    describe('when a nonce is new', () => {
      it('records it in approvals/used_nonces.jsonl (0600) and refuses it the second time', () => {
        const home = freshHome();
        const ledger = new NonceLedger(home);
        assert.equal(ledger.has(NONCE), false);
        ledger.consume(NONCE, { action: 'push' });
        assert.equal(ledger.has(NONCE), true);
        assert.equal(ledger.path, join(home, 'approvals', 'used_nonces.jsonl'));
        assert.equal(statSync(ledger.path).mode & 0o777, 0o600);
        assert.throws(() => ledger.consume(NONCE), { code: 'APPROVAL_REUSED' });
        assert.equal(existsSync(`${ledger.path}.lock`), false);
      });
    });

    describe('when several processes race for the same nonce', () => {
      it('lets exactly one of them consume it', async function () {
        this.timeout(120_000);
        const home = freshHome();
        const results = await raceConsumers(home, NONCE, 6);
        assert.deepEqual(results.filter((r) => r === 'ok').length, 1, results.join(','));
        assert.deepEqual(results.filter((r) => r !== 'ok'), Array(5).fill('APPROVAL_REUSED'));
      });
    });

    describe('when a stale lock is left by a crashed process', () => {
      it('removes it and proceeds', () => {
        const home = freshHome();
        const ledger = new NonceLedger(home);
        mkdirSync(join(home, 'approvals'), { recursive: true });
        closeSync(openSync(`${ledger.path}.lock`, 'wx'));
        const old = new Date(Date.now() - 60_000);
        utimesSync(`${ledger.path}.lock`, old, old);
        ledger.consume(NONCE);
        assert.equal(ledger.has(NONCE), true);
      });
    });

    describe('when a live lock is held past the timeout', () => {
      it('gives up with a FabricError and consumes nothing', () => {
        const home = freshHome();
        const ledger = new NonceLedger(home, { lockTimeoutMs: 50 });
        mkdirSync(join(home, 'approvals'), { recursive: true });
        closeSync(openSync(`${ledger.path}.lock`, 'wx'));
        assert.throws(() => ledger.consume(NONCE), { code: 'INTERNAL' });
        assert.equal(ledger.has(NONCE), false);
      });
    });

    describe('when the ledger has a torn line mentioning the nonce', () => {
      it('fails closed and treats the nonce as used', () => {
        const home = freshHome();
        const ledger = new NonceLedger(home);
        mkdirSync(join(home, 'approvals'), { recursive: true });
        appendFileSync(ledger.path, `{"nonce":"${NONCE}","acti`);
        assert.equal(ledger.has(NONCE), true);
        assert.throws(() => ledger.consume(NONCE), { code: 'APPROVAL_REUSED' });
      });
    });

    describe('when the nonce is not 32 hex characters', () => {
      it('throws APPROVAL_INVALID', () => {
        assert.throws(() => new NonceLedger(freshHome()).consume('../../x'), { code: 'APPROVAL_INVALID' });
      });
    });
  });
});

describe('#savePendingToken / #takePendingToken', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);
  const clock = new FixedClock(new Date('2025-03-01T12:00:00.000Z'));
  const token = mintApprovalToken({ action: 'push', trace_id: 'trace-1', args: { branch: 'fabric/x' } }, testKey('operator'), { clock, random: seededRandom('pending') });

  describe('when a token was saved', () => {
    it('stores it 0600 under approvals/pending and hands it out exactly once', () => {
      const home = join(tmp.path, 'home');
      savePendingToken(home, token);
      const file = join(home, 'approvals', 'pending', 'trace-1.push.token');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(takePendingToken(home, 'trace-1', 'force_push'), null);
      assert.deepEqual(takePendingToken(home, 'trace-1', 'push'), token);
      assert.equal(takePendingToken(home, 'trace-1', 'push'), null);
    });
  });

  describe('when the trace id would escape the folder', () => {
    it('throws APPROVAL_INVALID', () => {
      assert.throws(() => takePendingToken(join(tmp.path, 'home'), '../../etc/passwd', 'push'), { code: 'APPROVAL_INVALID' });
    });
  });
});
