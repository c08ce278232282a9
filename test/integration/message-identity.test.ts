/**
 * What identifies a message to its receiver and to its provider, checked on real sends through
 * the real Strapi and a real SMTP server: DKIM signatures (verified by mailauth, independently of
 * nodemailer), Message-IDs that differ between sites sharing a domain, the HTML title and
 * language, the delivery reference and the VERP return path. SQLite only: nothing here depends
 * on the database beyond the installation id, which every per-database suite's boot also reads.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TABLES } from '../../server/src/constants';
import { verifyDeliveryRef } from '../../server/src/services/feedback/delivery-ref';
import { generateDkimKey, verifyDkim, type TestDkimKey } from '../helpers/dkim';
import { createCampaign, createList, insertSubscribers, sender } from '../helpers/fixtures';
import { startSmtpServer, type CaughtMail, type TestSmtpServer } from '../helpers/smtp-server';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';

type Json = any;

const SECRET = 'test-secret-for-email-campaigns-0123456789';
const configKey = generateDkimKey('news.example.test', 'cfg2030');
const settingsKey = generateDkimKey('other.example.test', 'set2030');
const TITLED_MJML = `<mjml>
  <mj-head><mj-title>{{ campaign.subject }}</mj-title></mj-head>
  <mj-body><mj-section><mj-column>
    <mj-text>Hello {{ subscriber.name }}</mj-text>
    <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
  </mj-column></mj-section></mj-body>
</mjml>`;

const bootEnv = (smtp: TestSmtpServer) => ({
  db: 'sqlite' as const,
  smtp: { host: smtp.host, port: smtp.port },
  env: {
    EMAIL_CAMPAIGNS_DKIM_KEY: configKey.privateKey,
    EMAIL_CAMPAIGNS_DKIM_DOMAIN: configKey.domainName,
    EMAIL_CAMPAIGNS_DKIM_SELECTOR: configKey.keySelector,
    // On the test server too: host and port from the test app override the preset's.
    EMAIL_CAMPAIGNS_TEST_PROVIDERS: JSON.stringify({ grid: { preset: 'sendgrid' } }),
  },
});

/** Sends a campaign of `count` subscribers through `provider` and returns its messages and rows. */
async function sendCampaign(app: TestStrapi, smtp: TestSmtpServer, count: number, provider = 'main') {
  const { strapi } = app;
  const list = await createList(strapi);
  const ids = await insertSubscribers(strapi, count, { lists: [list.id] });
  // The first recipient reads Vietnamese; the others have no known language.
  await strapi.db.connection(TABLES.subscribers).where('id', ids[0]).update({ locale: 'vi' });
  const campaign = await createCampaign(strapi, { lists: [list], provider, mjml: TITLED_MJML });
  const before = smtp.received();
  await sender(strapi).run();
  const mails = (await smtp.waitFor(before + count)).slice(before);
  const rows: Json[] = await strapi.db
    .connection(TABLES.deliveries)
    .where({ campaign_id: campaign.id })
    .orderBy('id')
    .select('id', 'email', 'status', 'message_id', 'subscriber_id');
  return { campaign, mails, rows, byEmail: (email: string) => mails.find((m) => m.envelope.to[0] === email)! };
}

async function expectSigned(mails: CaughtMail[], key: TestDkimKey) {
  for (const mail of mails) {
    const verdict = await verifyDkim(mail.raw, [key]);
    expect(verdict, mail.parsed.messageId).toMatchObject({ result: 'pass', signingDomain: key.domainName });
    expect(verdict.signedHeaders).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'date', 'message-id', 'list-id', 'list-unsubscribe']),
    );
    expect(verdict.signedHeaders).toContain('list-unsubscribe-post');
  }
}

let firstOfSiteA: { id: number; campaignId: number; messageId: string };

