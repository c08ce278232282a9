import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  dkimRecord,
  isDkimRecord,
  parseTags,
  publicKeyOf,
  samePublicKey,
} from '../../server/src/services/deliverability/dkim-key';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('DKIM keys', () => {
  it('derives the p= of an RSA key (SPKI) and of an Ed25519 key (raw 32 bytes)', () => {
    const key = publicKeyOf(rsaPem);
    expect(key).toEqual({ type: 'rsa', p: rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') });
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const edKey = publicKeyOf(ed);
    expect(typeof edKey !== 'string' && Buffer.from(edKey.p, 'base64').length).toBe(32);
    expect(typeof key !== 'string' && dkimRecord(key)).toMatch(/^v=DKIM1; k=rsa; p=MII/);
  });

  it('says so when the configured key does not parse', () => {
    expect(publicKeyOf('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----')).toMatch(/does not parse/);
  });

  it('matches the same key published as SPKI or as a bare PKCS#1 RSAPublicKey, and no other', () => {
    const key = publicKeyOf(rsaPem);
    if (typeof key === 'string') throw new Error(key);
    const pkcs1 = createPublicKey(rsaPem).export({ type: 'pkcs1', format: 'der' }).toString('base64');
    expect(samePublicKey(key.p, key)).toBe(true);
    expect(samePublicKey(pkcs1, key)).toBe(true);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(samePublicKey(other.export({ type: 'spki', format: 'der' }).toString('base64'), key)).toBe(false);
    expect(samePublicKey('not base64 at all', key)).toBe(false);
  });

  it('reads tags with folded whitespace and recognises key records', () => {
    expect(parseTags('v=DKIM1; k=rsa;\t p=MIIB Ag\r\n  AB;').get('p')).toBe('MIIBAgAB');
    expect(isDkimRecord('v=DKIM1; p=abc')).toBe(true);
    expect(isDkimRecord('k=rsa; p=abc')).toBe(true);
    expect(isDkimRecord('k=rsa; v=DKIM1; p=abc')).toBe(false);
    expect(isDkimRecord('v=spf1 -all')).toBe(false);
  });
});
