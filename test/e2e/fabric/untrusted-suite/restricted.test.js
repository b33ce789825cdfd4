// Fabric in an untrusted workspace. The manifest declares untrusted workspaces unsupported, but VS Code
// never disables an extension under development, so here Fabric is loaded anyway and its own guard is
// what must refuse: nothing runs, nothing is written, nothing is pushed.
const assert = require('node:assert/strict');
const { existsSync } = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { DEMO_GOAL, EXTENSION_ID, fabricBranches, fixturePath, git } = require('../suite/helpers');

describe('Fabric extension', () => {
  describe('when the workspace is not trusted (Restricted Mode)', () => {
    let repo;
    let base;

    before(() => {
      repo = fixturePath('FABRIC_E2E_WORKSPACE');
      base = git(repo, 'rev-parse', 'HEAD');
    });

    it('runs in a workspace VS Code does not trust', () => {
      assert.equal(vscode.workspace.isTrusted, false);
      assert.equal(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, repo);
    });

    it('still registers its commands (so the guard, not VS Code, is under test)', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is loaded`);
      await extension.activate();
      assert.ok((await vscode.commands.getCommands(true)).includes('fabric.exploreFix'));
    });

    it('refuses "Explore fix": no result, no trace, no branch, the repository untouched', async () => {
      const result = await vscode.commands.executeCommand('fabric.exploreFix', { goal: DEMO_GOAL });
      assert.equal(result, undefined);
      assert.equal(existsSync(path.join(repo, '.fabric')), false, 'a .fabric folder was created');
      assert.deepEqual(fabricBranches(repo), []);
      assert.equal(git(repo, 'rev-parse', 'HEAD'), base);
      assert.equal(git(repo, 'status', '--porcelain', '--ignored'), '');
    });

    it('refuses "Push signed branch" and "Approve pending action": nothing reaches origin', async () => {
      assert.equal(await vscode.commands.executeCommand('fabric.pushBranch', { folder: repo }), undefined);
      assert.equal(await vscode.commands.executeCommand('fabric.approvePending'), undefined);
      const remote = fixturePath('FABRIC_E2E_REMOTE');
      assert.deepEqual(git(remote, 'for-each-ref', '--format=%(refname)').split('\n'), ['refs/heads/main']);
    });
  });
});
