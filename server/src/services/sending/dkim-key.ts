/**
 * Whether nodemailer can sign with a DKIM private key. It must be checked up front: nodemailer
 * signs with RSA only (`a=rsa-sha256`), and when its signer refuses the key it sends the message
 * unsigned without a word (dkim/sign.js returns false). See docs/architecture.md, "Composing".
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';

// RFC 8301 section 3.2: verifiers must not accept signatures made with keys under 1024 bits.
const MIN_RSA_BITS = 1024;

export type DkimKeyInspection = { ok: true; bits: number } | { ok: false; problem: string; fix: string };

export function inspectDkimKey(privateKey: string): DkimKeyInspection {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKey);
  } catch {
    // OpenSSL's reason ("DECODER routines::unsupported") tells a site owner nothing more.
    return {
      ok: false,
      problem: 'does not parse as a PEM private key',
      fix: 'Paste the whole key, from "-----BEGIN PRIVATE KEY-----" (or "RSA PRIVATE KEY") to its END line.',
    };
  }
  if (key.asymmetricKeyType !== 'rsa') {
    return {
      ok: false,
      problem: `is a ${key.asymmetricKeyType ?? 'non-RSA'} key, and nodemailer signs with RSA keys only`,
      fix: 'Generate one with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`.',
    };
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    return {
      ok: false,
      problem: `is an RSA key of ${bits} bits, and receivers ignore DKIM keys under ${MIN_RSA_BITS} bits`,
      fix: 'Use a 2048-bit RSA key.',
    };
  }
  return { ok: true, bits };
}

/** The "Test connection" line about a provider's key, safe to show: it never quotes the key. */
export function dkimKeyStatus(dkim: { domainName: string; keySelector: string; privateKey: string }) {
  const inspection = inspectDkimKey(dkim.privateKey);
  return inspection.ok
    ? {
        ok: true,
        message:
          `The DKIM private key parses (RSA, ${inspection.bits} bits); messages are signed for ` +
          `${dkim.keySelector}._domainkey.${dkim.domainName}.`,
      }
    : { ok: false, message: `The DKIM private key ${inspection.problem}. ${inspection.fix}` };
}
