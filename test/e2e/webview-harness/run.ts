/**
 * Visual and behavioural check of the side panel outside VS Code: serves the real page (real
 * CSP) with a fake host that posts a realistic state and 10,000 events, drives it in Debian's
 * Chromium with playwright-core in the light and dark default themes, checks what a user would
 * notice, and saves screenshots to test-artifacts/webview/.
 *
 *   node esbuild.mjs && npx tsx test/e2e/webview-harness/run.ts
 *
 * Exits 1 when a check fails. Needs /usr/bin/chromium (`apt-get install -y chromium`), or
 * FABRIC_CHROMIUM=<path>.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { WebviewToHost } from '../../../src/webview/protocol';
import { TIMELINE_ROW_HEIGHT } from '../../../src/webview/virtual';
import { approval, events, snapshot, TRACE_ID } from '../../unit/webview/fixtures';
import { startHarnessServer, type HarnessData } from './server';

const REPO = join(__dirname, '../../..');
const ARTIFACTS = join(REPO, 'test-artifacts', 'webview');
const EVENT_COUNT = 10_000;
const CHROMIUM = process.env.FABRIC_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

type Theme = 'light' | 'dark';

interface HarnessWindow {
  fabricHarness: { sent: WebviewToHost[]; cspViolations: unknown[]; acquireCalls: number; post(message: unknown): void };
}

function harnessData(): HarnessData {
  const snap = snapshot({
    approvals: [
      approval(),
      approval({ id: 'appr-2', action: 'force_push', summary: `FORCE-push (overwrites remote history) for trace ${TRACE_ID} with {"branch":"fabric/truncate-test-fails-266b006a","remote":"origin"}` }),
      approval({ id: 'appr-0', status: 'denied', reason: 'wrong remote', remote: 'upstream' }),
    ],
  });
  return { traceId: TRACE_ID, snapshot: snap, events: events(EVENT_COUNT) };
}

const results: { name: string; ok: boolean; detail?: string }[] = [];
async function check(name: string, fn: () => Promise<string | void>): Promise<void> {
  try {
    const detail = await fn();
    results.push({ name, ok: true, ...(detail ? { detail } : {}) });
  } catch (e) {
    results.push({ name, ok: false, detail: e instanceof Error ? e.message : String(e) });
  }
}

const sent = (page: Page): Promise<WebviewToHost[]> => page.evaluate(() => (window as unknown as HarnessWindow).fabricHarness.sent);
const hostPost = (page: Page, message: unknown): Promise<void> => page.evaluate((m) => (window as unknown as HarnessWindow).fabricHarness.post(m), message);
const viewport = (page: Page) => page.locator('.timeline-viewport');
const lastSeqShown = (page: Page): Promise<number> => page.locator('.timeline-rows .event .event-seq').last().textContent().then(Number);

/** Clicks the multi-select at `index` open, toggles `labels`, closes it. */
async function toggleOptions(page: Page, index: number, labels: string[]): Promise<void> {
  const select = page.locator('vscode-multi-select').nth(index);
  await select.locator('.select-face').click();
  for (const label of labels) await select.getByRole('option', { name: label, exact: true }).click();
  await page.keyboard.press('Escape');
}

/** Every option starts checked (no filter): unchecks all but `keep`. */
async function keepOnly(page: Page, index: number, keep: string[]): Promise<void> {
  const labels = (await page.locator('vscode-multi-select').nth(index).locator('vscode-option').allTextContents()).filter((l) => !keep.includes(l));
  await toggleOptions(page, index, labels);
}

async function openPanel(browser: Browser, base: string, theme: Theme, width = 380): Promise<{ page: Page; console: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 1300 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
  await page.goto(`${base}/?theme=${theme}`);
  await page.waitForFunction((n) => document.querySelector('.timeline-count')?.textContent === `${n.toLocaleString('en-US')} events`, EVENT_COUNT);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  return { page, console };
}

