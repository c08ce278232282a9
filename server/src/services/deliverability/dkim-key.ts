import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * DKIM keys as DNS publishes them (RFC 6376 section 3.6.1): `p=` is the base64 of the RSA key's
 * SubjectPublicKeyInfo, or of the raw 32-byte key for Ed25519 (RFC 8463 section 4.2). Pure.
 */
export type DkimKeyType = 'rsa' | 'ed25519';

export interface DkimPublicKey {
  type: DkimKeyType;
  /** The `p=` value to publish. */
  p: string;
}

/** The public half of a configured private key, or a sentence saying why it has none. */
export function publicKeyOf(privateKey: string): DkimPublicKey | string {
  let key: KeyObject;
  try {
    key = createPublicKey(privateKey);
  } catch {
    return 'The configured DKIM private key does not parse as a PEM key.';
  }
  const type = key.asymmetricKeyType;
  if (type === 'rsa') return { type, p: key.export({ type: 'spki', format: 'der' }).toString('base64') };
  if (type === 'ed25519') {
    const raw = Buffer.from(key.export({ format: 'jwk' }).x ?? '', 'base64url');
    return { type, p: raw.toString('base64') };
  }
  return `DKIM keys are RSA or Ed25519; the configured key is ${type ?? 'of an unknown type'}.`;
}

/** `v=DKIM1; k=rsa; p=...`: the record to publish at `<selector>._domainkey.<domain>`. */
export function dkimRecord(key: DkimPublicKey): string {
  return `v=DKIM1; k=${key.type}; p=${key.p}`;
}

/** Tag=value pairs (section 3.2); whitespace inside a value (a folded base64 key) is dropped. */
export function parseTags(txt: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of txt.split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    const name = part.slice(0, at).trim().toLowerCase();
    if (name && !tags.has(name)) tags.set(name, part.slice(at + 1).replace(/\s+/g, ''));
  }
  return tags;
}

/** A TXT value is a DKIM key record when it has a p= tag and, if it has v=, that is DKIM1 and comes first. */
export function isDkimRecord(txt: string): boolean {
  const tags = parseTags(txt);
  if (!tags.has('p')) return false;
  return !tags.has('v') || (tags.get('v') === 'DKIM1' && /^\s*v\s*=/i.test(txt));
}

/**
 * Whether the published `p=` holds the same key. RSA keys are compared as keys, not text, so a
 * record that carries the bare PKCS#1 RSAPublicKey (which some tools publish) still matches.
 */
export function samePublicKey(published: string, expected: DkimPublicKey): boolean {
  if (expected.type === 'ed25519') return published === expected.p;
  const der = Buffer.from(published, 'base64');
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      return key.export({ type: 'spki', format: 'der' }).toString('base64') === expected.p;
    } catch {
      // Not this encoding; try the next.
    }
  }
  return false;
}
