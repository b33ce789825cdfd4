/** Head-and-tail previews of long text, for events that keep the full text in a blob. */

/** Index moved so that it does not split a UTF-16 surrogate pair. */
function safeCut(text: string, index: number, towardStart: boolean): number {
  if (index <= 0 || index >= text.length) return index;
  const code = text.charCodeAt(index);
  const isLowSurrogate = code >= 0xdc00 && code <= 0xdfff;
  if (!isLowSurrogate) return index;
  return towardStart ? index - 1 : index + 1;
}

/**
 * At most `max` UTF-16 units of `text`: its start, a marker naming how much was left out and where
 * the full text is, and its end.
 */
export function headTailPreview(text: string, max: number, ref: string): string {
  const omittedGuess = text.length;
  const marker = (omitted: number): string => `\n…[${omitted} chars omitted; full text in ${ref}]…\n`;
  const room = Math.max(0, max - marker(omittedGuess).length);
  const headEnd = safeCut(text, Math.ceil(room / 2), true);
  const tailStart = safeCut(text, text.length - Math.floor(room / 2), false);
  const preview = `${text.slice(0, headEnd)}${marker(tailStart - headEnd)}${text.slice(tailStart)}`;
  return preview.length <= max ? preview : preview.slice(0, safeCut(preview, max, true));
}
