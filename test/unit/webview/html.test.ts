import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../src/runtime/errors';
import { panelCsp, renderPanelHtml, type PanelHtmlInput } from '../../../src/webview/html';

const NONCE = 'q8Fz2Jd0Yb3mXv7PwK1sTg';
const SOURCE = 'https://*.vscode-cdn.net';
const input: PanelHtmlInput = {
  cspSource: SOURCE,
  nonce: NONCE,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/webview/main.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.css'],
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/codicons/codicon.css',
};

/** Every `<tag …>` of `html` with its attributes (a small parser for this well-formed document). */
function tags(html: string, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1]] = a[2] ?? '';
    out.push(attrs);
  }
  return out;
}

const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('#renderPanelHtml', () => {
  const html = renderPanelHtml(input);

  describe('the Content-Security-Policy', () => {
    const metas = tags(html, 'meta').filter((m) => m['http-equiv'] === 'Content-Security-Policy');
    it('is set once, by a meta tag in the head before any resource', () => {
      assert.equal(metas.length, 1);
      assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
    });
    it('is exactly the panel policy', () => {
      const csp = unescape(metas[0].content);
      assert.equal(csp, `default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${SOURCE} 'nonce-${NONCE}'; font-src ${SOURCE}; img-src ${SOURCE} data:`);
      assert.equal(csp, panelCsp(SOURCE, NONCE));
    });
    it('allows no inline code and no eval', () => {
      const csp = unescape(metas[0].content);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*(?!\.)/);
    });
  });

  describe('nonce placement', () => {
    it('puts the nonce on the one script, which loads the bundle from scriptUri', () => {
      const scripts = tags(html, 'script');
      assert.equal(scripts.length, 1);
      assert.equal(scripts[0].nonce, NONCE);
      assert.equal(scripts[0].src, input.scriptUri);
    });
    it('has no inline script or style and no style attribute', () => {
      assert.match(html, /<script[^>]*><\/script>/);
      assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/i);
    });
    it('links the codicons with the id the icon component looks for, then each stylesheet in order', () => {
      const links = tags(html, 'link');
      assert.deepEqual(
        links.map((l) => [l.id ?? '', l.href, l.nonce]),
        [['vscode-codicon-stylesheet', input.codiconsUri, NONCE], ...input.styleUris.map((u) => ['', u, NONCE])],
      );
    });
    it('uses the nonce it is given (a fresh one per render)', () => {
      const other = renderPanelHtml({ ...input, nonce: 'Zm9vYmFyYmF6cXV4cXV1eA==' });
      assert.ok(other.includes("'nonce-Zm9vYmFyYmF6cXV4cXV1eA=='"));
      assert.ok(!other.includes(NONCE));
    });
  });

  it('has the #app root the bundle renders into', () => {
    assert.match(html, /<main id="app"/);
  });

  describe('when given unsafe input', () => {
    const refuses = (patch: Partial<PanelHtmlInput>, field: string): void => {
      assert.throws(
        () => renderPanelHtml({ ...input, ...patch }),
        (e: unknown) => isFabricError(e, 'USAGE_INVALID') && e.data?.field === field,
      );
    };
    it('refuses a short or malformed nonce', () => {
      refuses({ nonce: 'abc' }, 'nonce');
      refuses({ nonce: `${NONCE}' 'unsafe-inline` }, 'nonce');
    });
    it("accepts the value VS Code and code-server pass: 'self' plus the CDN host", () => {
      const html = renderPanelHtml({ ...input, cspSource: "'self' https://*.vscode-cdn.net" });
      assert.match(html, /style-src 'self' https:\/\/\*\.vscode-cdn\.net 'nonce-/);
    });

    it('refuses a cspSource that would inject a directive', () => {
      refuses({ cspSource: `${SOURCE}; script-src *` }, 'cspSource');
      refuses({ cspSource: `'unsafe-inline'` }, 'cspSource');
    });
    it('refuses a URI that would break out of its attribute', () => {
      refuses({ scriptUri: 'x.js" onload="alert(1)' }, 'scriptUri');
      refuses({ styleUris: ['ok.css', 'javascript:alert(1)'] }, 'styleUris[1]');
      refuses({ codiconsUri: '' }, 'codiconsUri');
    });
  });
});
