import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSettingsPage, renderSettingsTable } from '../../../src/editor/settingsDocs';
import { SETTING_KEYS } from '../../../src/editor/settingsSpec';

describe('#renderSettingsPage', () => {
  it('is what docs/settings.md holds (regenerate: npx tsx src/editor/settingsDocs.ts --write)', () => {
    assert.equal(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'settings.md'), 'utf8'), renderSettingsPage());
  });
  it('has one row per setting', () => {
    const rows = renderSettingsTable().trim().split('\n').slice(2);
    assert.deepEqual(rows.map((r) => /^\| `([^`]+)`/.exec(r)?.[1]), SETTING_KEYS);
  });
});
