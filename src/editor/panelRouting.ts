/**
 * Routing of the side panel's messages (STYLE §11): every message is validated with the protocol's
 * parser first; an invalid one is logged and never answered (so a disagreement cannot loop); each
 * request (`approve`, `deny`, `push`, `exploreFix`) gets exactly one `reply` with its id, whatever
 * its handler does. The handler table is exhaustive over the protocol's message kinds.
 * No `vscode` import.
 */
import { asFabricError } from '../runtime/errors';
import {
  LIMITS,
  parseWebviewMessage,
  type ApproveMessage,
  type DenyMessage,
  type ErrorMessage,
  type ErrorView,
  type ExploreFixMessage,
  type HostToWebview,
  type OpenBundleMessage,
  type OpenDiffMessage,
  type OpenEventLogMessage,
  type PushMessage,
  type ReplyMessage,
  type SetFilterMessage,
  type WebviewToHost,
} from '../webview/protocol';
import { clipText } from './timelineEvent';

/** What the host does for each message. Request handlers resolve when the request is done. */
export interface PanelHandlers {
  ready(): void | Promise<void>;
  requestState(): void | Promise<void>;
  approve(m: ApproveMessage): Promise<void>;
  deny(m: DenyMessage): Promise<void>;
  push(m: PushMessage): Promise<void>;
  exploreFix(m: ExploreFixMessage): Promise<void>;
  openDiff(m: OpenDiffMessage): void | Promise<void>;
  openBundle(m: OpenBundleMessage): void | Promise<void>;
  openEventLog(m: OpenEventLogMessage): void | Promise<void>;
  setFilter(m: SetFilterMessage): void | Promise<void>;
  /** The webview refused a message of ours. */
  webviewError(m: ErrorMessage): void | Promise<void>;
}

export interface PanelRoutingIo {
  post(message: HostToWebview): void;
  /** Problems worth a line in the output channel (invalid messages, failed non-request handlers). */
  log(line: string): void;
}

/** The error a reply carries, bounded by the protocol's limits. */
export function errorViewOf(e: unknown): ErrorView {
  const err = asFabricError(e);
  return { code: clipText(err.code, LIMITS.label), message: clipText(err.message, LIMITS.text) };
}

export function replyTo(requestId: string, outcome: { ok: true } | { ok: false; error: ErrorView }): ReplyMessage {
  return outcome.ok ? { kind: 'reply', requestId, ok: true } : { kind: 'reply', requestId, ok: false, error: outcome.error };
}

async function answer(requestId: string, io: PanelRoutingIo, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    io.post(replyTo(requestId, { ok: true }));
  } catch (e) {
    io.post(replyTo(requestId, { ok: false, error: errorViewOf(e) }));
  }
}

async function quietly(kind: string, io: PanelRoutingIo, run: () => void | Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    const err = errorViewOf(e);
    io.log(`panel: '${kind}' failed: ${err.code}: ${err.message}`);
  }
}

/** Validates one raw message from the webview and runs its handler. Never throws. */
export async function routePanelMessage(raw: unknown, handlers: PanelHandlers, io: PanelRoutingIo): Promise<WebviewToHost | undefined> {
  const parsed = parseWebviewMessage(raw);
  if (!parsed.ok) {
    io.log(`panel: refused an invalid message: ${parsed.error.message}`);
    return undefined;
  }
  const m = parsed.value;
  switch (m.kind) {
    case 'ready':
      await quietly(m.kind, io, () => handlers.ready());
      break;
    case 'requestState':
      await quietly(m.kind, io, () => handlers.requestState());
      break;
    case 'approve':
      await answer(m.requestId, io, () => handlers.approve(m));
      break;
    case 'deny':
      await answer(m.requestId, io, () => handlers.deny(m));
      break;
    case 'push':
      await answer(m.requestId, io, () => handlers.push(m));
      break;
    case 'exploreFix':
      await answer(m.requestId, io, () => handlers.exploreFix(m));
      break;
    case 'openDiff':
      await quietly(m.kind, io, () => handlers.openDiff(m));
      break;
    case 'openBundle':
      await quietly(m.kind, io, () => handlers.openBundle(m));
      break;
    case 'openEventLog':
      await quietly(m.kind, io, () => handlers.openEventLog(m));
      break;
    case 'setFilter':
      await quietly(m.kind, io, () => handlers.setFilter(m));
      break;
    case 'error':
      io.log(`panel: the webview refused a message: ${m.message}`);
      await quietly(m.kind, io, () => handlers.webviewError(m));
      break;
    default: {
      const unreachable: never = m;
      return unreachable;
    }
  }
  return m;
}
