import { strict as assert } from 'node:assert';
import { effectiveValue, fixOptionsFromSettings } from '../../../src/editor/settingsSpec';
import { DEFAULT_FIX_OPTIONS } from '../../../src/runtime/pipeline/options';

describe('#fixOptionsFromSettings', () => {
  describe('when nothing is set', () => {
    it('runs with the runtime defaults and detects the test command', () => {
      const { options, ignored, remote } = fixOptionsFromSettings({});
      assert.deepEqual(options, { ...DEFAULT_FIX_OPTIONS });
      assert.equal('testCommand' in options, false);
      assert.equal(remote, 'origin');
      assert.deepEqual(ignored, []);
    });
  });

  describe('when values are set', () => {
    it('converts seconds to milliseconds and keeps a non-empty test command', () => {
      const { options } = fixOptionsFromSettings({ 'fabric.testTimeoutSeconds': 2.5, 'fabric.budgetSeconds': 60, 'fabric.testCommand': '  npm run test:unit ', 'fabric.sandbox': 'host' });
      assert.equal(options.testTimeoutMs, 2500);
      assert.equal(options.budgetMs, 60_000);
      assert.equal(options.testCommand, 'npm run test:unit');
      assert.equal(options.sandbox, 'host');
    });
    it('treats a blank test command as "detect"', () => {
      assert.equal('testCommand' in fixOptionsFromSettings({ 'fabric.testCommand': '   ' }).options, false);
    });
  });

  describe('when values do not fit their schema', () => {
    it('uses the defaults for those and names every bad key', () => {
      const { options, ignored } = fixOptionsFromSettings({ 'fabric.candidates': 0, 'fabric.parallel': 'four', 'fabric.sandbox': 'docker', 'fabric.allowTestEdits': true });
      assert.equal(options.candidates, DEFAULT_FIX_OPTIONS.candidates);
      assert.equal(options.parallel, DEFAULT_FIX_OPTIONS.parallel);
      assert.equal(options.sandbox, DEFAULT_FIX_OPTIONS.sandbox);
      assert.equal(options.allowTestEdits, true, 'a valid value next to bad ones still counts');
      assert.deepEqual([...new Set(ignored.map((i) => i.path))].sort(), ['/fabric.candidates', '/fabric.parallel', '/fabric.sandbox']);
    });
  });
});

describe('#effectiveValue', () => {
  describe('when a workspace sets the machine-scoped sandbox', () => {
    it('ignores the workspace and keeps the user value', () => {
      assert.equal(effectiveValue('fabric.sandbox', { globalValue: 'bwrap', workspaceValue: 'host', workspaceFolderValue: 'host' }), 'bwrap');
      assert.equal(effectiveValue('fabric.sandbox', { workspaceValue: 'host' }), undefined);
    });
  });
  describe('when a resource-scoped setting is set on several levels', () => {
    it('takes the most specific one', () => {
      assert.equal(effectiveValue('fabric.testCommand', { globalValue: 'a', workspaceValue: 'b', workspaceFolderValue: 'c' }), 'c');
      assert.equal(effectiveValue('fabric.testCommand', { globalValue: 'a', workspaceValue: 'b' }), 'b');
      assert.equal(effectiveValue('fabric.testCommand', undefined), undefined);
    });
  });
});
