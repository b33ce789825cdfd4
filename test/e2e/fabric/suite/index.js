// In-host suite of the Fabric extension, following @vscode/test-electron's contract: the extension
// host loads this file and calls run(), which resolves when every test passed and rejects otherwise.
// Mocha comes from the project's node_modules. The runner (test/e2e/fabric/inHost.mjs) opens a fresh
// copy of demo/textkit as the workspace and passes the other fixture paths in FABRIC_E2E_* variables.
const path = require('node:path');
const Mocha = require('mocha');

/** In this order: registration first, then the full run, then cancelling a second run, then the errors a user can cause. */
const FILES = ['commands.test.js', 'explore.test.js', 'cancel.test.js', 'errors.test.js'];

/** @returns {Promise<void>} */
function run() {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000 });
  for (const file of FILES) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}

module.exports = { run };
