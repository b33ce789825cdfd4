import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateValidators } from '../../../src/webview/protocol/generateValidators';

const GENERATED = join(__dirname, '../../../src/webview/protocol/validators.generated.js');

describe('#generateValidators', () => {
  const source = generateValidators();

  it('matches the committed validators.generated.js (run `npx tsx src/webview/protocol/writeValidators.ts` after changing schemas.ts)', () => {
    assert.equal(readFileSync(GENERATED, 'utf8'), source);
  });

  describe('when the code runs under the panel CSP', () => {
    it('needs neither eval nor Function nor any import', () => {
      assert.doesNotMatch(source, /\beval\(|new Function|\bFunction\(|\brequire\(|^import /m);
    });
  });
});
