/// <reference lib="dom" />
/**
 * A tiny element builder. Text goes in through `textContent` only — never `innerHTML` — because
 * event summaries, goals and file names come from the repository and are hostile input.
 * No inline `style` attributes either (the CSP forbids them); sizes set from code use the CSSOM.
 */

type Child = Node | string | null | undefined | false;

export interface ElementProps {
  className?: string;
  text?: string;
  title?: string;
  /** Attributes (set with setAttribute). `true` sets an empty attribute, `false`/undefined omits it. */
  attrs?: Record<string, string | boolean | undefined>;
  /** Event listeners. */
  on?: Partial<Record<string, (event: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className !== undefined) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title !== undefined) el.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === true) el.setAttribute(name, '');
    else if (typeof value === 'string') el.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    if (listener !== undefined) el.addEventListener(type, listener);
  }
  append(el, children);
  return el;
}

function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A codicon (`<span class="codicon codicon-NAME">`), hidden from screen readers. */
export function icon(name: string, extraClass = ''): HTMLSpanElement {
  return h('span', { className: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/** Sets a boolean attribute (`disabled`, `open`, …) to match `on`. */
export function toggleAttr(el: Element, name: string, on: boolean): void {
  if (on) el.setAttribute(name, '');
  else el.removeAttribute(name);
}
