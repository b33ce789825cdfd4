#!/usr/bin/env node
'use strict';
// The `fabric` command. The bundle is built by `npm ci` (the `prepare` script) or `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('fabric: the CLI is not built yet; run `npm run build` in the Fabric checkout\n');
  process.exit(3);
}
require(bundle).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
