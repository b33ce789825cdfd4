/** Writing trailers (`Key: value` lines) into commit messages. */

/** Appends `Key: value` lines after a blank line; keys must be tokens and values single lines. */
export function formatTrailers(trailers: Record<string, string>): string {
  return Object.entries(trailers)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
}

/** The bad keys or values of a trailer map (empty if all are fine). */
export function invalidTrailers(trailers: Record<string, string>): string[] {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(trailers)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(k)) bad.push(`/trailers/${k}`);
    else if (/[\r\n]/.test(v) || v.trim() !== v) bad.push(`/trailers/${k}`);
  }
  return bad;
}
