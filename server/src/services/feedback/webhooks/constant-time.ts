/**
 * Comparing a secret from a request with the configured ones without the time taken telling
 * an attacker how much of it was right (or which of several secrets came closest).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** True when `given` equals one of `secrets`; empty secrets never match. */
export function matchesSecret(secrets: readonly string[], given: string): boolean {
  // Hashing first gives equal lengths, so timingSafeEqual applies and the length stays hidden.
  const givenDigest = digest(given);
  let matched = false;
  for (const secret of secrets) {
    if (secret && timingSafeEqual(digest(secret), givenDigest)) matched = true;
  }
  return matched;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
