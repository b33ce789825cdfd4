// In-host suite of the Fabric extension in Restricted Mode (an untrusted workspace), following
// @vscode/test-electron's contract. Run by test/e2e/fabric/restrictedMode.mjs, which starts the editor
// with workspace trust enabled (the shared launcher disables it, so every folder would be trusted).
const path = require('node:path');
const Mocha = require('mocha');

/** @returns {Promise<void>} */
function run() {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000 });
  mocha.addFile(path.join(__dirname, 'restricted.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}

module.exports = { run };
