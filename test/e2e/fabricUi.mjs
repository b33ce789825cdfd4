#!/usr/bin/env node
// UI end-to-end test of the packaged Fabric extension, as a user meets it: `npm run package` makes the
// .vsix, code-server gets it installed, Chromium opens a fresh copy of demo/textkit (git, with a local
// bare repository as `origin`), F1 → "Fabric: Explore fix" → the goal typed into the input box → the
// Fabric view's timeline fills and the run is released → Approve in the panel's approval queue → the
// signed branch and its evidence note arrive in the bare remote, where `git verify-commit` accepts the
// commit with the allowed signers exported by "Fabric: Export allowed signers". Screenshots of the
// panel in the default light and dark themes go to test-artifacts/. Then, in the same window, two
// fresh fixture repos: one whose push is denied in the panel (Deny… → a reason → Deny: the reason lands
// in the trace's event log, nothing reaches the remote), and one whose approved push the remote refuses
// (someone else's commit already holds the branch: the card shows the error, the remote ref stays).
// Exits non-zero on any failure.
//
//   node test/e2e/fabricUi.mjs                 package this checkout, then test it
//   node test/e2e/fabricUi.mjs --vsix FILE     test an already packaged .vsix instead
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS } from '../../scripts/editor/codeServer.mjs';
import { DEMO_GOAL, createDemoRepo, git } from './fabric/fixtureRepo.mjs';
import { approvalDecisions } from './fabric/traceEvents.mjs';
import { ARTIFACTS_DIR, openEditor, openViewContainer, runCommand, screenshot, webviewFrame } from './ui.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const LIGHT = 'Default Light Modern';
const DARK = 'Default Dark Modern';
const RUN_TIMEOUT_MS = 180000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`fabric ui: ${msg}`);
const timings = [];
/** Runs one named step, timing it. */
async function step(name, fn) {
  const since = Date.now();
  const value = await fn();
  timings.push([name, (Date.now() - since) / 1000]);
  say(`${name} (${seconds(since)})`);
  return value;
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

/** Polls `fn` until it returns a truthy value or time runs out. */
async function until(what, fn, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

/** `npm run package`, into the work folder. */
function packageExtension(out) {
  const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: root, encoding: 'utf8' });
  check(r.status === 0 && existsSync(out), `npm run package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/**
 * Switches the color theme by editing the user settings file in the editor, as a user would
 * ("Preferences: Open User Settings (JSON)", then save). Writing the file on disk is not enough:
 * code-server does not notice that change to its user settings while the window is open.
 */
async function setTheme(page, theme) {
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor({ state: 'visible', timeout: 15000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(`${JSON.stringify({ ...DEFAULT_SETTINGS, 'workbench.colorTheme': theme }, null, 2)}\n`);
  await page.keyboard.press('Control+S');
  const dark = /dark/i.test(theme);
  const workbench = page.locator('.monaco-workbench');
  await until(`the ${theme} theme`, async () => ((await workbench.getAttribute('class')) ?? '').split(/\s+/).includes(dark ? 'vs-dark' : 'vs'), 15000);
  // This VS Code shows settings.json in a modal editor: Escape closes it.
  await page.keyboard.press('Escape');
  await editor.waitFor({ state: 'hidden', timeout: 10000 });
  await sleep(800); // the webview restyles from the new theme variables
}

/**
 * Screenshots of what the user sees: the whole window, the side bar with the top of the Fabric panel,
 * and the side bar scrolled to the Evidence Bundle and the timeline.
 */
async function shots(page, panel, name) {
  const files = [await screenshot(page, name)];
  const sidebar = page.locator('.part.sidebar');
  await panel.locator('header.run').scrollIntoViewIfNeeded();
  files.push(join(ARTIFACTS_DIR, `${name}-sidebar.png`));
  await sidebar.screenshot({ path: files[1] });
  await panel.locator('.section').nth(2).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await sleep(300);
  files.push(join(ARTIFACTS_DIR, `${name}-timeline.png`));
  await sidebar.screenshot({ path: files[2] });
  await panel.locator('header.run').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  say(`screenshots ${files.join(', ')}`);
}

/** Dismisses notification toasts so they do not cover the panel in screenshots. */
async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
}

/** Answers VS Code's simple file dialog (a quick input holding a path) with `path`. */
async function answerFileDialog(page, path) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input').first();
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill(path);
  await sleep(300);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 15000 });
}


/**
 * F1 → "Fabric: Explore fix" with the demo goal, then waits until the run label says "Released".
 * Returns what the panel showed while the run went on: [label, "N events"].
 */
async function exploreFix(page, panel, suffix = '') {
  const runLabel = panel.locator('.run-label');
  const eventCount = panel.locator('.timeline-count');
  await step(`F1 → "Fabric: Explore fix", goal typed into the input box${suffix}`, async () => {
    await runCommand(page, 'Fabric: Explore fix');
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Fabric: Explore fix' }).waitFor({ state: 'visible', timeout: 30000 });
    await widget.locator('input.input').first().fill(DEMO_GOAL);
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 10000 });
  });
  const seen = [];
  await step(`the timeline filled while the run went on, until "Released"${suffix}`, async () => {
    await until('the run label "Released"', async () => {
      const label = (await runLabel.textContent()) ?? '';
      const count = (await eventCount.isVisible()) ? ((await eventCount.textContent()) ?? '') : '';
      const last = seen[seen.length - 1];
      if (!last || last[0] !== label || last[1] !== count) seen.push([label, count]);
      return label === 'Released';
    }, RUN_TIMEOUT_MS);
  });
  return seen;
}

/**
 * Opens `folder` in the same code-server window (as "File: Open Folder…" does: the workbench reloads
 * on the new folder) and shows the Fabric view.
 */
async function openFolder(session, panel, folder) {
  await session.page.goto(`${session.server.url}/?${new URLSearchParams({ folder })}`);
  await session.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
  await openViewContainer(session.page, 'Fabric');
  await panel.locator('.run-label').waitFor({ state: 'visible', timeout: 30000 });
}

/** A fresh fixture repo opened in the session, explored until its push waits for approval. */
async function freshRunAwaitingApproval(session, panel, work, name) {
  const repo = createDemoRepo(work, { name });
  await step(`opened a fresh fixture repo (${name}) in the same window`, () => openFolder(session, panel, repo.dir));
  await exploreFix(session.page, panel, ` (${name})`);
  const card = panel.locator('li.approval').first();
  await step(`the push waits in the approval queue (${name})`, () => card.locator('vscode-button[data-action="approve"]').waitFor({ state: 'visible', timeout: 30000 }));
  const branch = (await card.locator('dd').first().textContent())?.trim() ?? '';
  check(git(repo.dir, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/fabric/') === branch, `the card's branch "${branch}" is not the one in ${name}`);
  check(git(repo.remote, 'for-each-ref', '--format=%(refname)') === 'refs/heads/main', `something reached ${name}'s origin before a decision`);
  return { repo, card, branch };
}

/** Deny… → a reason typed inline → Deny: the decision and reason land in the event log, nothing is pushed. */
async function denyScenario(session, panel, work) {
  const { page } = session;
  const { repo, card, branch } = await freshRunAwaitingApproval(session, panel, work, 'textkit-deny');
  const reason = 'e2e: the fix needs a second look';
  await step('Deny… clicked, a reason typed inline, Deny confirmed', async () => {
    await clearNotifications(page);
    await card.locator('vscode-button[data-action="deny"]').click();
    const field = card.locator('vscode-textfield.deny-reason input');
    await field.waitFor({ state: 'visible', timeout: 10000 });
    await field.fill(reason);
    await sleep(200);
    await card.locator('vscode-button[data-action="confirm-deny"]').click();
    await until('the card to show the push as denied', async () => /denied/i.test((await card.locator('.approval-status').textContent()) ?? ''), 30000);
  });
  const denial = await until('the denial in the event log', () => approvalDecisions(repo.dir).find((e) => e.payload?.decision === 'deny'), 15000);
  check(denial.payload.reason === reason, `the event log recorded the reason "${denial.payload.reason}", not the one typed`);
  check(denial.payload.action === 'push', `the denial is about "${denial.payload.action}", not the push`);
  check(!approvalDecisions(repo.dir).some((e) => e.payload?.decision === 'approve'), 'the event log holds an approval as well as the denial');
  await sleep(3000); // a push, if the denial had let one through, would have arrived by now
  check(git(repo.remote, 'for-each-ref', '--format=%(refname)') === 'refs/heads/main', 'something reached origin after the push was denied');
  check((await card.locator('.approval-decision').textContent())?.includes(reason), 'the denied card does not show the reason');
  say(`denied ${branch}: event log ${denial.trace}: decision ${denial.payload.decision}, reason "${denial.payload.reason}"`);
  await step('screenshot of the denied card', async () => {
    await card.scrollIntoViewIfNeeded();
    await sleep(300);
    const file = join(ARTIFACTS_DIR, 'fabric-panel-denied.png');
    await page.locator('.part.sidebar').screenshot({ path: file });
    say(`screenshot ${file}`);
  });
}

/** Someone else pushed the branch first: Approve → the push is refused, the panel says so, the remote keeps its commit. */
async function pushRejectedScenario(session, panel, work) {
  const { page } = session;
  const { repo, card, branch } = await freshRunAwaitingApproval(session, panel, work, 'textkit-rejected');
  // A commit the run's branch does not contain, made in the bare remote itself, so the user's repo stays untouched.
  const theirs = git(repo.remote, 'commit-tree', 'main^{tree}', '-p', 'main', '-m', 'someone else pushed this branch first');
  git(repo.remote, 'update-ref', `refs/heads/${branch}`, theirs);
  await clearNotifications(page);
  let shown = '';
  await step('Approve clicked; the push was refused and the panel said so', async () => {
    await card.locator('vscode-button[data-action="approve"]').click();
    const errorLine = card.locator('p.tone-bad[role="alert"]');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /reject/i });
    shown = await until('the error on the card or in a notification', async () => {
      if (await errorLine.isVisible()) return `card: ${(await errorLine.textContent())?.trim()}`;
      if (await toast.first().isVisible()) return `notification: ${(await toast.first().textContent())?.trim()}`;
      return '';
    }, 60000);
  });
  say(`the panel showed: ${shown}`);
  check(/GIT_PUSH_REJECTED/.test(shown), `the error shown does not carry the code GIT_PUSH_REJECTED: ${shown}`);
  check(git(repo.remote, 'rev-parse', `refs/heads/${branch}`) === theirs, "the remote's branch was changed by the refused push");
  say(`notes on the remote after the refused push: ${git(repo.remote, 'for-each-ref', '--format=%(refname)', 'refs/notes/') || 'none'}`);
  await step('screenshot of the refused push', async () => {
    await card.scrollIntoViewIfNeeded();
    await sleep(300);
    await screenshot(page, 'fabric-panel-push-rejected');
    const file = join(ARTIFACTS_DIR, 'fabric-panel-push-rejected-sidebar.png');
    await page.locator('.part.sidebar').screenshot({ path: file });
    say(`screenshots ${join(ARTIFACTS_DIR, 'fabric-panel-push-rejected.png')}, ${file}`);
  });
  check(git(repo.dir, 'rev-parse', 'HEAD') === repo.base && git(repo.dir, 'status', '--porcelain') === '', 'the working tree or HEAD changed');
}

