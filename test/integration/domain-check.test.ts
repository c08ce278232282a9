import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkDomain, type DomainCheckInput } from '../../server/src/services/deliverability/domain-check';
import type { DomainCheck } from '../../server/src/contracts';
import { startDnsServer, type TestDnsServer, type Zone } from '../helpers/dns-server';
import { bootStrapi, createLimitedAdmin, type TestStrapi } from '../helpers/strapi';

// The domain check against a real DNS server on 127.0.0.1 (UDP, TCP for large answers): every
// lookup goes through node:dns, nothing reaches a resolver outside this machine. The last part
// asks it of a real Strapi through the admin route, as the Settings page does.

const rsaKey = (bits = 2048) =>
  generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const ed25519Key = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicB64 = (privateKey: string) =>
  createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');

const KEY = rsaKey();
const OTHER_KEY = rsaKey();
const DOMAIN = 'example.test';
const SELECTOR = 's1';
const DKIM_NAME = `${SELECTOR}._domainkey.${DOMAIN}`;

/** A domain set up right for SendGrid, the base each test alters. */
function goodZone(): Zone {
  return {
    [DOMAIN]: { TXT: ['v=spf1 include:sendgrid.net ~all', 'google-site-verification=abc123'] },
    'sendgrid.net': { TXT: ['v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 -all'] },
    // Longer than 255 bytes: the server splits it into several strings, as a zone file must.
    [DKIM_NAME]: { TXT: [`v=DKIM1; k=rsa; p=${publicB64(KEY)}`] },
    [`_dmarc.${DOMAIN}`]: { TXT: ['v=DMARC1; p=quarantine; rua=mailto:dmarc@example.test'] },
  };
}

let dns: TestDnsServer;

function input(overrides: Partial<DomainCheckInput> = {}): DomainCheckInput {
  return {
    fromDomain: DOMAIN,
    provider: { preset: 'sendgrid', host: 'smtp.sendgrid.net' },
    dkim: { keySelector: SELECTOR, privateKey: KEY, domainName: DOMAIN },
    resolver: { servers: [dns.address], timeoutMs: 2000 },
    ...overrides,
  };
}

beforeAll(async () => {
  dns = await startDnsServer();
});

afterAll(async () => {
  await dns.stop();
});

beforeEach(() => {
  for (const name of Object.keys(dns.zone)) delete dns.zone[name];
  Object.assign(dns.zone, goodZone());
  dns.queries.length = 0;
});

describe('a domain set up right', () => {
  it('shows three passes, read from the local server', async () => {
    const result = await checkDomain(input());
    expect(result.spf).toMatchObject({
      status: 'pass',
      name: DOMAIN,
      found: 'v=spf1 include:sendgrid.net ~all',
      fix: null,
    });
    expect(result.dkim).toMatchObject({ status: 'pass', name: DKIM_NAME, fix: null });
    expect(result.dkim.found).toBe(`v=DKIM1; k=rsa; p=${publicB64(KEY)}`);
    expect(result.dmarc).toMatchObject({ status: 'pass', name: `_dmarc.${DOMAIN}`, fix: null });
    expect(result.dmarc.message).toContain('p=quarantine');
    expect(dns.queries.map((q) => `${q.type} ${q.name}`)).toEqual(
      expect.arrayContaining([`TXT ${DOMAIN}`, 'TXT sendgrid.net', `TXT ${DKIM_NAME}`, `TXT _dmarc.${DOMAIN}`]),
    );
  });

  it('passes a custom SMTP host whose address the record covers (a, ip4 with CIDR)', async () => {
    dns.zone['smtp.example.test'] = { A: ['127.0.0.25'] };
    const custom = input({ provider: { preset: 'custom', host: 'smtp.example.test' } });
    for (const spf of ['v=spf1 a:smtp.example.test -all', 'v=spf1 ip4:127.0.0.0/24 -all', 'v=spf1 mx -all']) {
      dns.zone[DOMAIN] = { TXT: [spf], MX: ['smtp.example.test'] };
      expect((await checkDomain(custom)).spf, spf).toMatchObject({ status: 'pass', found: spf });
    }
  });

  it('passes an Ed25519 key published as RFC 8463 says', async () => {
    const ed = ed25519Key();
    const raw = createPublicKey(ed).export({ format: 'jwk' }).x as string;
    dns.zone[DKIM_NAME] = { TXT: [`v=DKIM1; k=ed25519; p=${Buffer.from(raw, 'base64url').toString('base64')}`] };
    const result = await checkDomain(input({ dkim: { keySelector: SELECTOR, privateKey: ed, domainName: DOMAIN } }));
    expect(result.dkim.status).toBe('pass');
  });

  it('takes the DMARC policy of the parent domain for a subdomain without one', async () => {
    dns.zone['news.example.test'] = { TXT: ['v=spf1 include:sendgrid.net -all'] };
    const result = await checkDomain(input({ fromDomain: 'news.example.test', dkim: null }));
    expect(result.dmarc).toMatchObject({ status: 'pass', name: `_dmarc.${DOMAIN}` });
    expect(result.dmarc.message).toContain('inherited from example.test');
  });
});

