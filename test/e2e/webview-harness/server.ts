/**
 * Serves the side panel the way a VS Code webview would, without VS Code: the page is
 * `renderPanelHtml()` itself (so its CSP is the real one), the theme variables and VS Code's
 * default webview styles come first, and fakeHost.js stands in for the extension host.
 *
 *   /                      the panel page (?theme=light|dark, ?delay=<reply ms>)
 *   /media/…               the repo's media/ (webview.css, webview/main.js)
 *   /codicons/…            @vscode/codicons/dist
 *   /harness/…             this folder (fakeHost.js, themes/)
 *   /harness/data.js       the snapshot and events the fake host posts
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { renderPanelHtml } from '../../../src/webview/html';
import type { TimelineEvent, ViewSnapshot } from '../../../src/webview/protocol';

const REPO = join(__dirname, '../../..');
const ROOTS: Record<string, string> = {
  media: join(REPO, 'media'),
  codicons: join(REPO, 'node_modules/@vscode/codicons/dist'),
  harness: __dirname,
};
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface HarnessData {
  traceId: string;
  snapshot: ViewSnapshot;
  events: TimelineEvent[];
}

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

function page(origin: string, theme: string): string {
  const nonce = randomBytes(16).toString('base64');
  const html = renderPanelHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/media/webview/main.js`,
    styleUris: [`${origin}/harness/themes/webview-defaults.css`, `${origin}/harness/themes/${theme}.css`, `${origin}/media/webview.css`],
    codiconsUri: `${origin}/codicons/codicon.css`,
  });
  // The editor marks the theme kind on <body>; the fake host must run before the bundle.
  const fake = `<script nonce="${nonce}" src="${origin}/harness/data.js"></script>\n    <script nonce="${nonce}" src="${origin}/harness/fakeHost.js"></script>\n    <script nonce=`;
  return html.replace('<body>', `<body class="vscode-${theme}" data-vscode-theme-kind="vscode-${theme}">`).replace('<script nonce=', fake);
}

function staticFile(pathname: string): { body: Buffer; type: string } | undefined {
  const [, root, ...rest] = pathname.split('/');
  const base = ROOTS[root];
  if (base === undefined) return undefined;
  const file = normalize(join(base, ...rest));
  if (!file.startsWith(base + sep)) return undefined;
  try {
    if (!statSync(file).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
}

/** Starts the harness server on a free local port. */
export async function startHarnessServer(data: HarnessData): Promise<HarnessServer> {
  const dataJs = Buffer.from(`window.fabricHarnessData = ${JSON.stringify(data)};\n`);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    if (url.pathname === '/') {
      const theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page(origin, theme));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/harness/data.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(dataJs);
      return;
    }
    const file = staticFile(url.pathname);
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
