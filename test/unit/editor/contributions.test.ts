import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT_KEYS, FABRIC_CATEGORY, FABRIC_COMMANDS, PANEL_VIEW_ID, VIEW_CONTAINER_ID } from '../../../src/editor/commandIds';
import { SETTINGS, SETTING_KEYS, fixOptionsFromSettings } from '../../../src/editor/settingsSpec';
import { DEFAULT_FIX_OPTIONS } from '../../../src/runtime/pipeline/options';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

describe('package.json contributions', () => {
  describe('#commands', () => {
    const contributed: CommandContribution[] = pkg.contributes.commands;

    it('gives every command the Fabric category', () => {
      for (const c of contributed) assert.equal(c.category, FABRIC_CATEGORY, c.command);
    });
    it('contributes exactly the commands the extension implements (src/editor/commandIds.ts)', () => {
      assert.deepEqual(
        contributed.map((c) => [c.command, c.title]),
        FABRIC_COMMANDS.map((c) => [c.id, c.title]),
      );
    });
    it('names only contributed commands in menus', () => {
      const ids = new Set(contributed.map((c) => c.command));
      for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
        for (const item of items) assert.ok(ids.has(item.command), `${menu} names ${item.command}`);
      }
    });
    it('uses only context keys the host sets (or VS Code defines) in when clauses', () => {
      const ours = new Set<string>(Object.values(CONTEXT_KEYS));
      for (const items of Object.values(pkg.contributes.menus as Record<string, { when?: string }[]>)) {
        for (const item of items) {
          for (const key of (item.when ?? '').match(/fabric\.[A-Za-z]+/g) ?? []) {
            if (key !== PANEL_VIEW_ID) assert.ok(ours.has(key), `unknown context key ${key}`);
          }
        }
      }
    });
  });

  describe('#views', () => {
    it('puts the webview panel into its own activity-bar container', () => {
      assert.deepEqual(pkg.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id), [VIEW_CONTAINER_ID]);
      const views = pkg.contributes.views[VIEW_CONTAINER_ID] as { id: string; type: string }[];
      assert.deepEqual(views.map((v) => [v.id, v.type]), [[PANEL_VIEW_ID, 'webview']]);
    });
    it('ships the icons it names', () => {
      assert.ok(existsSync(join(root, pkg.icon)), pkg.icon);
      for (const c of pkg.contributes.viewsContainers.activitybar) assert.ok(existsSync(join(root, c.icon)), c.icon);
    });
  });

  describe('#activation', () => {
    it('activates from contributions or after start-up, never on *', () => {
      assert.ok(!pkg.activationEvents.includes('*'));
      assert.ok(pkg.activationEvents.includes(`onView:${PANEL_VIEW_ID}`));
      for (const event of pkg.activationEvents) assert.match(event, /^(onView:|onStartupFinished$)/, event);
    });
    it('declares untrusted workspaces unsupported, with a reason', () => {
      assert.equal(pkg.capabilities.untrustedWorkspaces.supported, false);
      assert.ok(pkg.capabilities.untrustedWorkspaces.description.length > 20);
    });
    it('keeps the engine at ^1.95.0', () => {
      assert.equal(pkg.engines.vscode, '^1.95.0');
    });
  });

  describe('#configuration', () => {
    const properties = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;

    it('contributes exactly the settings of src/editor/settingsSpec.ts', () => {
      assert.deepEqual(properties, JSON.parse(JSON.stringify(SETTINGS)));
    });
    it('gives every setting a description and a default', () => {
      for (const [key, spec] of Object.entries(properties)) {
        assert.ok(typeof spec.markdownDescription === 'string' && spec.markdownDescription.length > 10, key);
        assert.ok('default' in spec, key);
      }
    });
    it('uses the runtime defaults, so unset settings run exactly like the CLI without flags', () => {
      const defaults = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.default]));
      const { options, remote, ignored } = fixOptionsFromSettings(defaults);
      assert.deepEqual(ignored, []);
      assert.deepEqual(options, { ...DEFAULT_FIX_OPTIONS });
      assert.equal(remote, 'origin');
      assert.equal(properties['fabric.testCommand'].default, '', 'empty means: detect the test command');
    });
    it('documents every enum value', () => {
      for (const key of SETTING_KEYS) {
        const spec = properties[key];
        if (Array.isArray(spec.enum)) assert.equal((spec.enumDescriptions as unknown[] | undefined)?.length, spec.enum.length, key);
      }
    });
    it('lets only the user (never a repository) choose the sandbox', () => {
      assert.equal(properties['fabric.sandbox'].scope, 'machine');
    });
  });
});
