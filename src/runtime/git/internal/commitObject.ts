/**
 * Raw commit objects, byte for byte. Fabric renders and signs commits itself (rather than through
 * isomorphic-git's renderer) so that the signed payload is exactly the object minus `gpgsig`, which
 * is what git verifies; isomorphic-git's `readCommit().payload` is wrong for SSH signatures.
 */

/** Who and when, as git writes it in `author` / `committer` lines. */
export interface CommitIdentity {
  /** Display name (no `<`, `>` or newline). */
  name: string;
  /** E-mail address (no `<`, `>` or newline). */
  email: string;
  /** Seconds since the Unix epoch. */
  timestamp: number;
  /** Minutes west of UTC, as `Date.prototype.getTimezoneOffset()` returns (isomorphic-git's convention). */
  timezoneOffset: number;
}

/** `Name <email> 1700000000 +0100`. */
export function formatIdentity(id: CommitIdentity): string {
  const minutes = Math.abs(id.timezoneOffset);
  const sign = id.timezoneOffset > 0 ? '-' : '+';
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${id.name} <${id.email}> ${id.timestamp} ${sign}${hh}${mm}`;
}

/** The unsigned commit text: headers, blank line, message (which ends with a newline). */
export function renderCommit(c: { tree: string; parents: string[]; author: CommitIdentity; committer: CommitIdentity; message: string }): string {
  let text = `tree ${c.tree}\n`;
  for (const p of c.parents) text += `parent ${p}\n`;
  text += `author ${formatIdentity(c.author)}\ncommitter ${formatIdentity(c.committer)}\n`;
  return `${text}\n${c.message}`;
}

/** Inserts a `gpgsig` header (continuation lines indented by one space) at the end of the headers. */
export function insertSignature(unsigned: string, armored: string): string {
  const end = unsigned.indexOf('\n\n');
  const lines = armored.replace(/\n+$/, '').split('\n');
  return `${unsigned.slice(0, end + 1)}gpgsig ${lines.join('\n ')}\n${unsigned.slice(end + 1)}`;
}

/** A raw commit split into the signed payload and its signature headers. */
export interface SplitCommit {
  /** The object with every `gpgsig` / `gpgsig-sha256` header (and continuation lines) removed. */
  payload: Buffer;
  /** The armored signatures found, each ending with a newline. */
  signatures: string[];
}

/** Splits a raw commit object (bytes kept exactly: handled as latin1). */
export function splitSignature(raw: Uint8Array): SplitCommit {
  const text = Buffer.from(raw).toString('latin1');
  const end = text.indexOf('\n\n');
  const headerText = end === -1 ? text : text.slice(0, end);
  const rest = end === -1 ? '' : text.slice(end);
  const kept: string[] = [];
  const signatures: string[] = [];
  let current: string[] | null = null;
  for (const line of headerText.split('\n')) {
    if (current && line.startsWith(' ')) {
      current.push(line.slice(1));
      continue;
    }
    if (current) signatures.push(`${current.join('\n')}\n`);
    current = null;
    const m = /^(gpgsig|gpgsig-sha256) (.*)$/.exec(line);
    if (m) current = [m[2]];
    else kept.push(line);
  }
  if (current) signatures.push(`${current.join('\n')}\n`);
  return { payload: Buffer.from(kept.join('\n') + rest, 'latin1'), signatures: signatures.map((s) => Buffer.from(s, 'latin1').toString('utf8')) };
}
