import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { parseSshEd25519PublicKeyLine, sshEd25519PublicKeyLine, sshFingerprint } from '../../../src/runtime/util/sshWire';
import { isTestPath } from '../../../src/runtime/util/testPaths';

describe('#sshFingerprint', () => {
  it('matches what ssh-keygen -lf prints for the same key', () => {
    const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
    const dir = mkdtempSync(join(tmpdir(), 'fabric-ssh-'));
    try {
      const file = join(dir, 'k.pub');
      writeFileSync(file, sshEd25519PublicKeyLine(pair.publicKey, 'test') + '\n');
      const printed = execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' }).split(' ')[1];
      assert.equal(sshFingerprint(pair.publicKey), printed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('round-trips a public key line', () => {
    const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(9));
    const parsed = parseSshEd25519PublicKeyLine(sshEd25519PublicKeyLine(pair.publicKey, 'fabric verifier'));
    assert.deepEqual(parsed && Buffer.from(parsed.publicKey), Buffer.from(pair.publicKey));
    assert.equal(parsed?.comment, 'fabric verifier');
    assert.equal(parseSshEd25519PublicKeyLine('ssh-rsa AAAAB3 x'), null);
  });
});

describe('#isTestPath', () => {
  it('recognises test folders and test file names', () => {
    for (const p of ['test/parse.js', 'src/__tests__/a.ts', 'lib/a.test.js', 'a.spec.ts', 'test.js', 'tests/x/y.mjs']) assert.equal(isTestPath(p), true, p);
    for (const p of ['index.js', 'lib/testing.js', 'src/contest.js', 'lib/latest.js']) assert.equal(isTestPath(p), false, p);
  });
});
