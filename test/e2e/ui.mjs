// Playwright helpers for UI tests against code-server in Debian's Chromium: open an editor on a folder
// (with packaged extensions installed), run palette commands, open activity-bar views, reach into
// webviews, and save screenshots into test-artifacts/ (git-ignored).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExtension, launchChromium, startCodeServer } from '../../scripts/editor/codeServer.mjs';
import { EditorError } from '../../scripts/editor/errors.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where screenshots go (git-ignored). */
export const ARTIFACTS_DIR = join(root, 'test-artifacts');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @typedef {object} EditorSession
 * @property {import('playwright-core').Page} page
 * @property {import('playwright-core').Browser} browser
 * @property {Awaited<ReturnType<typeof startCodeServer>>} server
 * @property {() => Promise<void>} close ends Chromium and code-server, removes the temp dirs
 */

/**
 * Starts code-server with the given .vsix files installed, opens `folder` in Chromium and waits for the
 * workbench. Ctrl+C (or SIGTERM) while the session is open closes it before exiting.
 * @param {{ folder: string, vsix?: string[], settings?: Record<string, unknown>, viewport?: { width: number, height: number }, timeoutMs?: number }} options
 * @returns {Promise<EditorSession>}
 */
export async function openEditor({ folder, vsix = [], settings, viewport = { width: 1280, height: 800 }, timeoutMs = 60000 }) {
  const dirs = mkdtempSync(join(tmpdir(), 'fabric-ui-'));
  const userDataDir = join(dirs, 'user-data');
  const extensionsDir = join(dirs, 'extensions');
  const steps = [async () => rmSync(dirs, { recursive: true, force: true })];
  const close = async () => {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    for (const step of steps.splice(0).reverse()) await step().catch(() => {});
  };
  const onSignal = (sig) => void close().then(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    mkdirSync(extensionsDir, { recursive: true });
    for (const file of vsix) await installExtension(resolve(file), { userDataDir, extensionsDir });
    const server = await startCodeServer({ userDataDir, extensionsDir, settings });
    steps.push(() => server.stop());
    const browser = await launchChromium();
    steps.push(() => browser.close());
    const page = await browser.newPage({ viewport });
    await page.goto(`${server.url}/?${new URLSearchParams({ folder: resolve(folder) })}`);
    await waitForWorkbench(page, timeoutMs);
    return { page, browser, server, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Waits until VS Code's workbench is on the page. */
export async function waitForWorkbench(page, timeoutMs = 60000) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
}

const quote = (s) => JSON.stringify(s);

/**
 * Runs a command from the palette by its full title ("Category: Title"). Extension commands appear only
 * once extensions have activated (a few seconds after the workbench), so it retries until `timeoutMs`.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
export async function runCommand(page, title, { timeoutMs = 30000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input').first();
  const row = widget.locator(`.monaco-list-row.focused[aria-label^=${quote(title)}]`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await widget.isVisible())) {
      await page.locator('.monaco-workbench').focus().catch(() => {});
      await page.keyboard.press('F1');
    }
    await input.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    await input.fill(`>${title}`).catch(() => {});
    if (await row.waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false)) {
      await page.keyboard.press('Enter');
      await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
      return;
    }
    await page.keyboard.press('Escape');
    await sleep(500);
  }
  throw new EditorError('UI_TIMEOUT', `The command palette did not offer "${title}" within ${timeoutMs} ms`, { data: { title } });
}

/**
 * Opens an activity-bar view container (e.g. "Fabric") and waits for the side bar to show it.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
export async function openViewContainer(page, title, { timeoutMs = 30000 } = {}) {
  const action = page.locator(`.activitybar .action-label[aria-label^=${quote(title)}]`).first();
  await action.waitFor({ state: 'visible', timeout: timeoutMs });
  const item = action.locator('xpath=ancestor::li[contains(@class, "action-item")][1]');
  if (!((await item.getAttribute('class').catch(() => '')) ?? '').includes('checked')) await action.click();
  await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * The content of a webview: two iframes deep (the host frame, then the extension's page).
 * @param {import('playwright-core').Page} page
 * @param {{ nth?: number }} [options] which ready webview, in document order
 * @returns {import('playwright-core').FrameLocator}
 */
export function webviewFrame(page, { nth = 0 } = {}) {
  return page.locator('iframe.webview.ready').nth(nth).contentFrame().locator('iframe#active-frame').contentFrame();
}

/**
 * Saves a PNG of the page into test-artifacts/ and returns its path.
 * @param {import('playwright-core').Page} page
 * @param {string} name file name without extension
 */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
