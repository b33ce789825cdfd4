/// <reference lib="dom" />
/** The webview's handle on VS Code: `acquireVsCodeApi()` may be called once per page load. */

/** What `acquireVsCodeApi()` returns (the subset the panel uses). */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** Calls `acquireVsCodeApi()` (call this once, in main.ts, and pass the result around). */
export function acquireApi(): VsCodeApi {
  const acquire = (globalThis as { acquireVsCodeApi?: () => VsCodeApi }).acquireVsCodeApi;
  if (typeof acquire !== 'function') throw new Error('acquireVsCodeApi is not defined: the Fabric panel runs only inside a VS Code webview');
  return acquire();
}