describe('site A', () => {
  let smtp: TestSmtpServer;
  let app: TestStrapi;
  let token: string;
  const api = async (method: string, path: string, json?: unknown) => {
    const res = await app.request(`/email-campaigns${path}`, { method, token, json });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
  };
  const testSend = async (campaignId: number, emails: string[]) => {
    const before = smtp.received();
    expect((await api('POST', `/campaigns/${campaignId}/test`, { emails })).status).toBe(200);
    await sender(app.strapi).run();
    return (await smtp.waitFor(before + emails.length)).slice(before);
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi(bootEnv(smtp));
    token = await app.login();
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });
  beforeEach(() => smtp.clear());

  it('signs every campaign message with the key from config, and gives it its title, language and Message-ID', async () => {
    const installation = app.strapi.plugin('email-campaigns').service('installation').id();
    const { campaign, mails, rows } = await sendCampaign(app, smtp, 3);
    await expectSigned(mails, configKey);

    const [first] = rows;
    firstOfSiteA = { id: Number(first.id), campaignId: campaign.id, messageId: first.message_id };
    for (const row of rows) {
      const mail = mails.find((m) => m.envelope.to[0] === row.email)!;
      expect(mail.parsed.messageId).toBe(`<d${row.id}.c${campaign.id}.${installation}@127.0.0.1>`);
      expect(row.message_id).toBe(mail.parsed.messageId);
      // The rendered subject, never its Liquid, in <title>; the recipient's language in <html lang>.
      expect(mail.subject).toMatch(/^News for Person \d$/);
      expect(mail.html).toContain(`<title>${mail.subject}</title>`);
      expect(mail.html).toMatch(row.id === first.id ? /<html lang="vi" / : /<html lang="en" /);
    }
  });

  it('signs test sends too, and a message altered after sending fails the same check', async () => {
    const campaign = await createCampaign(app.strapi, { lists: [await createList(app.strapi)], status: 'draft' });
    const [mail] = await testSend(campaign.id, ['qa@example.test']);
    await expectSigned([mail], configKey);
    expect(mail.parsed.messageId).toMatch(/^<d\d+\.test\.[a-z2-7]{16}@127\.0\.0\.1>$/);

    const raw = mail.raw.toString('latin1');
    const body = raw.indexOf('\r\n\r\n') + 4;
    const flipped = raw.slice(0, body) + raw.slice(body).replace('Hello', 'Hallo');
    expect((await verifyDkim(flipped, [configKey])).result).not.toBe('pass');
    expect((await verifyDkim(raw.replace(/^Subject: \[Test]/m, 'Subject: [Tost]'), [configKey])).result).toBe('fail');
  });

  it('signs with a key saved in Settings, refuses one that does not parse, and says so on "Test connection"', async () => {
    const provider = {
      preset: 'custom',
      host: smtp.host,
      port: smtp.port,
      from: 'Other News <news@other.example.test>',
      dkim: { domainName: settingsKey.domainName, keySelector: settingsKey.keySelector },
    };
    const broken = `${settingsKey.privateKey.slice(0, 300)}\n-----END PRIVATE KEY-----\n`;
    const refused = await api('POST', '/settings/providers', {
      ...provider,
      name: 'badkey',
      dkim: { ...provider.dkim, privateKey: broken },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/"dkim\.privateKey" does not parse as a PEM private key/);
    expect((await api('GET', '/settings')).body.data.providers.map((p: Json) => p.name)).not.toContain('badkey');

    const saved = await api('POST', '/settings/providers', {
      ...provider,
      name: 'signed',
      dkim: { ...provider.dkim, privateKey: settingsKey.privateKey },
    });
    expect(saved.status).toBe(201);
    const { campaign, mails } = await sendCampaign(app, smtp, 2, 'signed');
    await expectSigned(mails, settingsKey);
    await expectSigned(await testSend(campaign.id, ['qa@example.test']), settingsKey);

    const tested = await api('POST', '/settings/providers/signed/test');
    expect(tested.body.data).toMatchObject({ ok: true, dkim: { ok: true } });
    expect(tested.body.data.dkim.message).toContain('set2030._domainkey.other.example.test');
    expect((await api('POST', '/settings/providers/main/test')).body.data.dkim.ok).toBe(true);
    expect((await api('POST', '/settings/providers/grid/test')).body.data.dkim.ok).toBe(true);

    // A key stored before this check existed: the connection works, the key does not.
    const store = app.strapi.store({ type: 'plugin', name: 'email-campaigns', key: 'providers' });
    const stored = (await store.get({})) as Json;
    const sealed = app.strapi.service('admin::encryption').encrypt(broken);
    stored.signed.dkim.privateKeyEncrypted = sealed;
    await store.set({ value: stored });
    await app.strapi.plugin('email-campaigns').service('providers').load();
    const answer = (await api('POST', '/settings/providers/signed/test')).body.data;
    expect(answer).toMatchObject({ ok: true, dkim: { ok: false } });
    expect(answer.dkim.message).toMatch(/^The DKIM private key does not parse as a PEM private key\./);
  });

  it('keeps the Message-ID of an unknown row when it is re-sent', async () => {
    const { campaign, rows, byEmail } = await sendCampaign(app, smtp, 2);
    const [lost] = rows;
    const firstId = byEmail(lost.email).parsed.messageId;
    // The reply to the first attempt was lost: the row is unknown, as after a dropped connection.
    await app.strapi.db.connection(TABLES.deliveries).where('id', lost.id).update({ status: 'unknown' });
    smtp.clear();
    const resend = await api('POST', `/campaigns/${campaign.id}/resend`, { statuses: ['unknown'] });
    expect(resend.body.meta.requeued).toBe(1);
    await sender(app.strapi).run();
    const [again] = await smtp.waitFor(1);
    expect(again.envelope.to).toEqual([lost.email]);
    expect(again.parsed.messageId).toBe(firstId);
    await expectSigned([again], configKey);
  });

  it('carries a delivery reference the provider echoes, and a VERP return path when one is set', async () => {
    const grid = await sendCampaign(app, smtp, 2, 'grid');
    for (const row of grid.rows) {
      const mail = grid.byEmail(row.email);
      const ref = JSON.parse(String(mail.headers.get('x-smtpapi'))).unique_args.ec_ref;
      expect(verifyDeliveryRef([SECRET], ref)).toBe(Number(row.id));
      expect(mail.envelope.from).toBe('news@example.test');
    }
    // Removed by SendGrid before delivery, so never signed: the signature still holds without it.
    await expectSigned(grid.mails, configKey);

    const key = 'plugin::email-campaigns.feedback.bounceMailbox';
    app.strapi.config.set(key, {
      host: '127.0.0.1',
      port: 993,
      auth: { user: 'bounces', pass: 'x' },
      intervalSeconds: 60,
      verp: { localPart: 'bounces', domain: 'bounces.example.test' },
    });
    try {
      const verp = await sendCampaign(app, smtp, 2);
      for (const row of verp.rows) {
        const from = verp.byEmail(row.email).envelope.from;
        const [, ref] = /^bounces\+(d\d+-[a-z2-7]+)@bounces\.example\.test$/.exec(from) ?? [];
        expect(verifyDeliveryRef([SECRET], ref), from).toBe(Number(row.id));
      }
      // The From header and its signature are the site's own whatever the envelope says.
      expect(verp.mails[0].parsed.from?.value[0].address).toBe('news@example.test');
      await expectSigned(verp.mails, configKey);
    } finally {
      app.strapi.config.set(key, false);
    }
  });
});

describe('site B: a fresh database under the same mail domain', () => {
  let smtp: TestSmtpServer;
  let app: TestStrapi;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi(bootEnv(smtp));
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('gives its first delivery another Message-ID than site A gave its own, and keeps its id across restarts', async () => {
    expect(firstOfSiteA).toBeDefined();
    const { campaign, rows } = await sendCampaign(app, smtp, 1);
    // Same delivery and campaign numbers as site A's first, same domain: only the installation differs.
    expect([Number(rows[0].id), campaign.id]).toEqual([firstOfSiteA.id, firstOfSiteA.campaignId]);
    expect(rows[0].message_id).toMatch(/@127\.0\.0\.1>$/);
    expect(rows[0].message_id).not.toBe(firstOfSiteA.messageId);

    const installation = () => app.strapi.plugin('email-campaigns').service('installation').id();
    const before = installation();
    await app.restart();
    expect(installation()).toBe(before);
  });
});
