import nacl from 'tweetnacl';
import type { Ed25519Key } from '../keys/types';
import { canonicalJson } from '../util/canonicalJson';
import { pae } from './pae';
import { IN_TOTO_PAYLOAD_TYPE, type DsseEnvelope, type InTotoStatement } from './types';

/**
 * Wraps a statement in a DSSE envelope signed by `key` (normally the release key). The payload is
 * the statement's canonical JSON; the signature covers PAE(payloadType, payload).
 */
export function signDsse(statement: InTotoStatement, key: Ed25519Key): DsseEnvelope {
  const body = Buffer.from(canonicalJson(statement), 'utf8');
  const sig = nacl.sign.detached(pae(IN_TOTO_PAYLOAD_TYPE, body), key.secretKey);
  return { payloadType: IN_TOTO_PAYLOAD_TYPE, payload: body.toString('base64'), signatures: [{ keyid: key.keyid, sig: Buffer.from(sig).toString('base64') }] };
}
