/// <reference lib="dom" />
/** What every view gets: the store, and the two ways of talking to the host. */
import type { RequestMessage, WebviewToHost } from '../protocol';
import type { PanelState, Store } from '../store';

/** A request without its id: {@link ViewContext.request} assigns one. */
export type RequestWithoutId = RequestMessage extends infer M ? (M extends RequestMessage ? Omit<M, 'requestId'> : never) : never;

export interface ViewContext {
  store: Store;
  /** Posts a message that expects no reply. */
  post(message: WebviewToHost): void;
  /** Posts a request with a fresh id and tracks it (buttons disable) until its reply or timeout. */
  request(message: RequestWithoutId): void;
}

/** A section of the panel: one root element, updated in place from the state. */
export interface View {
  readonly element: HTMLElement;
  update(state: PanelState, previous: PanelState | undefined): void;
}
