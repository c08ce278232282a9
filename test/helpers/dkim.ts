/**
 * An independent DKIM check for tests: mailauth verifies signatures the way a receiving server
 * does, with a resolver that answers the test key's record instead of asking DNS.
 */
import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth';

export interface TestDkimKey {
  domainName: string;
  keySelector: string;
  /** PKCS#8 PEM, as a site would paste it. */
  privateKey: string;
  /** The TXT record published at `<selector>._domainkey.<domain>`. */
  record: string;
}

export function generateDkimKey(domainName = 'example.test', keySelector = 'news'): TestDkimKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    domainName,
    keySelector,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  };
}

export interface DkimVerdict {
  /** mailauth's result for the first signature, `none` when the message has none. */
  result: string;
  comment?: string;
  signingDomain?: string;
  /** The `h=` tag: the header fields the signature covers, lower case. */
  signedHeaders: string[];
}

/** Verifies a raw message against the given keys; any other DNS name is NXDOMAIN. */
export async function verifyDkim(raw: Buffer | string, keys: TestDkimKey[]): Promise<DkimVerdict> {
  const records = new Map(keys.map((key) => [`${key.keySelector}._domainkey.${key.domainName}`, key.record]));
  const resolver = async (name: string, type: string) => {
    const record = type === 'TXT' ? records.get(name) : undefined;
    if (!record) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return [[record]];
  };
  const { results } = await dkimVerify(raw, { resolver });
  const [first] = results;
  if (!first) return { result: 'none', signedHeaders: [] };
  return {
    result: first.status.result,
    comment: first.status.comment || undefined,
    signingDomain: first.signingDomain,
    signedHeaders: signedHeaderNames(raw.toString()),
  };
}

function signedHeaderNames(raw: string): string[] {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  const signature = /^DKIM-Signature:((?:.*)(?:\r\n[ \t].*)*)/im.exec(head)?.[1] ?? '';
  const h = /(?:^|;)\s*h=([^;]+)/.exec(signature.replace(/\s+/g, ''))?.[1] ?? '';
  return h ? h.toLowerCase().split(':') : [];
}
