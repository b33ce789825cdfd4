// A stand-in for the extension host, loaded (with the page's nonce) before the panel bundle.
// It provides acquireVsCodeApi(), answers the panel's messages the way src/editor/ will, and
// records everything for run.ts to check. Data comes from data.js (window.fabricHarnessData).
/* global window, document, sessionStorage, setTimeout, structuredClone */
(() => {
  'use strict';
  const data = window.fabricHarnessData;
  const params = new URLSearchParams(window.location.search);
  const replyDelayMs = Number(params.get('delay') ?? '300');
  const batch = 2000;
  const STORAGE_KEY = 'fabric-harness-state';

  const harness = {
    /** Every message the panel posted, in order. */
    sent: [],
    /** Every CSP violation the page reported. */
    cspViolations: [],
    /** How many times acquireVsCodeApi() was called. */
    acquireCalls: 0,
    /** Set when the panel said ready. */
    readyAt: undefined,
    snapshot: structuredClone(data.snapshot),
    /** Posts a message to the panel as the host would. */
    post: (message) => window.postMessage(message, '*'),
  };
  window.fabricHarness = harness;

  document.addEventListener('securitypolicyviolation', (e) => {
    harness.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });

  const sendState = () => harness.post({ kind: 'state', snapshot: harness.snapshot });
  const sendEvents = () => {
    for (let i = 0; i < data.events.length; i += batch) {
      harness.post({ kind: 'events', traceId: data.traceId, events: data.events.slice(i, i + batch), reset: i === 0 });
    }
  };
  const setApproval = (id, change) => {
    harness.snapshot = { ...harness.snapshot, approvals: harness.snapshot.approvals.map((a) => (a.id === id ? { ...a, ...change } : a)) };
  };
  const later = (fn) => setTimeout(fn, replyDelayMs);

  function handle(message) {
    switch (message.kind) {
      case 'ready':
        harness.readyAt = performance.now();
        sendState();
        sendEvents();
        break;
      case 'requestState':
        sendState();
        sendEvents();
        break;
      case 'approve':
        later(() => {
          setApproval(message.approvalId, { status: 'approved' });
          harness.post({ kind: 'reply', requestId: message.requestId, ok: true });
          sendState();
        });
        break;
      case 'deny':
        later(() => {
          setApproval(message.approvalId, { status: 'denied', reason: message.reason });
          harness.post({ kind: 'reply', requestId: message.requestId, ok: true });
          sendState();
        });
        break;
      case 'push':
        later(() =>
          harness.post({
            kind: 'reply',
            requestId: message.requestId,
            ok: false,
            error: { code: 'GIT_PUSH_REJECTED', message: 'The remote rejected the push (non-fast-forward). Nothing was changed.' },
          }),
        );
        break;
      case 'exploreFix':
        later(() => harness.post({ kind: 'reply', requestId: message.requestId, ok: true }));
        break;
      default:
        // openDiff, openBundle, openEventLog, setFilter, error: recorded only.
        break;
    }
  }

  window.acquireVsCodeApi = () => {
    harness.acquireCalls += 1;
    if (harness.acquireCalls > 1) throw new Error('An instance of the VS Code API has already been acquired');
    return {
      postMessage(message) {
        harness.sent.push(structuredClone(message));
        handle(message);
      },
      getState() {
        const raw = sessionStorage.getItem(STORAGE_KEY);
        return raw === null ? undefined : JSON.parse(raw);
      },
      setState(state) {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
      },
    };
  };
})();
