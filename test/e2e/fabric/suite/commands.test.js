// Runs inside the editor's extension host, so it uses the real `vscode` API.
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { EXTENSION_ID, FABRIC_COMMANDS } = require('./helpers');

describe('Fabric extension', () => {
  describe('when loaded for development in a trusted workspace', () => {
    it('contributes the seven Fabric commands, all in the Fabric category', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is loaded`);
      const commands = extension.packageJSON.contributes.commands;
      assert.deepEqual(commands.map((c) => c.command), FABRIC_COMMANDS);
      assert.deepEqual([...new Set(commands.map((c) => c.category))], ['Fabric']);
    });

    it('activates from its contributions, not on start-up, and declares untrusted workspaces unsupported', () => {
      const { packageJSON } = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(!(packageJSON.activationEvents ?? []).includes('*'), 'no "*" activation');
      assert.equal(packageJSON.capabilities?.untrustedWorkspaces?.supported, false);
    });

    it('activates and registers every contributed command', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      const started = Date.now();
      await extension.activate();
      const activationMs = Date.now() - started;
      assert.equal(extension.isActive, true);
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(FABRIC_COMMANDS.filter((id) => !registered.has(id)), [], 'commands missing after activation');
      console.log(`      (activation took ${activationMs} ms)`);
    });

    it('opens the fixture repository as its only workspace folder, trusted', () => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      assert.equal(folders.length, 1);
      assert.equal(folders[0].uri.fsPath, process.env.FABRIC_E2E_WORKSPACE);
      assert.equal(vscode.workspace.isTrusted, true);
    });
  });
});