describe('what is missing or wrong, with the record to publish', () => {
  it('a DKIM record holding another key', async () => {
    dns.zone[DKIM_NAME] = { TXT: [`v=DKIM1; k=rsa; p=${publicB64(OTHER_KEY)}`] };
    const { dkim } = await checkDomain(input());
    expect(dkim).toMatchObject({ status: 'fail', name: DKIM_NAME, found: `v=DKIM1; k=rsa; p=${publicB64(OTHER_KEY)}` });
    expect(dkim.fix).toBe(`v=DKIM1; k=rsa; p=${publicB64(KEY)}`);
    expect(dkim.message).toMatch(/not the public half of the configured private key/);
  });

  it('no DKIM record, and no DKIM key configured', async () => {
    delete dns.zone[DKIM_NAME];
    expect((await checkDomain(input())).dkim).toMatchObject({
      status: 'missing',
      found: null,
      fix: `v=DKIM1; k=rsa; p=${publicB64(KEY)}`,
    });
    const { dkim } = await checkDomain(input({ dkim: undefined }));
    expect(dkim).toMatchObject({ status: 'not-configured', fix: null });
    expect(dkim.message).toMatch(/No DKIM key is configured/);
  });

  it('a missing DMARC record', async () => {
    delete dns.zone[`_dmarc.${DOMAIN}`];
    const { dmarc } = await checkDomain(input());
    expect(dmarc).toMatchObject({
      status: 'missing',
      name: `_dmarc.${DOMAIN}`,
      fix: 'v=DMARC1; p=none; rua=mailto:dmarc@example.test',
    });
    expect(dmarc.message).toMatch(/p=none is a safe start/);
  });

  it('an SPF record without the provider', async () => {
    dns.zone[DOMAIN] = { TXT: ['v=spf1 include:_spf.google.com -all'] };
    dns.zone['_spf.google.com'] = { TXT: ['v=spf1 ip4:35.190.247.0/24 ~all'] };
    const { spf } = await checkDomain(input());
    expect(spf).toMatchObject({
      status: 'fail',
      found: 'v=spf1 include:_spf.google.com -all',
      fix: 'v=spf1 include:_spf.google.com include:sendgrid.net -all',
    });
  });

  it('no SPF record, two SPF records, and a custom host the record does not cover', async () => {
    dns.zone[DOMAIN] = { TXT: ['google-site-verification=abc123'] };
    expect((await checkDomain(input())).spf).toMatchObject({
      status: 'missing',
      fix: 'v=spf1 include:sendgrid.net ~all',
    });

    dns.zone[DOMAIN] = { TXT: ['v=spf1 mx ~all', 'v=spf1 include:sendgrid.net -all'] };
    const two = (await checkDomain(input())).spf;
    expect(two).toMatchObject({ status: 'fail', fix: 'v=spf1 mx include:sendgrid.net ~all' });
    expect(two.message).toMatch(/2 SPF records/);

    dns.zone[DOMAIN] = { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] };
    dns.zone['smtp.example.test'] = { A: ['127.0.0.25'] };
    const custom = await checkDomain(input({ provider: { preset: 'custom', host: 'smtp.example.test' } }));
    expect(custom.spf).toMatchObject({ status: 'fail', fix: 'v=spf1 ip4:192.0.2.0/24 a:smtp.example.test -all' });
  });

  it('accepts the older Sendinblue include for Brevo and suggests the current one', async () => {
    dns.zone['spf.sendinblue.com'] = { TXT: ['v=spf1 ip4:185.41.28.0/22 ~all'] };
    dns.zone[DOMAIN] = { TXT: ['v=spf1 include:spf.sendinblue.com ~all'] };
    const brevo = input({ provider: { preset: 'brevo', host: 'smtp-relay.brevo.com' } });
    expect((await checkDomain(brevo)).spf.status).toBe('pass');
    dns.zone[DOMAIN] = { TXT: ['v=spf1 mx ~all'] };
    expect((await checkDomain(brevo)).spf.fix).toBe('v=spf1 mx include:spf.brevo.com ~all');
  });
});

