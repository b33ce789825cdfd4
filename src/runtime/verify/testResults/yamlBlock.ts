/**
 * The YAML diagnostics of a TAP result (`  ---` … `  ...`), read as a flat map of top-level keys to
 * text. Only what TAP producers print is understood: plain and quoted scalars, block scalars
 * (`|`, `|-`, `>`), and nested blocks kept as dedented text. Anything else is kept verbatim.
 */
import { dedent, indentOf } from './text';

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      return value.slice(1, -1);
    }
  }
  return value;
}

export function parseYamlBlock(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (nonBlank.length === 0) return out;
  const base = Math.min(...nonBlank.map(indentOf));
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const m = indentOf(line) === base ? /^\s*([^\s:][^:]*):(?:\s+(.*))?$/.exec(line) : null;
    i += 1;
    if (!m) continue;
    const key = m[1].trim();
    const inline = (m[2] ?? '').trim();
    const nested: string[] = [];
    while (i < lines.length && (lines[i].trim() === '' || indentOf(lines[i]) > base)) {
      nested.push(lines[i]);
      i += 1;
    }
    if (/^[|>][+-]?$/.test(inline) || inline === '') {
      const text = dedent(nested);
      out[key] = inline.startsWith('>') ? text.replace(/\n(?!\n)/g, ' ') : text;
    } else {
      out[key] = unquote(inline);
    }
  }
  return out;
}
