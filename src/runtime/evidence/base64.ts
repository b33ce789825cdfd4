/**
 * Strict base64: Node's decoder skips junk and ignores trailing bits, so two spellings could
 * decode to the same bytes. Only the one canonical spelling is accepted.
 */
export function decodeCanonicalBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}
