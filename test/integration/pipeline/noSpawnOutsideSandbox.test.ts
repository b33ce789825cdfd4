/**
 * ARCHITECTURE §4: nothing but src/runtime/sandbox/ spawns a process. A static proof over every
 * source file under src/, on the real syntax tree (TypeScript's parser), so comments and strings do
 * not count and dynamic `import()` / `require()` do: only sandbox/ may load execa or child_process;
 * nothing may load worker_threads or cluster, reach `process.binding` / `_linkedBinding` / `dlopen`,
 * call `eval` / `Function`, or load a module whose name is not a string literal.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from './helpers';

const SRC = join(PROJECT_ROOT, 'src');
const SANDBOX = 'runtime/sandbox/';
const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** Modules that start processes (only sandbox/ may load them). */
const SPAWNING = new Set(['execa', 'child_process', 'node:child_process']);
/** Modules that run code beside the Gate (nobody may load them). */
const FORBIDDEN = new Set(['worker_threads', 'node:worker_threads', 'cluster', 'node:cluster']);
/** `process.<name>` members that reach native bindings. */
const NATIVE = new Set(['binding', '_linkedBinding', 'dlopen']);

type FindingKind = 'spawning-module' | 'forbidden-module' | 'native-binding' | 'eval' | 'computed-module';

interface Finding {
  file: string;
  kind: FindingKind;
  detail: string;
}

function baseModule(name: string): string {
  return name.startsWith('node:') ? name : name.split('/')[0];
}

/** Every module load and escape hatch in one source text. */
export function scanSource(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const moduleName = (spec: ts.Node | undefined, how: string): void => {
    if (spec === undefined) return;
    if (!ts.isStringLiteralLike(spec)) {
      findings.push({ file, kind: 'computed-module', detail: `${how}(${spec.getText(source)})` });
      return;
    }
    const name = baseModule(spec.text);
    if (SPAWNING.has(name) || SPAWNING.has(spec.text)) findings.push({ file, kind: 'spawning-module', detail: `${how} ${spec.text}` });
    if (FORBIDDEN.has(name) || FORBIDDEN.has(spec.text)) findings.push({ file, kind: 'forbidden-module', detail: `${how} ${spec.text}` });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) moduleName(node.moduleSpecifier, 'import');
    else if (ts.isExportDeclaration(node)) moduleName(node.moduleSpecifier, 'export from');
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) moduleName(node.moduleReference.expression, 'import =');
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) moduleName(node.argument.literal, 'import type');
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) moduleName(node.arguments[0], 'import');
      else if (ts.isIdentifier(callee) && callee.text === 'require') moduleName(node.arguments[0], 'require');
      else if (ts.isIdentifier(callee) && (callee.text === 'eval' || callee.text === 'Function')) findings.push({ file, kind: 'eval', detail: callee.text });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') {
      findings.push({ file, kind: 'eval', detail: 'new Function' });
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'process' && NATIVE.has(node.name.text)) {
      findings.push({ file, kind: 'native-binding', detail: `process.${node.name.text}` });
    } else if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'process') {
      const key = node.argumentExpression;
      if (!ts.isStringLiteralLike(key) || NATIVE.has(key.text)) findings.push({ file, kind: 'native-binding', detail: `process[${key.getText(source)}]` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.isFile() && SOURCE_FILE.test(e.name) ? [full] : [];
  });
}

/** The findings the architecture forbids: spawning modules outside sandbox/, everything else anywhere. */
function violations(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.kind !== 'spawning-module' || !f.file.startsWith(SANDBOX));
}

describe('#noSpawnOutsideSandbox', () => {
  const files = sourceFiles(SRC).map((full) => relative(SRC, full).split(sep).join('/'));
  const findings = files.flatMap((file) => scanSource(file, readFileSync(join(SRC, file), 'utf8')));

  describe('when every file under src/ is scanned', () => {
    it('covers the whole source tree', () => {
      assert.ok(files.length > 100, `only ${files.length} files found`);
      for (const folder of ['cli/', 'roles/', 'runtime/pipeline/', 'runtime/kernel/', 'runtime/git/', SANDBOX]) {
        assert.ok(files.some((f) => f.startsWith(folder)), `nothing scanned in ${folder}`);
      }
    });

    it('finds execa or child_process only in src/runtime/sandbox/', () => {
      assert.deepEqual(violations(findings.filter((f) => f.kind === 'spawning-module')), []);
      // The scan does see the one real spawner (a dynamic import of execa), so it is not blind.
      assert.ok(findings.some((f) => f.file === `${SANDBOX}spawnTree.ts` && f.kind === 'spawning-module' && f.detail === 'import execa'));
    });

    it('finds no worker_threads, cluster, process.binding, eval or computed module name anywhere', () => {
      assert.deepEqual(findings.filter((f) => f.kind !== 'spawning-module'), []);
    });
  });

  describe('when a file breaks the rule (negative controls)', () => {
    const cases: [string, string, FindingKind][] = [
      ["import { execa } from 'execa';", 'runtime/pipeline/x.ts', 'spawning-module'],
      ["import * as cp from 'node:child_process';", 'roles/x.ts', 'spawning-module'],
      ["const cp = require('child_process');", 'cli/x.ts', 'spawning-module'],
      ["export { spawn } from 'child_process';", 'runtime/x.ts', 'spawning-module'],
      ["import cp = require('child_process');", 'runtime/x.ts', 'spawning-module'],
      ["const m = await import('execa/foo');", 'runtime/x.ts', 'spawning-module'],
      ["import { Worker } from 'node:worker_threads'; new Worker('x.js');", 'runtime/sandbox/x.ts', 'forbidden-module'],
      ["import cluster from 'cluster'; cluster.fork();", 'runtime/x.ts', 'forbidden-module'],
      ["process.binding('spawn_sync');", 'runtime/x.ts', 'native-binding'],
      ["process['_linkedBinding']('x');", 'runtime/x.ts', 'native-binding'],
      ["const name = 'child' + '_process'; require(name);", 'runtime/x.ts', 'computed-module'],
      ["eval(\"require('child_process')\");", 'runtime/x.ts', 'eval'],
    ];
    for (const [text, file, kind] of cases) {
      it(`reports ${kind} in ${file}: ${text}`, () => {
        const found = violations(scanSource(file, text));
        assert.ok(found.some((f) => f.kind === kind), JSON.stringify(found));
      });
    }

    it('ignores the names in comments and strings', () => {
      assert.deepEqual(scanSource('runtime/x.ts', "// import 'child_process'\nconst s = \"require('execa')\";\n"), []);
    });
  });
});