async function themePass(browser: Browser, base: string, theme: Theme): Promise<void> {
  const { page, console } = await openPanel(browser, base, theme);
  await check(`${theme}: handshake — ready is the first message, acquireVsCodeApi called once`, async () => {
    const messages = await sent(page);
    assert.equal(messages[0]?.kind, 'ready');
    assert.equal(await page.evaluate(() => (window as unknown as HarnessWindow).fabricHarness.acquireCalls), 1);
  });
  await check(`${theme}: no CSP violation, no console error`, async () => {
    const violations = await page.evaluate(() => (window as unknown as HarnessWindow).fabricHarness.cspViolations);
    assert.deepEqual(violations, []);
    assert.deepEqual(console, []);
  });
  await check(`${theme}: codicon font loaded`, async () => {
    assert.ok(await page.evaluate(() => document.fonts.check('16px codicon')));
  });
  await check(`${theme}: the timeline renders only the visible rows of ${EVENT_COUNT} events and follows the tail`, async () => {
    const rows = await page.locator('.timeline-rows .event').count();
    const height = await viewport(page).evaluate((el) => el.clientHeight);
    assert.ok(rows <= Math.ceil(height / TIMELINE_ROW_HEIGHT) + 17, `${rows} rows for ${height}px`);
    assert.equal(await lastSeqShown(page), EVENT_COUNT - 1);
    return `${rows} rows in the DOM for a ${height}px viewport`;
  });
  await page.screenshot({ path: join(ARTIFACTS, `panel-${theme}.png`), fullPage: true });
  await page.locator('.run').screenshot({ path: join(ARTIFACTS, `header-${theme}.png`) });
  for (const [i, name] of ['approvals', 'candidates', 'bundle'].entries()) await page.locator('.section').nth(i).screenshot({ path: join(ARTIFACTS, `${name}-${theme}.png`) });
  await page.locator('.section').nth(3).screenshot({ path: join(ARTIFACTS, `timeline-${theme}.png`) });
  await page.context().close();
}