describe('how records arrive', () => {
  it('joins a record split in several TXT strings', async () => {
    const p = publicB64(KEY);
    dns.zone[DKIM_NAME] = { TXT: [['v=DKIM1; k=rsa; ', `p=${p.slice(0, 100)}`, p.slice(100, 250), p.slice(250)]] };
    dns.zone[DOMAIN] = { TXT: [['v=spf1 ', 'include:sendgrid.net', ' ~all']] };
    const result = await checkDomain(input());
    expect(result.dkim.status).toBe('pass');
    expect(result.spf).toMatchObject({ status: 'pass', found: 'v=spf1 include:sendgrid.net ~all' });
  });

  it('reads an answer too large for UDP over TCP (a 4096-bit key beside other TXT records)', async () => {
    const big = rsaKey(4096);
    dns.zone[DKIM_NAME] = { TXT: [`v=DKIM1; k=rsa; p=${publicB64(big)}`, 'x'.repeat(600)] };
    const result = await checkDomain(input({ dkim: { keySelector: SELECTOR, privateKey: big, domainName: DOMAIN } }));
    expect(result.dkim.status).toBe('pass');
    expect(dns.queries).toContainEqual({ name: DKIM_NAME, type: 'TXT', transport: 'tcp' });
  });

  it('follows an include chain and a redirect to the provider', async () => {
    dns.zone[DOMAIN] = { TXT: ['v=spf1 redirect=_spf.example.test'] };
    dns.zone['_spf.example.test'] = { TXT: ['v=spf1 ip4:192.0.2.1 include:_corp.example.test ~all'] };
    dns.zone['_corp.example.test'] = { TXT: ['v=spf1 include:sendgrid.net -all'] };
    expect((await checkDomain(input())).spf.status).toBe('pass');
  });

  /** DOMAIN includes l0, l0 includes l1 ... and the last one includes sendgrid.net: `links` + 1 lookups. */
  function chain(links: number): void {
    for (let i = 0; i < links; i += 1) {
      const next = i + 1 < links ? `l${i + 1}.example.test` : 'sendgrid.net';
      dns.zone[`l${i}.example.test`] = { TXT: [`v=spf1 include:${next} -all`] };
    }
    dns.zone[DOMAIN] = { TXT: ['v=spf1 include:l0.example.test ~all'] };
  }

  it('passes a chain of exactly 10 lookups and fails one of 11, as receivers do', async () => {
    chain(9);
    expect((await checkDomain(input())).spf.status).toBe('pass');

    chain(10);
    dns.queries.length = 0;
    const { spf } = await checkDomain(input());
    expect(spf).toMatchObject({ status: 'fail', fix: null });
    expect(spf.message).toMatch(/more than 10 DNS lookups/);
    // The eleventh include (sendgrid.net) is past the limit: receivers stop before asking for it.
    expect(dns.queries.some((q) => q.name === 'sendgrid.net')).toBe(false);
  });
});

