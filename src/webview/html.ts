/**
 * The panel's HTML document, for the host's `WebviewViewProvider` (pure: no `vscode` import).
 *
 * The CSP is exactly `default-src 'none'; script-src 'nonce-…'; style-src <cspSource> 'nonce-…';
 * font-src <cspSource>; img-src <cspSource> data:` — no inline script or style, no eval. The app
 * works within it: components style themselves with constructable stylesheets (not governed by
 * CSP), sizes set from code go through the CSSOM, validators are precompiled.
 *
 * The codicon stylesheet carries the id `vscode-codicon-stylesheet`: @vscode-elements' icon
 * component finds it by that id (and copies its nonce) to use the font inside shadow roots.
 */
import { FabricError } from '../runtime/errors';

export interface PanelHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce per render: base64 or hex of at least 16 random bytes (`crypto.randomBytes`). */
  nonce: string;
  /** `webview.asWebviewUri(media/webview/main.js)`. */
  scriptUri: string;
  /** `webview.asWebviewUri(...)` of each stylesheet, in order (media/webview.css at least). */
  styleUris: string[];
  /** `webview.asWebviewUri(...)` of codicon.css (its codicon.ttf beside it). */
  codiconsUri: string;
}

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
/** A CSP source list: no `;`, `,`, quotes or control characters that could end or inject a directive. */
// Host sources, plus the one keyword VS Code itself puts in webview.cspSource (`'self' https://*.vscode-cdn.net`);
// other keywords ('unsafe-inline', 'unsafe-eval' …) are refused.
const CSP_SOURCE = /^([^;,'"\s<>\\]+|'self')( ([^;,'"\s<>\\]+|'self'))*$/;

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function checkUri(name: string, uri: string): string {
  if (uri.length === 0 || /[\s"'<>]/.test(uri) || /^(javascript|data):/i.test(uri)) {
    throw new FabricError('USAGE_INVALID', `renderPanelHtml: ${name} is not a usable URI`, { data: { field: name } });
  }
  return escapeAttr(uri);
}

/** The Content-Security-Policy of the panel for `cspSource` and `nonce`. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/** The full HTML document of the Fabric side panel. Throws `USAGE_INVALID` on unsafe input. */
export function renderPanelHtml(input: PanelHtmlInput): string {
  if (!NONCE.test(input.nonce)) throw new FabricError('USAGE_INVALID', 'renderPanelHtml: the nonce must be at least 16 base64/hex characters', { data: { field: 'nonce' } });
  if (!CSP_SOURCE.test(input.cspSource)) throw new FabricError('USAGE_INVALID', 'renderPanelHtml: cspSource is not a CSP source list', { data: { field: 'cspSource' } });
  const nonce = input.nonce;
  const styles = input.styleUris.map((uri, i) => `    <link rel="stylesheet" href="${checkUri(`styleUris[${i}]`, uri)}" nonce="${nonce}">`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="UTF-8">',
    `    <meta http-equiv="Content-Security-Policy" content="${escapeAttr(panelCsp(input.cspSource, nonce))}">`,
    '    <meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `    <link rel="stylesheet" id="vscode-codicon-stylesheet" href="${checkUri('codiconsUri', input.codiconsUri)}" nonce="${nonce}">`,
    ...styles,
    '    <title>Fabric</title>',
    '  </head>',
    '  <body>',
    '    <main id="app" class="fabric-panel"></main>',
    `    <script nonce="${nonce}" src="${checkUri('scriptUri', input.scriptUri)}"></script>`,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}
