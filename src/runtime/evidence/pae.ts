/** DSSE pre-authentication encoding: `DSSEv1 <len(type)> <type> <len(body)> <body>`, lengths in bytes. */
export function pae(type: string, body: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${typeBytes.length} `, 'utf8'), typeBytes, Buffer.from(` ${body.length} `, 'utf8'), Buffer.from(body)]);
}