describe('DNS trouble', () => {
  it('a server that never answers gives three errors within the timeout, never a throw', async () => {
    const silent = await startDnsServer({ silent: true });
    try {
      const timeoutMs = 500;
      const started = Date.now();
      const result = await checkDomain(input({ resolver: { servers: [silent.address], timeoutMs } }));
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(timeoutMs + 400);
      for (const check of [result.spf, result.dkim, result.dmarc]) {
        expect(check.status).toBe('error');
        expect(check.message).toMatch(/ETIMEOUT/);
      }
      expect(silent.queries.length).toBeGreaterThan(0);
    } finally {
      await silent.stop();
    }
  });

  it('SERVFAIL is an error, NXDOMAIN is missing', async () => {
    dns.zone[DOMAIN] = { SERVFAIL: true };
    delete dns.zone[`_dmarc.${DOMAIN}`];
    const result = await checkDomain(input());
    expect(result.spf).toMatchObject({ status: 'error' });
    expect(result.spf.message).toMatch(/ESERVFAIL/);
    expect(result.dmarc.status).toBe('missing');
  });
});

describe('in the admin, for a configured provider', () => {
  // One boot for this file: the provider `main` sends as news@example.test through 127.0.0.1,
  // signs with KEY, and the plugin resolves through the local DNS server of `feedback.dns`.
  let app: TestStrapi;
  let token: string;
  const check = (provider: string, bearer = token) =>
    app.request(`/email-campaigns/settings/providers/${provider}/domain-check`, { method: 'POST', token: bearer });

  beforeAll(async () => {
    app = await bootStrapi({
      db: 'sqlite',
      env: {
        EMAIL_CAMPAIGNS_DKIM_KEY: KEY,
        EMAIL_CAMPAIGNS_DKIM_DOMAIN: DOMAIN,
        EMAIL_CAMPAIGNS_DKIM_SELECTOR: SELECTOR,
        EMAIL_CAMPAIGNS_TEST_PROVIDERS: JSON.stringify({ nofrom: { from: null }, pm: { preset: 'postmark' } }),
        EMAIL_CAMPAIGNS_FEEDBACK: JSON.stringify({ dns: { servers: [dns.address], timeoutMs: 2000 } }),
      },
    });
    token = await app.login();
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  beforeEach(() => {
    dns.zone[DOMAIN] = { TXT: ['v=spf1 ip4:127.0.0.0/8 -all'] };
  });

  it('checks the From domain through the configured DNS server and answers three passes', async () => {
    const res = await check('main');
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: DomainCheck };
    expect(data).toMatchObject({
      provider: 'main',
      fromDomain: DOMAIN,
      spf: { status: 'pass' },
      dkim: { status: 'pass', name: DKIM_NAME },
      dmarc: { status: 'pass' },
    });
    expect(dns.queries.some((query) => query.name === DKIM_NAME)).toBe(true);
  });

  it('shows the fix for a Postmark provider whose SPF does not include Postmark', async () => {
    const { data } = (await (await check('pm')).json()) as { data: DomainCheck };
    expect(data.spf).toMatchObject({ status: 'fail', name: DOMAIN });
    expect(data.spf.fix).toContain('include:spf.mtasv.net');
  });

  it('waits no longer than feedback.dns.timeoutMs for a server that never answers', async () => {
    const silent = await startDnsServer({ silent: true });
    const dnsKey = 'plugin::email-campaigns.feedback.dns';
    const saved = app.strapi.config.get(dnsKey);
    app.strapi.config.set(dnsKey, { servers: [silent.address], timeoutMs: 300 });
    try {
      const started = Date.now();
      const { data } = (await (await check('main')).json()) as { data: DomainCheck };
      expect(Date.now() - started).toBeLessThan(1500);
      expect([data.spf.status, data.dkim.status, data.dmarc.status]).toEqual(['error', 'error', 'error']);
      expect(silent.queries.length).toBeGreaterThan(0);
    } finally {
      app.strapi.config.set(dnsKey, saved);
      await silent.stop();
    }
  });

  it('answers 400 for a provider without a From domain, 404 for an unknown one, 403 without settings rights', async () => {
    const noFrom = await check('nofrom');
    expect(noFrom.status).toBe(400);
    expect(JSON.stringify(await noFrom.json())).toContain('has no From address with a domain');
    expect((await check('nobody')).status).toBe(404);
    const reader = await createLimitedAdmin(app.strapi, ['plugin::email-campaigns.read']);
    expect((await check('main', await app.login(reader.email, reader.password))).status).toBe(403);
  });
});
