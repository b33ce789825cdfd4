import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../../src/cli/commands';
import { makeTempDir } from '../../helpers/tmp';
import { cli, cliContext, ensureBuilt, fabricProcess, ROOT } from './helpers';

/** The lines of a stream, without the trailing empty one. */
function lines(text: string): string[] {
  return text.split('\n').filter((l, i, all) => !(l === '' && i === all.length - 1));
}

describe('#fabric (help, version, usage errors)', () => {
  const tmp = makeTempDir('fabric-cli-help-');
  after(() => tmp.cleanup());
  const home = join(tmp.path, 'home');
  const ctx = cliContext(home);
  const io = { cwd: tmp.path };

  describe('when asked for the program help', () => {
    it('exits 0 and lists every command on stdout, nothing on stderr', async () => {
      for (const argv of [['--help'], ['-h'], ['help']]) {
        const run = await cli(argv, ctx, io);
        assert.equal(run.code, 0, argv.join(' '));
        assert.equal(run.stderr, '');
        for (const spec of commands) assert.match(run.stdout, new RegExp(`^  ${spec.name} `, 'm'), spec.name);
      }
    });
  });

  describe('when run without a command', () => {
    it('exits 2 with the help on stderr and nothing on stdout', async () => {
      const run = await cli([], ctx, io);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      for (const spec of commands) assert.match(run.stderr, new RegExp(`^  ${spec.name} `, 'm'));
    });
  });

  describe('when asked for the help of each command', () => {
    for (const spec of commands) {
      it(`lists every flag of ${spec.name}, exit 0`, async () => {
        for (const argv of [[spec.name, '--help'], [spec.name, '-h'], ['help', spec.name]]) {
          const run = await cli(argv, ctx, io);
          assert.equal(run.code, 0, argv.join(' '));
          assert.equal(run.stderr, '');
          assert.ok(run.stdout.startsWith(`Usage: ${spec.usage}\n`), argv.join(' '));
          for (const flag of [...Object.keys(spec.flags), 'help']) assert.match(run.stdout, new RegExp(`^  (-h, )?--${flag}\\b`, 'm'), `${spec.name} --${flag}`);
        }
      });
    }

    it('shows the help even when required flags are missing', async () => {
      const run = await cli(['push', '--help'], ctx, io);
      assert.equal(run.code, 0);
    });
  });

  describe('when the command is unknown', () => {
    it('exits 2 with a one-line cause (USAGE_INVALID) on stderr and nothing on stdout', async () => {
      for (const argv of [['frobnicate'], ['--frobnicate'], ['help', 'frobnicate']]) {
        const run = await cli(argv, ctx, io);
        assert.equal(run.code, 2, argv.join(' '));
        assert.equal(run.stdout, '');
        const [cause, ...rest] = lines(run.stderr);
        assert.ok(cause.endsWith('[USAGE_INVALID]'), cause);
        assert.ok(cause.includes('frobnicate'));
        assert.ok(rest.length <= 1);
      }
    });
  });

  describe('when a flag is unknown, malformed or a positional is extra', () => {
    for (const argv of [
      ['explore', '--goal', 'x', '--frobnicate'],
      ['explore', '--goal'],
      ['verify-bundle', 'a.json', 'b.json'],
      ['gate', '--range', 'a..b', '--json=yes'],
      ['keys', 'show', 'extra'],
      ['keys', 'rotate'],
    ]) {
      it(`exits 2 with a one-line cause for: ${argv.join(' ')}`, async () => {
        const run = await cli(argv, ctx, io);
        assert.equal(run.code, 2);
        assert.equal(run.stdout, '');
        const [cause, ...rest] = lines(run.stderr);
        assert.ok(cause.startsWith(`fabric ${argv[0]}: `), cause);
        assert.ok(cause.endsWith('[USAGE_INVALID]'), cause);
        assert.equal(rest.length, 1, 'only the hint to run --help follows');
      });
    }

    it('names the unknown flag', async () => {
      const run = await cli(['gate', '--frobnicate'], ctx, io);
      assert.equal(run.code, 2);
      assert.ok(lines(run.stderr)[0].includes("'--frobnicate'"));
    });
  });

  describe('when asked for the version', () => {
    it('prints one version line on stdout, exit 0', async () => {
      for (const argv of [['--version'], ['-V']]) {
        const run = await cli(argv, ctx, io);
        assert.equal(run.code, 0);
        assert.match(run.stdout, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\n$/);
        assert.equal(run.stderr, '');
      }
    });
  });

  describe('when run as a process (node bin/fabric.js)', () => {
    before(() => ensureBuilt());

    it('prints the package version with exit 0', () => {
      const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      const p = fabricProcess(['--version'], { cwd: tmp.path, fabricHome: home });
      assert.equal(p.status, 0);
      assert.equal(p.stdout, `${version}\n`);
      assert.equal(p.stderr, '');
    });

    it('exits 0 with the help of a command on stdout only', () => {
      const p = fabricProcess(['verify-bundle', '--help'], { cwd: tmp.path, fabricHome: home });
      assert.equal(p.status, 0);
      assert.ok(p.stdout.startsWith('Usage: fabric verify-bundle'));
      assert.equal(p.stderr, '');
    });

    it('exits 2 for an unknown command and an unknown flag, with the cause on stderr only', () => {
      for (const args of [['frobnicate'], ['explore', '--frobnicate']]) {
        const p = fabricProcess(args, { cwd: tmp.path, fabricHome: home });
        assert.equal(p.status, 2, args.join(' '));
        assert.equal(p.stdout, '');
        assert.ok(lines(p.stderr)[0].endsWith('[USAGE_INVALID]'), p.stderr);
      }
    });

    it('exits 1 with the checks on stdout and nothing on stderr when a check fails', () => {
      const bad = join(tmp.path, 'not-json.json');
      writeFileSync(bad, '{ not json');
      const p = fabricProcess(['verify-bundle', bad, '--json'], { cwd: tmp.path, fabricHome: home });
      assert.equal(p.status, 1);
      const report = JSON.parse(p.stdout) as { ok: boolean; checks: { name: string; ok: boolean; field?: string }[] };
      assert.equal(report.ok, false);
      assert.deepEqual(report.checks.map((c) => [c.name, c.ok, c.field]), [['parse', false, '(file)']]);
      assert.equal(p.stderr, '');
    });
  });
});