async function behaviourPass(browser: Browser, base: string): Promise<void> {
  const { page, console } = await openPanel(browser, base, 'dark');
  const vp = viewport(page);

  await check('scrolling 10,000 rows stays smooth', async () => {
    const perFrame = await vp.evaluate(async (el) => {
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 60; i++) {
        el.scrollTop = (i * 3517) % (el.scrollHeight - el.clientHeight);
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      times.sort((a, b) => a - b);
      return { median: times[30], worst: times[times.length - 1] };
    });
    assert.ok(perFrame.median < 34, `median frame ${perFrame.median.toFixed(1)} ms`);
    return `frame time median ${perFrame.median.toFixed(1)} ms, worst ${perFrame.worst.toFixed(1)} ms (60 random jumps)`;
  });

  await check('scrolled up, the timeline stays put when events arrive; "Latest" follows again', async () => {
    await vp.evaluate((el) => (el.scrollTop = 100_000));
    await page.waitForTimeout(100);
    const firstSeq = Number(await page.locator('.timeline-rows .event .event-seq').first().textContent());
    assert.ok(Math.abs(firstSeq - Math.floor(100_000 / 22)) < 20, `first rendered seq ${firstSeq}`);
    await hostPost(page, { kind: 'events', traceId: TRACE_ID, events: events(50, EVENT_COUNT) });
    await page.waitForFunction(() => document.querySelector('.timeline-count')?.textContent === '10,050 events');
    assert.equal(await vp.evaluate((el) => el.scrollTop), 100_000);
    await page.locator('[data-action="latest"]').click();
    await page.waitForTimeout(100);
    assert.equal(await lastSeqShown(page), EVENT_COUNT + 49);
    await hostPost(page, { kind: 'events', traceId: TRACE_ID, events: events(10, EVENT_COUNT + 50) });
    await page.waitForTimeout(100);
    assert.equal(await lastSeqShown(page), EVENT_COUNT + 59);
  });

  await check('filtering by role and action type (through the multi-selects)', async () => {
    await keepOnly(page, 0, ['verifier']);
    await keepOnly(page, 1, ['Verification', 'Error']);
    await page.waitForTimeout(150);
    const agents = await page.locator('.timeline-rows .event .event-agent').allTextContents();
    const types = await page.locator('.timeline-rows .event .event-type').allTextContents();
    assert.ok(agents.length > 0 && agents.every((a) => a.startsWith('verifier:')), agents.slice(0, 3).join());
    assert.ok(types.every((t) => t === 'verification' || t === 'error'), types.slice(0, 3).join());
    const last = (await sent(page)).filter((m) => m.kind === 'setFilter').at(-1);
    assert.ok(last?.kind === 'setFilter');
    assert.deepEqual([last.roles, [...last.actionTypes].sort()], [['verifier'], ['error', 'verification']]);
    await page.locator('.section').nth(3).screenshot({ path: join(ARTIFACTS, 'timeline-filtered-dark.png') });
    return (await page.locator('.timeline-count').textContent()) ?? '';
  });

  await check('filters and scroll position survive a reload (getState/setState)', async () => {
    await page.locator('[data-action="clear-filters"]').click();
    await vp.evaluate((el) => (el.scrollTop = 150_000));
    await page.waitForTimeout(400);
    await page.reload();
    await page.waitForSelector('.timeline-rows .event');
    await page.waitForTimeout(300);
    assert.equal(await vp.evaluate((el) => el.scrollTop), 150_000, 'scroll position in the middle of a list that arrives in batches');
    await keepOnly(page, 0, ['verifier']);
    await vp.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(400);
    await page.reload();
    await page.waitForSelector('.timeline-rows .event');
    await page.waitForTimeout(300);
    assert.match((await page.locator('.timeline-count').textContent()) ?? '', / of 10,000$/);
    assert.equal(await vp.evaluate((el) => el.scrollTop), 0);
    assert.equal(await page.locator('[data-action="latest"]').isVisible(), true);
    await page.locator('[data-action="clear-filters"]').click();
    await page.waitForFunction(() => document.querySelector('.timeline-count')?.textContent === '10,000 events');
  });

  await check('Approve: disabled while in flight, then shows Approved', async () => {
    const card = page.locator('[data-approval="appr-1"]');
    const button = card.locator('[data-action="approve"]');
    await button.click();
    await page.waitForTimeout(50);
    assert.equal(await button.getAttribute('disabled'), '');
    assert.equal(await card.locator('.approval-status').textContent(), 'Sending…');
    await page.waitForFunction(() => document.querySelector('[data-approval="appr-1"] .approval-status')?.textContent === 'Approved');
    const approve = (await sent(page)).find((m) => m.kind === 'approve');
    assert.ok(approve && approve.kind === 'approve' && approve.approvalId === 'appr-1' && approve.requestId.length > 0);
  });

  await check('Deny asks for a reason inline and sends it', async () => {
    const card = page.locator('[data-approval="appr-2"]');
    await card.locator('[data-action="deny"]').click();
    const field = card.locator('vscode-textfield input');
    await field.waitFor();
    const confirm = card.locator('[data-action="confirm-deny"]');
    assert.equal(await confirm.getAttribute('disabled'), '');
    await field.fill('Force-pushing is not allowed on this repository');
    // A state arriving while typing must neither clear the text nor move the focus.
    await hostPost(page, { kind: 'state', snapshot: await page.evaluate(() => (window as unknown as { fabricHarness: { snapshot: unknown } }).fabricHarness.snapshot) });
    await page.waitForTimeout(100);
    assert.equal(await field.inputValue(), 'Force-pushing is not allowed on this repository');
    assert.equal(await field.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true);
    await page.locator('.fabric-panel').screenshot({ path: join(ARTIFACTS, 'approvals-deny-dark.png') });
    await confirm.click();
    await page.waitForFunction(() => document.querySelector('[data-approval="appr-2"] .approval-status')?.textContent === 'Denied');
    const deny = (await sent(page)).find((m) => m.kind === 'deny');
    assert.ok(deny && deny.kind === 'deny' && deny.reason === 'Force-pushing is not allowed on this repository');
  });

  await check('a candidate click asks for its diff', async () => {
    await page.locator('[data-candidate="1a85a9b94bf5"]').click();
    assert.deepEqual((await sent(page)).at(-1), { kind: 'openDiff', candidateId: '1a85a9b94bf5' });
  });

  await check('a failed push shows the host error next to the button', async () => {
    const push = page.locator('[data-action="push"]');
    assert.equal(await push.getAttribute('disabled'), null);
    await push.click();
    await page.waitForSelector('.bundle p[role="alert"]:not([hidden])');
    assert.match((await page.locator('.bundle p[role="alert"]').textContent()) ?? '', /GIT_PUSH_REJECTED/);
  });

  await check('an invalid host message is ignored and reported back as an error message', async () => {
    const before = await page.locator('.run-label').textContent();
    await hostPost(page, { kind: 'state', snapshot: { run: 'broken' } });
    await hostPost(page, { kind: 'launchMissiles' });
    await page.waitForTimeout(50);
    const errors = (await sent(page)).filter((m) => m.kind === 'error');
    assert.deepEqual(errors.map((e) => e.kind === 'error' && e.refusedKind), ['state', 'launchMissiles']);
    assert.equal(await page.locator('.run-label').textContent(), before);
    assert.equal(console.filter((c) => c.startsWith('warning: Fabric panel: ignoring')).length, 2);
  });

  await page.screenshot({ path: join(ARTIFACTS, 'panel-dark-after-actions.png'), fullPage: true });
  await page.context().close();

  await check('a running and an idle panel render their states', async () => {
    const { page: live } = await openPanel(browser, base, 'light');
    const running = snapshot({
      run: { status: 'running', traceId: TRACE_ID, sessionState: 'verifying', progress: 'Verifying 3 of 5 candidates (bwrap sandbox)…', goal: 'truncate test fails' },
      candidates: snapshot().candidates.map((c, i) => (i < 2 ? { ...c, winner: false } : { id: c.id, operator: c.operator, description: c.description, file: c.file, line: c.line, verdict: 'pending' as const, score: 0 })),
      bundle: null,
      approvals: [],
    });
    await hostPost(live, { kind: 'state', snapshot: running });
    await live.waitForSelector('.run-bar:not([hidden])');
    assert.equal(await live.locator('[data-action="explore-fix"]').getAttribute('disabled'), '');
    await live.screenshot({ path: join(ARTIFACTS, 'panel-light-running.png'), fullPage: true });
    await hostPost(live, { kind: 'state', snapshot: { run: { status: 'idle', traceId: null, sessionState: null, progress: '' }, candidates: [], bundle: null, approvals: [] } });
    await hostPost(live, { kind: 'events', traceId: 'none-yet', events: [], reset: true });
    await live.waitForSelector('.run-bar', { state: 'hidden' });
    assert.equal(await live.locator('.run-label').textContent(), 'No run yet');
    await live.screenshot({ path: join(ARTIFACTS, 'panel-light-idle.png'), fullPage: true });
    await live.context().close();
  });

  const wide = await openPanel(browser, base, 'light', 900);
  await wide.page.screenshot({ path: join(ARTIFACTS, 'panel-light-wide.png'), fullPage: true });
  await wide.page.context().close();
}

async function main(): Promise<void> {
  if (!existsSync(join(REPO, 'media/webview/main.js'))) throw new Error('media/webview/main.js is missing: run `node esbuild.mjs` first');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set FABRIC_CHROMIUM)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startHarnessServer(harnessData());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (const theme of ['light', 'dark'] as const) await themePass(browser, server.url, theme);
    await behaviourPass(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
  for (const r of results) process.stdout.write(`${r.ok ? '✔' : '✘'} ${r.name}${r.detail ? ` — ${r.detail}` : ''}\n`);
  process.stdout.write(`screenshots in ${ARTIFACTS}\n`);
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
