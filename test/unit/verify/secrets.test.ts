import { strict as assert } from 'node:assert';
import { redactText, scanForSecrets, secretEnvValues } from '../../../src/runtime/verify/secrets';

describe('#scanForSecrets', () => {
  describe('when text holds credentials', () => {
    it('finds a private key block, an AWS key id and an assigned password', () => {
      const text = [
        '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----',
        'const id = "AKIAABCDEFGHIJKLMNOP";',
        'password = "hunter2hunter2"',
      ].join('\n');
      assert.deepEqual(scanForSecrets(text).map((f) => f.patternId), ['private-key-block', 'aws-access-key-id', 'generic-assigned-secret']);
    });
  });
  describe('when text is ordinary code', () => {
    it('finds nothing', () => {
      assert.deepEqual(scanForSecrets('function add(a, b) { return a + b; }\nconst password = input.value;'), []);
    });
  });
});

describe('#redactText', () => {
  it('replaces pattern matches and literal env secrets', () => {
    const out = redactText('token ghp_' + 'a'.repeat(36) + ' and s3cr3tvalue', ['s3cr3tvalue']);
    assert.equal(out, 'token [REDACTED:github-token] and [REDACTED:env]');
  });
  it('picks env values by credential-like names only', () => {
    assert.deepEqual(secretEnvValues({ GITHUB_TOKEN: 'abcdefgh', PATH: '/usr/bin:/bin', SHORT_SECRET: 'abc' }), ['abcdefgh']);
  });
});
