/** Writes `validators.generated.js` next to this file: `npx tsx src/webview/protocol/writeValidators.ts`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateValidators } from './generateValidators';

const target = join(__dirname, 'validators.generated.js');
writeFileSync(target, generateValidators());
process.stdout.write(`wrote ${target}\n`);
