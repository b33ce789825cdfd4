import { strict as assert } from 'node:assert';
import { dirname } from 'node:path';
import { minimalEnv } from '../../../src/runtime/sandbox';

describe('#minimalEnv', () => {
  describe('when the parent environment holds a secret', () => {
    it('contains exactly the clean keys and none of the parent values', () => {
      process.env.FABRIC_TEST_SECRET = 'leak-me';
      try {
        const env = minimalEnv('/home/sandbox');
        assert.deepEqual(Object.keys(env).sort(), ['CI', 'FORCE_COLOR', 'HOME', 'LANG', 'NO_COLOR', 'PATH', 'TMPDIR', 'TZ', 'npm_config_audit', 'npm_config_fund', 'npm_config_update_notifier'].sort());
        assert.ok(!Object.values(env).includes('leak-me'));
      } finally {
        delete process.env.FABRIC_TEST_SECRET;
      }
    });
  });
  describe('when called', () => {
    it('puts the running node first on PATH, then the system directories', () => {
      const env = minimalEnv('/h');
      const parts = env.PATH.split(':');
      assert.equal(parts[0], dirname(process.execPath));
      for (const d of ['/usr/local/bin', '/usr/bin', '/bin']) assert.ok(parts.includes(d));
      assert.equal(new Set(parts).size, parts.length);
      assert.equal(env.HOME, '/h');
      assert.equal(env.TMPDIR, '/tmp');
      assert.equal(env.TZ, 'UTC');
      assert.equal(env.LANG, 'C.UTF-8');
    });
  });
});
