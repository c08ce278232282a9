/**
 * What tracking puts into sent mail (docs/architecture.md, "Engagement"), on real sends through
 * a real Strapi booted with `tracking.enabled` and a real SMTP server: every tracked link points
 * to the click route with a token that names its stored URL, the exceptions stay as written, the
 * pixel is there, and each switch (the campaign's mode, opens, clicks, a person's opt-out,
 * aggregate and the site's aggregateOnly) changes what is sent. SQLite only: the link rows'
 * set-based insert is the only database work, and its SQL is the one the events store uses on
 * every database. The per-database suites boot with tracking off (suites/composing.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TABLES, UID } from '../../server/src/constants';
import { verifyTrackingToken, type TrackingKind } from '../../server/src/services/tracking/tokens';
import { sender } from '../helpers/fixtures';
import { startSmtpServer, type CaughtMail, type TestSmtpServer } from '../helpers/smtp-server';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';

type Json = any;

const SECRET = 'test-secret-for-email-campaigns-0123456789';
const READ = 'https://example.test/read?a=1&b=2';
const BUY = 'https://example.test/buy';
const MJML = `<mjml><mj-body><mj-section><mj-column>
  <mj-image src="https://cdn.example.test/harbour.png" alt="A harbour" href="https://example.test/read?a=1&amp;b=2" />
  <mj-text>Hello {{ subscriber.name }}. <a href="https://example.test/read?a=1&amp;b=2">Read on</a>,
    <a href="mailto:editor@example.test">write</a>, <a href="tel:+84123">call</a>,
    <a href="https://example.test/u/{{ subscriber.id }}">your page</a>,
    <a href="https://example.test/quiet" data-no-track>quietly</a> or
    <a href="{{ preferences_url }}">change your preferences</a>.</mj-text>
  <mj-button href="https://example.test/buy">Buy</mj-button>
  <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
</mj-column></mj-section></mj-body></mjml>`;

const hrefs = (html: string) => [...html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((m) => m[1]);
const routeToken = (url: string, kind: TrackingKind) => {
  const match = new RegExp(`/api/email-campaigns/${kind === 'click' ? 'l' : 'o'}/([A-Za-z0-9_.-]+)$`).exec(url);
  return match ? verifyTrackingToken(SECRET, match[1], kind) : null;
};
const pixels = (html: string) => [...html.matchAll(/<img src="([^"]*\/api\/email-campaigns\/o\/[^"]*)"[^>]*>/g)];

describe('tracked mail', () => {
  let smtp: TestSmtpServer;
  let app: TestStrapi;
  let token: string;
  let seq = 0;
  const people: Array<{ id: number; email: string }> = [];
  let listId = 0;

  const api = async (method: string, path: string, json?: unknown) => {
    const res = await app.request(`/email-campaigns${path}`, { method, token, json });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
  };

  async function create(tracking?: unknown) {
    const res = await api('POST', '/campaigns', {
      name: `tracked-${++seq}`,
      subject: `Tracked ${seq} for {{ subscriber.name }}`,
      mjml: MJML,
      lists: [listId],
      ...(tracking === undefined ? {} : { tracking }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data;
  }

  /** Sends the campaign now and returns each recipient's message with its delivery row. */
  async function send(campaignId: number) {
    const before = smtp.received();
    const started = Math.floor(Date.now() / 1000);
    const sent = await api('POST', `/campaigns/${campaignId}/send`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    await sender(app.strapi).run();
    const mails = (await smtp.waitFor(before + people.length)).slice(before);
    const rows: Json[] = await app.strapi.db
      .connection(TABLES.deliveries)
      .where({ campaign_id: campaignId })
      .select('id', 'email', 'subscriber_id');
    return people.map((person) => {
      const mail = mails.find((m) => m.envelope.to[0] === person.email) as CaughtMail;
      const row = rows.find((r) => r.email === person.email);
      return { person, mail, html: String(mail.html), text: String(mail.text), deliveryId: Number(row.id), started };
    });
  }

  const storedLinks = async (campaignId: number): Promise<Map<number, string>> => {
    const rows: Json[] = await app.strapi.db.connection(TABLES.campaignLinks).where('campaign_id', campaignId);
    return new Map(rows.map((row) => [Number(row.id), row.url]));
  };
  const tracked = (html: string) => hrefs(html).filter((href) => href.includes('/api/email-campaigns/l/'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi({
      db: 'sqlite',
      smtp: { host: smtp.host, port: smtp.port },
      env: { EMAIL_CAMPAIGNS_TRACKING: JSON.stringify({ enabled: true }) },
    });
    token = await app.login();
    const list = await app.strapi
      .documents(UID.list)
      .create({ data: { name: 'Tracked', slug: 'tracked', doubleOptIn: false } as Json });
    listId = Number(list.id);
    for (const name of ['Ann', 'Binh', 'Chi']) {
      const email = `${name.toLowerCase()}@tracked.test`;
      const person = await app.strapi
        .documents(UID.subscriber)
        .create({ data: { email, name, status: 'subscribed', lists: [list.documentId] } as Json });
      people.push({ id: Number(person.id), email });
    }
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.clear();
    app.strapi.config.set('plugin::email-campaigns.tracking.aggregateOnly', false);
  });

  it("a sent campaign's links all point to the tracking route", async () => {
    const campaign = await create({ mode: 'people' });
    expect(campaign.tracking).toEqual({ mode: 'people', opens: true, clicks: true });
    const messages = await send(campaign.id);
    const links = await storedLinks(campaign.id);
    // One row per distinct URL, however often it appears.
    expect([...links.values()].sort()).toEqual([BUY, READ]);

    for (const { person, html, text, deliveryId, started } of messages) {
      const expected = { campaignId: campaign.id, deliveryId, subscriberId: person.id, mode: 'people' };
      // The exceptions stay exactly as written; everything else goes through the click route.
      const untracked = hrefs(html).filter((href) => !href.includes('/api/email-campaigns/l/'));
      expect(untracked).toEqual([
        'mailto:editor@example.test',
        'tel:+84123',
        `https://example.test/u/${person.id}`,
        'https://example.test/quiet',
        expect.stringMatching(new RegExp(`^${app.url}/api/email-campaigns/preferences\\?token=`)),
        expect.stringMatching(new RegExp(`^${app.url}/api/email-campaigns/unsubscribe\\?token=`)),
      ]);
      expect(html).not.toContain('data-no-track');
      const clicks = tracked(html);
      expect(clicks).toHaveLength(3);
      const targets = clicks.map((href) => {
        expect(href.startsWith(`${app.url}/api/email-campaigns/l/`)).toBe(true);
        const click = routeToken(href, 'click');
        expect(click).toMatchObject(expected);
        expect(click!.sentAt).toBeGreaterThanOrEqual(started);
        expect(click!.sentAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
        return links.get(click!.linkId!);
      });
      // The image and the text link to READ share its row; the button has BUY's.
      expect(targets).toEqual([READ, READ, BUY]);
      // The text part shows the tracked addresses too.
      expect(text).toContain(clicks[2]);
      expect(text).not.toContain(BUY);

      const [pixel, ...more] = pixels(html);
      expect(more).toEqual([]);
      expect(pixel[0]).toMatch(/width="1" height="1" alt="" border="0" style="display:block;/);
      expect(html.indexOf(pixel[0])).toBe(html.lastIndexOf('</body>') - pixel[0].length);
      expect(routeToken(pixel[1], 'open')).toMatchObject({ ...expected, kind: 'open' });
    }
  });

  it('sends the same campaign untracked with mode off, and test sends are never tracked', async () => {
    const source = await create({ mode: 'people', opens: false });
    const copy = await api('POST', `/campaigns/${source.id}/duplicate`);
    expect(copy.body.data.tracking).toEqual({ mode: 'people', opens: false, clicks: true });
    const id = copy.body.data.id;
    const refused = await api('PUT', `/campaigns/${id}`, { tracking: { mode: 'loud' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('tracking.mode must be one of off, people, aggregate');
    const updated = await api('PUT', `/campaigns/${id}`, { tracking: { mode: 'off', opens: true } });
    expect(updated.body.data.tracking).toEqual({ mode: 'off', opens: true, clicks: true });
    expect((await api('GET', `/campaigns/${id}`)).body.data.tracking).toEqual(updated.body.data.tracking);

    for (const { html } of await send(id)) {
      expect(html).not.toContain('/api/email-campaigns/l/');
      expect(html).not.toContain('/api/email-campaigns/o/');
      expect(hrefs(html)).toEqual(expect.arrayContaining([READ.replace('&', '&amp;'), BUY]));
    }
    expect((await storedLinks(id)).size).toBe(0);

    const before = smtp.received();
    expect((await api('POST', `/campaigns/${source.id}/test`, { emails: ['qa@tracked.test'] })).status).toBe(200);
    await sender(app.strapi).run();
    const [testMail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(String(testMail.html)).not.toMatch(/\/api\/email-campaigns\/[lo]\//);
    expect(hrefs(String(testMail.html))).toContain(BUY);
  });

  it('opens: false sends tracked links without a pixel; clicks: false a pixel with the links as written', async () => {
    const noOpens = await create({ mode: 'people', opens: false });
    for (const { html } of await send(noOpens.id)) {
      expect(tracked(html)).toHaveLength(3);
      expect(pixels(html)).toEqual([]);
    }
    const noClicks = await create({ mode: 'people', clicks: false });
    for (const { html } of await send(noClicks.id)) {
      expect(tracked(html)).toEqual([]);
      expect(hrefs(html)).toEqual(expect.arrayContaining([READ.replace('&', '&amp;'), BUY]));
      expect(pixels(html)).toHaveLength(1);
    }
    expect((await storedLinks(noClicks.id)).size).toBe(0);
  });

  it('sends untracked mail to a person who opted out, tracked mail to the others', async () => {
    const [ann, binh] = people;
    await app.strapi.db.connection(TABLES.subscribers).where('id', binh.id).update({ tracking_opt_out: true });
    try {
      const campaign = await create({ mode: 'people' });
      const messages = await send(campaign.id);
      for (const { person, html } of messages) {
        const optedOut = person.id === binh.id;
        expect(tracked(html).length, person.email).toBe(optedOut ? 0 : 3);
        expect(pixels(html).length, person.email).toBe(optedOut ? 0 : 1);
        // The choice is not a template value.
        expect(html).not.toContain('tracking_opt_out');
      }
      expect(messages.find((m) => m.person.id === ann.id)?.html).toContain('/api/email-campaigns/o/');
    } finally {
      await app.strapi.db.connection(TABLES.subscribers).where('id', binh.id).update({ tracking_opt_out: false });
    }
  });

  it("names nobody in the tokens of an aggregate campaign, and of every campaign under the site's aggregateOnly", async () => {
    const tokensOf = (html: string) => [
      ...tracked(html).map((href) => routeToken(href, 'click')),
      ...pixels(html).map((pixel) => routeToken(pixel[1], 'open')),
    ];
    const aggregate = await create({ mode: 'aggregate' });
    for (const { html } of await send(aggregate.id)) {
      expect(tokensOf(html)).toHaveLength(4);
      for (const hit of tokensOf(html)) expect(hit?.mode).toBe('aggregate');
    }

    const people = await create({ mode: 'people' });
    app.strapi.config.set('plugin::email-campaigns.tracking.aggregateOnly', true);
    for (const { html } of await send(people.id)) {
      expect(tokensOf(html)).toHaveLength(4);
      for (const hit of tokensOf(html)) expect(hit?.mode).toBe('aggregate');
    }
  });
});
