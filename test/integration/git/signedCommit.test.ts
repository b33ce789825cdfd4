import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSignedCommit, verifyCommitSignature } from '../../../src/runtime/git';
import { sshEd25519PublicKeyLine, sshFingerprint } from '../../../src/runtime/util/sshWire';
import { isFabricError } from '../../../src/runtime/errors';
import { git, makeRepo } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { AUTHOR, testKey } from './helpers';

const key = testKey(11);
const stranger = testKey(12);

describe('#createSignedCommit', () => {
  const tmp = makeTempDir('fabric-git-sign-');
  after(() => tmp.cleanup());
  const repo = join(tmp.path, 'repo');
  const signers = join(tmp.path, 'allowed_signers');
  let parent = '';
  let commit = '';

  before(async () => {
    parent = makeRepo(repo, { 'src/a.js': 'module.exports = 1;\n', 'src/deep/b.js': 'b\n', 'run.sh': '#!/bin/sh\n', 'old.txt': 'old\n' });
    git(repo, ['update-index', '--chmod=+x', 'run.sh']);
    git(repo, ['commit', '-q', '-m', 'exec']);
    parent = git(repo, ['rev-parse', 'HEAD']);
    writeFileSync(signers, `fabric-release@fabric.invalid namespaces="git" ${sshEd25519PublicKeyLine(key.publicKey)}\n`);
    commit = await createSignedCommit(repo, {
      parentOid: parent,
      changes: [
        { path: 'src/a.js', content: 'module.exports = 2;\n' },
        { path: 'src/new/c.js', content: new Uint8Array(Buffer.from('c\n')) },
        { path: 'run.sh', content: '#!/bin/sh\necho hi\n' },
        { path: 'old.txt', content: null },
      ],
      message: 'Fix a\n\nExplain the fix.\n',
      trailers: { 'Fabric-Trace': '1b2c3d4e-0000', 'Fabric-Evidence': `sha256:${'ab'.repeat(32)}` },
      author: AUTHOR,
      signer: key,
    });
  });

  describe('when real git verifies the commit', () => {
    it('git verify-commit exits 0 and %G? is G', () => {
      const cfg = ['-c', `gpg.ssh.allowedSignersFile=${signers}`, '-c', 'gpg.format=ssh'];
      const res = spawnSync('git', [...cfg, 'verify-commit', commit], { cwd: repo, encoding: 'utf8' });
      assert.equal(res.status, 0, res.stderr);
      assert.equal(git(repo, [...cfg, 'log', '--format=%G?', '-1', commit]), 'G');
    });
    it('git exits non-zero for a key it does not trust', () => {
      const otherSigners = join(tmp.path, 'other_signers');
      writeFileSync(otherSigners, `fabric-release@fabric.invalid namespaces="git" ${sshEd25519PublicKeyLine(stranger.publicKey)}\n`);
      const res = spawnSync('git', ['-c', `gpg.ssh.allowedSignersFile=${otherSigners}`, 'verify-commit', commit], { cwd: repo, encoding: 'utf8' });
      assert.notEqual(res.status, 0);
    });
    it('ssh-keygen -Y verify accepts the payload and signature', () => {
      const raw = git(repo, ['cat-file', 'commit', commit]) + '\n';
      const lines = raw.split('\n');
      const start = lines.findIndex((l) => l.startsWith('gpgsig '));
      let end = start + 1;
      while (lines[end].startsWith(' ')) end++;
      const sig = [lines[start].slice('gpgsig '.length), ...lines.slice(start + 1, end).map((l) => l.slice(1))].join('\n') + '\n';
      const payload = [...lines.slice(0, start), ...lines.slice(end)].join('\n');
      writeFileSync(join(tmp.path, 'commit.sig'), sig);
      const out = execFileSync(
        'ssh-keygen',
        ['-Y', 'verify', '-f', signers, '-I', 'fabric-release@fabric.invalid', '-n', 'git', '-s', join(tmp.path, 'commit.sig')],
        { input: payload, encoding: 'utf8' },
      );
      assert.match(out, /Good "git" signature/);
    });
  });

  describe('when reading the commit back', () => {
    it('has the parent, the changed tree with exec bits, and no ref moved', () => {
      assert.equal(git(repo, ['rev-parse', `${commit}^`]), parent);
      assert.equal(git(repo, ['rev-parse', 'HEAD']), parent);
      assert.equal(git(repo, ['show', `${commit}:src/a.js`]), 'module.exports = 2;');
      assert.equal(git(repo, ['show', `${commit}:src/new/c.js`]), 'c');
      assert.match(git(repo, ['ls-tree', commit, 'run.sh']), /^100755 /);
      assert.equal(git(repo, ['ls-tree', commit, 'old.txt']), '');
      assert.equal(git(repo, ['fsck', '--strict', '--no-dangling']), '');
    });
    it('shows the trailers to git interpret-trailers --parse', () => {
      const message = git(repo, ['log', '-1', '--format=%B', commit]);
      const parsed = execFileSync('git', ['interpret-trailers', '--parse'], { input: message, encoding: 'utf8' });
      assert.equal(parsed, `Fabric-Trace: 1b2c3d4e-0000\nFabric-Evidence: sha256:${'ab'.repeat(32)}\n`);
    });
  });

  describe('when the paths are unsafe', () => {
    it('throws PATCH_INVALID', async () => {
      for (const path of ['../x', '/etc/passwd', '.git/config', 'a/.GIT/hooks/pre-commit', 'a//b']) {
        await assert.rejects(
          createSignedCommit(repo, { parentOid: parent, changes: [{ path, content: 'x' }], message: 'm', trailers: {}, author: AUTHOR, signer: key }),
          (e: unknown) => isFabricError(e, 'PATCH_INVALID'),
          path,
        );
      }
    });
  });
  describe('when a trailer would break the message', () => {
    it('throws USAGE_INVALID', async () => {
      await assert.rejects(
        createSignedCommit(repo, { parentOid: parent, changes: [], message: 'm', trailers: { 'Bad Key': 'v', Ok: 'a\nb' }, author: AUTHOR, signer: key }),
        (e: unknown) => isFabricError(e, 'USAGE_INVALID'),
      );
    });
  });

  describe('#verifyCommitSignature', () => {
    describe('when the commit is intact and the key trusted', () => {
      it('is ok with the key fingerprint', async () => {
        assert.deepEqual(await verifyCommitSignature(repo, commit, [{ publicKey: key.publicKey }]), { ok: true, keyid: sshFingerprint(key.publicKey) });
      });
    });
    describe('when the key is not trusted', () => {
      it('reports untrusted-key', async () => {
        const res = await verifyCommitSignature(repo, commit, [{ publicKey: stranger.publicKey }]);
        assert.equal(res.ok, false);
        assert.equal(res.reason, 'untrusted-key');
      });
    });
    describe('when the commit was tampered with', () => {
      it('reports bad-signature', async () => {
        const raw = execFileSync('git', ['cat-file', 'commit', commit], { cwd: repo });
        const tampered = Buffer.from(raw.toString('utf8').replace('Fix a', 'Fix b'));
        const oid = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo, input: tampered, encoding: 'utf8' }).trim();
        const res = await verifyCommitSignature(repo, oid, [{ publicKey: key.publicKey }]);
        assert.equal(res.ok, false);
        assert.equal(res.reason, 'bad-signature');
      });
    });
    describe('when the commit is unsigned', () => {
      it('reports unsigned', async () => {
        assert.deepEqual(await verifyCommitSignature(repo, parent, [{ publicKey: key.publicKey }]), { ok: false, reason: 'unsigned' });
      });
    });
  });
});
