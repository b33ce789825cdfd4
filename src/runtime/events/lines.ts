/**
 * Splits the text of an event log into lines and parses each, separating a torn tail. Shared by
 * `readEventLog` (throws) and `verifyEventLog` (reports).
 *
 * A torn tail is the last line when it has no trailing newline (an append cut short), or when the
 * last line does not parse. It is reported, never used. An unparseable line with more lines after
 * it is not a torn write; scanning stops there and reports it as `invalid`.
 */

/** One raw line; `line` is 1-based. */
export interface RawLine {
  line: number;
  text: string;
}

export interface ScannedLines {
  /** Parsed lines, in order, up to (not including) `invalid` or `torn`. */
  entries: Array<RawLine & { value: unknown }>;
  /** A cut-short or unparseable last line. */
  torn: RawLine | null;
  /** The first unparseable line that is not the last one. */
  invalid: (RawLine & { error: unknown }) | null;
}

export function scanEventLines(content: string): ScannedLines {
  const out: ScannedLines = { entries: [], torn: null, invalid: null };
  if (content.length === 0) return out;
  const pieces = content.split('\n');
  const last = pieces.pop() as string; // '' when the content ends with a newline
  if (last.length > 0) out.torn = { line: pieces.length + 1, text: last };
  for (let i = 0; i < pieces.length; i++) {
    const text = pieces[i];
    const line = i + 1;
    try {
      out.entries.push({ line, text, value: JSON.parse(text) });
    } catch (error) {
      const isLast = i === pieces.length - 1 && out.torn === null;
      if (isLast) out.torn = { line, text };
      else {
        out.invalid = { line, text, error };
        out.torn = null;
      }
      return out;
    }
  }
  return out;
}
