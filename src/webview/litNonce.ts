/// <reference lib="dom" />
/**
 * Imported first by main.ts. Lit adopts component styles as constructable stylesheets, which a
 * CSP does not govern; where a browser lacks them it falls back to `<style>` elements, which the
 * panel's CSP admits only with the page's nonce. Lit reads that nonce from `window.litNonce`.
 */
const script = document.currentScript;
if (script instanceof HTMLScriptElement && script.nonce) {
  (globalThis as { litNonce?: string }).litNonce = script.nonce;
}
