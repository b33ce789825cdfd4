#!/usr/bin/env node
// Smoke test of the UI chain: package the hello fixture with vsce, install the .vsix into code-server,
// open a folder in Chromium, run "Fabric Fixture: Say hello" from the palette, wait for its
// notification, open its activity-bar view and read its webview; screenshots of both go to
// test-artifacts/. Exits non-zero on any failure.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVsix } from '../../scripts/editor/vsix.mjs';
import { openEditor, openViewContainer, runCommand, screenshot, webviewFrame } from './ui.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const work = mkdtempSync(join(tmpdir(), 'fabric-smoke-'));
let session;
let ok = false;
try {
  let since = Date.now();
  const vsix = await packageVsix(join(here, 'fixtures', 'hello-extension'), join(work, 'hello-extension.vsix'));
  console.log(`smoke: packaged ${vsix} in ${seconds(since)}`);
  const folder = join(work, 'workspace');
  mkdirSync(folder);
  writeFileSync(join(folder, 'hello.txt'), 'hello\n');

  since = Date.now();
  session = await openEditor({ folder, vsix: [vsix] });
  console.log(`smoke: code-server healthy in ${session.server.startMs} ms, workbench shown after ${seconds(since)}`);

  since = Date.now();
  await runCommand(session.page, 'Fabric Fixture: Say hello');
  await session.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'visible', timeout: 15000 });
  console.log(`smoke: command ran and its notification showed after ${seconds(since)}`);
  console.log(`smoke: screenshot ${await screenshot(session.page, 'smoke-hello')}`);

  since = Date.now();
  await openViewContainer(session.page, 'Fabric Fixture');
  await webviewFrame(session.page).locator('#greeting').waitFor({ state: 'visible', timeout: 15000 });
  console.log(`smoke: the fixture's webview view showed after ${seconds(since)}`);
  console.log(`smoke: screenshot ${await screenshot(session.page, 'smoke-hello-view')}`);
  ok = true;
} catch (err) {
  console.error(`smoke: failed: ${err.message}`);
  if (session) await screenshot(session.page, 'smoke-hello-failure').then((f) => console.error(`smoke: screenshot ${f}`), () => {});
} finally {
  await session?.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(`smoke: ${ok ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
process.exit(ok ? 0 : 1);
