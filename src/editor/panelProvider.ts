/**
 * The Fabric side panel (`fabric.panel`, a webview view). STYLE §11: CSP with a fresh nonce from
 * `crypto.randomBytes` on every render, `localResourceRoots` limited to `media/`, nothing posted
 * before the webview says `ready`, every incoming message validated by the protocol's parser,
 * every request answered by id. State lives in the host ({@link HostState}), so hiding or
 * reloading the panel loses nothing: each `ready` gets a full snapshot and the whole timeline.
 * Live events are batched (at most every 100 ms, {@link LIMITS.eventsPerMessage} per message).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderPanelHtml } from '../webview/html';
import { LIMITS, parseHostMessage, type HostToWebview, type TimelineEvent } from '../webview/protocol';
import { PANEL_VIEW_ID } from './commandIds';
import { EventBatcher } from './eventBatcher';
import type { HostState, TimelineUpdate } from './hostState';
import type { FabricOutput } from './output';
import { routePanelMessage, type PanelHandlers } from './panelRouting';

/** What the host does for the panel's requests and links; the provider handles the rest itself. */
export type PanelActions = Omit<PanelHandlers, 'ready' | 'requestState' | 'setFilter' | 'webviewError'>;

const FLUSH_MS = 100;

export class FabricPanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private snapshotDirty = false;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private readonly batcher: EventBatcher<TimelineEvent>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly state: HostState,
    private readonly actions: PanelActions,
    private readonly output: FabricOutput,
    /** Called when a panel says `ready` (e.g. to load the last run after a reload). */
    private readonly onReady: () => void = () => undefined,
  ) {
    this.batcher = new EventBatcher<TimelineEvent>((rows) => this.deliver(rows), { delayMs: FLUSH_MS, maxBatch: LIMITS.eventsPerMessage });
    this.unsubscribe.push(
      state.onChange(() => this.markDirty()),
      state.onTimeline((u) => this.onTimeline(u)),
    );
  }

  static register(provider: FabricPanelProvider): vscode.Disposable {
    return vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, provider);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = this.html(view.webview, media);
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const uri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(media, ...parts)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: uri('webview', 'main.js'),
      styleUris: [uri('webview.css')],
      codiconsUri: uri('webview', 'codicons', 'codicon.css'),
    });
  }

  private receive(raw: unknown): void {
    void routePanelMessage(
      raw,
      {
        ...this.actions,
        ready: () => {
          this.ready = true;
          this.sendAll();
          this.onReady();
        },
        requestState: () => this.sendAll(),
        setFilter: () => undefined,
        webviewError: () => undefined,
      },
      { post: (m) => this.post(m), log: (line) => this.output.line(line) },
    );
  }

  /** Posts a message (validated first: a host bug is logged, never sent). */
  private post(message: HostToWebview): void {
    if (!this.view || !this.ready) return;
    const checked = parseHostMessage(message);
    if (!checked.ok) {
      this.output.line(`panel: not sending an invalid '${message.kind}' message: ${checked.error.message}`);
      return;
    }
    void this.view.webview.postMessage(message);
  }

  /** The full picture: a snapshot and the whole timeline of the current trace. */
  private sendAll(): void {
    this.batcher.flush();
    this.snapshotDirty = false;
    this.post({ kind: 'state', snapshot: this.state.snapshot() });
    const full = this.state.fullTimeline();
    if (full) this.sendRows(full.traceId, full.rows, true);
  }

  private sendRows(traceId: string, rows: TimelineEvent[], reset: boolean): void {
    if (rows.length === 0 && reset) {
      this.post({ kind: 'events', traceId, events: [], reset: true });
      return;
    }
    for (let i = 0; i < rows.length; i += LIMITS.eventsPerMessage) {
      this.post({ kind: 'events', traceId, events: rows.slice(i, i + LIMITS.eventsPerMessage), ...(reset && i === 0 ? { reset: true } : {}) });
    }
  }

  private onTimeline(u: TimelineUpdate): void {
    if (!this.ready) return;
    if (u.reset) {
      this.batcher.flush();
      this.sendRows(u.traceId, u.rows, true);
      return;
    }
    for (const row of u.rows) this.batcher.push(row);
    this.markDirty();
  }

  private deliver(rows: TimelineEvent[]): void {
    this.flushSnapshot();
    const traceId = this.state.run.traceId;
    if (traceId) this.sendRows(traceId, rows, false);
  }

  private markDirty(): void {
    if (!this.ready) return;
    if (!this.snapshotDirty) {
      this.snapshotDirty = true;
      setTimeout(() => this.flushSnapshot(), FLUSH_MS);
    }
  }

  private flushSnapshot(): void {
    if (!this.snapshotDirty) return;
    this.snapshotDirty = false;
    this.post({ kind: 'state', snapshot: this.state.snapshot() });
  }

  private disposeView(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposeView();
    this.batcher.dispose();
    for (const u of this.unsubscribe.splice(0)) u();
    this.view = undefined;
  }
}
