/**
 * Git trailers (`Key: value` lines in the last paragraph of a commit message). The first paragraph
 * (the subject) never holds trailers, as in git. Stricter than git: every line of the last
 * paragraph must be a trailer or a continuation (a line starting with whitespace), else there are
 * none. Keys are case-preserved; a repeated key keeps its first value.
 */
export function parseTrailers(message: string): Record<string, string> {
  const paragraphs = message.replace(/\r/g, '').trimEnd().split(/\n[ \t]*\n/);
  const out: Record<string, string> = {};
  if (paragraphs.length < 2) return out;
  const lines = paragraphs[paragraphs.length - 1].split('\n');
  const pairs: [string, string][] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && pairs.length > 0) {
      pairs[pairs.length - 1][1] += ` ${line.trim()}`;
      continue;
    }
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!m) return {};
    pairs.push([m[1], m[2].trim()]);
  }
  for (const [key, value] of pairs) if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = value;
  return out;
}
