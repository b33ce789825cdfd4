import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSignedCommit } from '../../../src/runtime/git';
import { KEY_ROLES, loadKey } from '../../../src/runtime/keys';
import { git, makeRepo } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { cli, cliContext } from './helpers';

interface ShownKeys {
  fabric_home: string;
  keys: { role: string; keyid: string; openssh: string }[];
}

function keyFiles(home: string): Map<string, string> {
  const dir = join(home, 'keys');
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('#keys', () => {
  const tmp = makeTempDir('fabric-cli-keys-');
  after(() => tmp.cleanup());
  const home = join(tmp.path, 'home');
  const ctx = cliContext(home);
  const io = { cwd: tmp.path };

  describe('when no keys exist yet', () => {
    it('show and allowed-signers exit 2 (KEYS_MISSING)', async () => {
      for (const action of ['show', 'allowed-signers']) {
        const run = await cli(['keys', action], ctx, io);
        assert.equal(run.code, 2, action);
        assert.equal(run.stdout, '');
        assert.ok(run.stderr.split('\n')[0].endsWith('[KEYS_MISSING]'), run.stderr);
      }
    });
  });

  describe('#keys init', () => {
    describe('when run the first time', () => {
      it('creates one key per role, files 0600 in a 0700 folder, exit 0', async () => {
        const run = await cli(['keys', 'init'], ctx, io);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(statSync(join(home, 'keys')).mode & 0o777, 0o700);
        const files = readdirSync(join(home, 'keys')).sort();
        assert.deepEqual(files, KEY_ROLES.map((r) => `${r}.json`).sort());
        for (const f of files) assert.equal(statSync(join(home, 'keys', f)).mode & 0o777, 0o600, f);
      });
    });

    describe('when the keys folder already exists with looser permissions', () => {
      it('tightens it to 0700', async () => {
        const other = join(tmp.path, 'loose-home');
        mkdirSync(join(other, 'keys'), { recursive: true, mode: 0o755 });
        chmodSync(join(other, 'keys'), 0o755);
        assert.equal((await cli(['keys', 'init'], cliContext(other), io)).code, 0);
        assert.equal(statSync(join(other, 'keys')).mode & 0o777, 0o700);
      });
    });

    describe('when run again', () => {
      it('keeps every existing key byte for byte (idempotent)', async () => {
        const before = keyFiles(home);
        const run = await cli(['keys', 'init'], ctx, io);
        assert.equal(run.code, 0);
        assert.deepEqual(keyFiles(home), before);
      });
    });

    describe('when run with --force', () => {
      it('replaces every key with a new one, still 0600', async () => {
        const before = KEY_ROLES.map((r) => loadKey(home, r).keyid);
        const run = await cli(['keys', 'init', '--force'], ctx, io);
        assert.equal(run.code, 0);
        const after = KEY_ROLES.map((r) => loadKey(home, r).keyid);
        for (let i = 0; i < KEY_ROLES.length; i++) assert.notEqual(after[i], before[i], KEY_ROLES[i]);
        assert.equal(new Set(after).size, KEY_ROLES.length, 'every role has its own key');
        for (const f of readdirSync(join(home, 'keys'))) assert.equal(statSync(join(home, 'keys', f)).mode & 0o777, 0o600, f);
      });
    });
  });

  describe('#keys show', () => {
    describe('when asked for JSON', () => {
      it("prints each role's OpenSSH public key with the key id ssh-keygen computes", async () => {
        const run = await cli(['keys', 'show', '--json'], ctx, io);
        assert.equal(run.code, 0);
        assert.equal(run.stderr, '');
        const shown = JSON.parse(run.stdout) as ShownKeys;
        assert.equal(shown.fabric_home, home);
        assert.deepEqual(shown.keys.map((k) => k.role).sort(), [...KEY_ROLES].sort());
        for (const k of shown.keys) {
          assert.match(k.openssh, /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]+=* fabric-/);
          const pub = join(tmp.path, `${k.role}.pub`);
          writeFileSync(pub, `${k.openssh}\n`);
          const fingerprint = execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).split(' ')[1];
          assert.equal(k.keyid, fingerprint, k.role);
          assert.equal(k.keyid, loadKey(home, k.role as (typeof KEY_ROLES)[number]).keyid);
        }
      });

      it('never prints a secret key', async () => {
        const run = await cli(['keys', 'show', '--json'], ctx, io);
        for (const role of KEY_ROLES) {
          const seed = Buffer.from(loadKey(home, role).secretKey.slice(0, 32)).toString('base64');
          assert.ok(!run.stdout.includes(seed), role);
        }
      });
    });
  });

  describe('when a key file is readable by others', () => {
    it('show exits 2 (KEYS_INVALID)', async () => {
      const other = join(tmp.path, 'leaky-home');
      const c = cliContext(other);
      assert.equal((await cli(['keys', 'init'], c, io)).code, 0);
      chmodSync(join(other, 'keys', 'release.json'), 0o644);
      const run = await cli(['keys', 'show'], c, io);
      assert.equal(run.code, 2);
      assert.ok(run.stderr.split('\n')[0].endsWith('[KEYS_INVALID]'), run.stderr);
    });
  });

  describe('#keys allowed-signers', () => {
    describe('when git uses its output as gpg.ssh.allowedSignersFile', () => {
      const repo = join(tmp.path, 'repo');
      const signers = join(tmp.path, 'allowed_signers');
      let commit = '';

      before(async () => {
        const parent = makeRepo(repo, { 'a.txt': 'a\n' });
        commit = await createSignedCommit(repo, {
          parentOid: parent,
          changes: [{ path: 'a.txt', content: 'b\n' }],
          message: 'signed by the release key',
          trailers: {},
          author: { name: 'Fabric', email: 'fabric-release@fabric.invalid', timestamp: 1_700_000_000, timezoneOffset: 0 },
          signer: loadKey(home, 'release'),
        });
        const run = await cli(['keys', 'allowed-signers'], ctx, io);
        assert.equal(run.code, 0);
        writeFileSync(signers, run.stdout);
      });

      it('git verify-commit accepts a commit signed by the release key', () => {
        const out = git(repo, ['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'log', '-1', '--format=%G?', commit]);
        assert.equal(out, 'G');
        git(repo, ['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'verify-commit', commit]);
      });

      it('lists only the release key (the key that signs commits)', async () => {
        const text = readFileSync(signers, 'utf8');
        assert.equal(text.trim().split('\n').length, 1);
        const release = (JSON.parse((await cli(['keys', 'show', '--json'], ctx, io)).stdout) as ShownKeys).keys.find((k) => k.role === 'release');
        assert.ok(release && text.includes(release.openssh.split(' ')[1]));
      });

      it('git verify-commit refuses the commit after the keys were replaced', async () => {
        const again = join(tmp.path, 'allowed_signers_new');
        assert.equal((await cli(['keys', 'init', '--force'], ctx, io)).code, 0);
        writeFileSync(again, (await cli(['keys', 'allowed-signers'], ctx, io)).stdout);
        assert.throws(() => git(repo, ['-c', `gpg.ssh.allowedSignersFile=${again}`, 'verify-commit', commit]));
      });
    });
  });
});