const { values: cli } = parseArgs({ options: { vsix: { type: 'string' } } });
const work = mkdtempSync(join(tmpdir(), 'fabric-ui-e2e-'));
rmSync(join(ARTIFACTS_DIR, 'fabric-ui-failure.png'), { force: true });
let session;
let ok = false;
try {
  const vsix = cli.vsix ? resolve(cli.vsix) : join(work, 'fabric-agent.vsix');
  if (!cli.vsix) await step('packaged the extension with npm run package', () => packageExtension(vsix));
  say(`.vsix: ${vsix}, ${(statSync(vsix).size / 1024 / 1024).toFixed(2)} MB`);
  const repo = createDemoRepo(work, { name: 'textkit' });

  session = await step('code-server with the .vsix installed, workbench shown', () => openEditor({ folder: repo.dir, vsix: [vsix], settings: { 'workbench.colorTheme': LIGHT }, viewport: { width: 1366, height: 860 } }));
  const { page } = session;

  const panel = webviewFrame(page);
  const runLabel = panel.locator('.run-label');
  await step('opened the Fabric view before any run', async () => {
    await openViewContainer(page, 'Fabric');
    const broken = page.locator('.part.sidebar .pane-body', { hasText: 'An error occurred while loading view' });
    await until('the Fabric panel to render', async () => {
      if (await broken.first().isVisible()) throw new Error(`the Fabric view did not load: "${(await broken.first().textContent())?.trim()}" (its webview view provider threw; the extension host log says why)`);
      return runLabel.isVisible();
    }, 30000);
  });
  say(`the panel before the run: "${await runLabel.textContent()}"`);

  const seen = await exploreFix(page, panel);
  say(`the panel showed: ${seen.map(([l, c]) => `${l}${c ? ` (${c})` : ''}`).join(' → ')}`);
  check(seen.some(([label, count]) => label !== 'Released' && /^[1-9]/.test(count)), 'the timeline had no rows before the run was released (it did not fill live)');
  check((await panel.locator('.timeline-rows .event').count()) > 0, 'the timeline shows no rows');

  const approve = panel.locator('li.approval vscode-button[data-action="approve"]');
  await step('the push waits in the approval queue', () => approve.first().waitFor({ state: 'visible', timeout: 30000 }));
  const total = await panel.locator('.timeline-count').textContent();
  const candidates = await panel.locator('.section').nth(1).locator('vscode-badge').textContent().catch(() => '?');
  const branch = (await panel.locator('li.approval dd').first().textContent())?.trim() ?? '';
  say(`timeline: ${total}; candidates badge: ${candidates}; approval for branch ${branch}`);
  check(/^fabric\//.test(branch), `the approval card names no fabric/ branch: "${branch}"`);
  check(git(repo.dir, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/fabric/') === branch, 'the branch on the card is not the one in the repository');
  check(git(repo.remote, 'for-each-ref', '--format=%(refname)') === 'refs/heads/main', 'something reached origin before the approval');

  await step('screenshots in the light theme', async () => {
    await clearNotifications(page);
    await shots(page, panel, 'fabric-panel-light');
  });
  await step('screenshots in the dark theme', async () => {
    await setTheme(page, DARK);
    await shots(page, panel, 'fabric-panel-dark');
  });

  await step('Approve clicked; the branch and its evidence note arrived in the bare remote', async () => {
    await approve.first().click();
    await until('the branch in the bare remote', () => git(repo.remote, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/fabric/') === branch, 60000);
    await until('refs/notes/fabric in the bare remote', () => git(repo.remote, 'for-each-ref', '--format=%(refname)', 'refs/notes/fabric') === 'refs/notes/fabric', 30000);
    await until('the approval card to show the push as done', async () => /Pushed/i.test((await panel.locator('li.approval .approval-status').first().textContent()) ?? ''), 30000);
  });
  check(git(repo.remote, 'rev-parse', branch) === git(repo.dir, 'rev-parse', branch), 'the remote branch is not the signed commit');
  await step('screenshot after the push', async () => {
    await sleep(500);
    await shots(page, panel, 'fabric-panel-pushed-dark');
    await clearNotifications(page);
  });

  const signers = join(work, 'allowed_signers');
  await step('"Fabric: Export allowed signers" wrote the release key', async () => {
    await runCommand(page, 'Fabric: Export allowed signers');
    await answerFileDialog(page, signers);
    await until('the allowed-signers file', () => existsSync(signers) && readFileSync(signers, 'utf8').includes('ssh-ed25519'), 15000);
  });
  const verify = spawnSync('git', ['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'verify-commit', branch], { cwd: repo.remote, encoding: 'utf8' });
  check(verify.status === 0, `git verify-commit in the bare remote failed: ${verify.stderr}`);
  say(`git verify-commit in the bare remote: ${verify.stderr.trim().split('\n')[0]}`);
  check(git(repo.dir, 'rev-parse', 'HEAD') === repo.base && git(repo.dir, 'status', '--porcelain') === '', 'the working tree or HEAD changed');
  await denyScenario(session, panel, work);
  await pushRejectedScenario(session, panel, work);
  ok = true;
} catch (err) {
  console.error(`fabric ui: FAILED: ${err.message}`);
  if (session) await screenshot(session.page, 'fabric-ui-failure').then((f) => console.error(`fabric ui: screenshot ${f}`), () => {});
} finally {
  await session?.close();
  rmSync(work, { recursive: true, force: true });
}
for (const [name, s] of timings) say(`  ${s.toFixed(1).padStart(6)} s  ${name}`);
say(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
process.exit(ok ? 0 : 1);
