// Plain-Node tests of the editor scripts' logic (no editor needed): the launcher's reading of VS Code's
// command line, the workbench URL it builds, and ending a whole process family.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseLauncherArgs, workbenchUrl } from '../../scripts/editor/launcherArgs.mjs';
import { killFamily, processFamily } from '../../scripts/editor/processes.mjs';

const dir = mkdtempSync(join(tmpdir(), 'fabric-editor-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('#parseLauncherArgs', () => {
  describe('when given what @vscode/test-electron passes', () => {
    const args = parseLauncherArgs([dir, '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust', '--extensionTestsPath=/x/suite/index.js', '--extensionDevelopmentPath=/x/ext', '--extensions-dir=/x/exts', '--user-data-dir=/x/ud']);
    it('takes the suite, the extension, the folder and the profile dirs', () => {
      assert.equal(args.extensionTestsPath, '/x/suite/index.js');
      assert.deepEqual(args.extensionDevelopmentPaths, ['/x/ext']);
      assert.equal(args.folder, dir);
      assert.equal(args.userDataDir, '/x/ud');
      assert.equal(args.extensionsDir, '/x/exts');
    });
    it('ignores the flags it does not use', () => {
      assert.equal(args.ignored.length, 6);
    });
  });

  describe('when values are separate arguments and flags are unknown', () => {
    const args = parseLauncherArgs(['--locale', 'en', '--extensionDevelopmentPath', '/a', '--extensionDevelopmentPath', '/b', '--extensionTestsPath', '/s.js', '--whatever', join(dir, 'missing'), dir]);
    it('keeps every development path in order and opens the existing folder', () => {
      assert.deepEqual(args.extensionDevelopmentPaths, ['/a', '/b']);
      assert.equal(args.extensionTestsPath, '/s.js');
      assert.equal(args.folder, dir);
    });
    it('does not read a flag value or a missing path as the folder', () => {
      assert.ok(args.ignored.includes('--locale en'));
      assert.ok(args.ignored.includes(join(dir, 'missing')));
    });
  });
});

describe('#workbenchUrl', () => {
  it('puts the folder and a payload whose authority is the browsed host into the query', () => {
    const url = new URL(workbenchUrl('http://127.0.0.1:4321', { extensionDevelopmentPaths: ['/a b/ext'], extensionTestsPath: '/s/index.js', folder: '/ws', workspace: undefined }));
    assert.equal(url.searchParams.get('folder'), '/ws');
    const payload = new Map(JSON.parse(url.searchParams.get('payload')));
    assert.equal(payload.get('extensionDevelopmentPath'), 'vscode-remote://127.0.0.1:4321/a%20b/ext');
    assert.equal(payload.get('extensionTestsPath'), 'vscode-remote://127.0.0.1:4321/s/index.js');
  });
});

describe('#killFamily', () => {
  describe('when a process has children, one of them in a new process group', () => {
    it('ends all of them', async () => {
      const script = "const {spawn}=require('child_process'); spawn('sleep',['60'],{stdio:'ignore'}); spawn('sleep',['60'],{stdio:'ignore',detached:true}); setInterval(()=>{},1000);";
      const root = spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' });
      let family = [];
      for (let i = 0; i < 50 && family.length < 3; i++) {
        await new Promise((r) => setTimeout(r, 50));
        family = processFamily(root.pid);
      }
      assert.equal(family.length, 3);
      await killFamily(root.pid, { graceMs: 2000 });
      const alive = family.filter((pid) => {
        try {
          process.kill(pid, 0);
          return !/\) Z /.test(String(readStat(pid)));
        } catch {
          return false;
        }
      });
      assert.deepEqual(alive, []);
    });
  });
});

function readStat(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}
