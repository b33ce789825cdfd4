/// <reference lib="dom" />
/**
 * Entry of the side-panel webview (bundled by esbuild as an IIFE into media/webview/main.js).
 * The host's HTML comes from html.ts; everything else is in app.ts.
 */
import './litNonce';
import { startPanel } from './app';
import { acquireApi } from './vscodeApi';

const root = document.getElementById('app');
if (root === null) throw new Error('Fabric panel: the page has no #app element');
startPanel({ api: acquireApi(), root, window });
