import type { Check } from './check';
import { DnsTemporaryError, type DnsLookup } from './dns-lookup';
import { dkimRecord, isDkimRecord, parseTags, publicKeyOf, samePublicKey } from './dkim-key';

export interface DkimSettings {
  keySelector: string;
  privateKey: string;
  domainName: string;
}

/** Whether `<selector>._domainkey.<domain>` publishes the public half of the configured key. */
export async function checkDkim(dkim: DkimSettings | null | undefined, dns: DnsLookup): Promise<Check> {
  if (!dkim?.privateKey || !dkim.keySelector || !dkim.domainName) {
    return {
      status: 'not-configured',
      name: null,
      found: null,
      fix: null,
      message: 'No DKIM key is configured for this provider, so the plugin does not sign its mail.',
    };
  }
  const name = `${dkim.keySelector}._domainkey.${dkim.domainName}`;
  const key = publicKeyOf(dkim.privateKey);
  if (typeof key === 'string') return { status: 'error', name, found: null, fix: null, message: key };
  const fix = dkimRecord(key);

  let txt: string[] | null;
  try {
    txt = await dns.txt(name);
  } catch (error) {
    if (!(error instanceof DnsTemporaryError)) throw error;
    return { status: 'error', name, found: null, fix: null, message: `${error.message}; try again later.` };
  }
  const records = (txt ?? []).filter(isDkimRecord);
  if (records.length === 0) {
    return { status: 'missing', name, found: null, fix, message: `No DKIM key is published at ${name}.` };
  }
  const found = records.join('\n');
  if (records.length > 1) {
    return { status: 'fail', name, found, fix, message: `${name} publishes ${records.length} DKIM keys; publish one.` };
  }
  const tags = parseTags(records[0]);
  const published = tags.get('p') ?? '';
  if (published === '') {
    return { status: 'fail', name, found, fix, message: `The DKIM key at ${name} is revoked (empty p=).` };
  }
  const type = tags.get('k') ?? 'rsa';
  if (type !== key.type || !samePublicKey(published, key)) {
    return {
      status: 'fail',
      name,
      found,
      fix,
      message: `The DKIM key at ${name} is not the public half of the configured private key; signatures will fail.`,
    };
  }
  return { status: 'pass', name, found, fix: null, message: `${name} publishes the configured DKIM key.` };
}
