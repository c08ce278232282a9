/**
 * The plugin's events reach a Strapi webhook through Strapi's own runner: the webhook is created
 * through the plugin's admin route, its receiver is a local HTTP server, and each event is caused
 * the way a site causes it (a sign-up, a click on the confirm and unsubscribe links, a real send
 * with a refused address, a complaint, an admin's pause). SQLite: nothing here depends on the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_EVENTS, UID } from '../../server/src/constants';
import { linkIn, mailTo, pathOf, PUBLIC, postJson, unique } from '../fixtures/audience';
import { sentDeliveries } from '../helpers/feedback-events';
import { createCampaign, insertSubscribers, sender } from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { bootStrapi, createLimitedAdmin, type TestStrapi } from '../helpers/strapi';
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from '../helpers/webhook-receiver';

type Json = any;

let smtp: TestSmtpServer;
let app: TestStrapi;
let hooks: WebhookReceiver;
let token: string;
let list: Json;

const admin = async (method: string, path: string, json?: unknown) => {
  const res = await app.request(`/email-campaigns${path}`, { method, token, json });
  return { status: res.status, body: (await res.json()) as Json };
};

const about = (event: string, key: 'subscriber' | 'campaign', id: number) => (hook: ReceivedHook) =>
  hook.body.event === event && hook.body[key]?.id === id;

/** Signs `email` up to the double opt-in list and clicks the link in the confirmation mail. */
async function signUpAndConfirm(email: string): Promise<number> {
  expect((await postJson(app, `${PUBLIC}/subscribe`, { email, lists: [list.slug] })).status).toBe(200);
  const mail = await mailTo(app.strapi, smtp, email);
  expect((await app.request(pathOf(linkIn(mail, 'confirm')), { method: 'POST' })).status).toBe(200);
  const row = await app.strapi.db.query(UID.subscriber).findOne({ where: { email }, select: ['id'] });
  return Number(row.id);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  hooks = await startWebhookReceiver();
  app = await bootStrapi({ db: 'sqlite', smtp: { host: smtp.host, port: smtp.port } });
  token = await app.login();
  const slug = unique('hooks');
  list = await app.strapi.documents(UID.list).create({ data: { name: slug, slug, doubleOptIn: true, public: true } });
}, 240_000);

afterAll(async () => {
  await app?.stop();
  await hooks?.close();
  await smtp?.close();
});

describe('attaching the plugin’s events to a Strapi webhook', () => {
  it('creates a webhook with the plugin’s events through the admin route; Strapi’s own events stay on an update', async () => {
    const settings = await admin('GET', '/settings/events');
    expect(settings.status).toBe(200);
    expect(settings.body.data.events).toEqual(Object.values(PLUGIN_EVENTS));
    expect(settings.body.data.includeAddress).toBe(false);

    const created = await admin('POST', '/settings/events/webhooks', {
      name: 'CRM',
      url: hooks.url,
      headers: { Authorization: 'Bearer crm-secret' },
      events: ['email-campaigns.subscriber.confirmed'],
    });
    expect(created.status).toBe(201);
    // Header values are the receiving site's secrets: only their names come back.
    expect(created.body.data).toMatchObject({ name: 'CRM', url: hooks.url, headerNames: ['Authorization'] });
    expect(JSON.stringify(created.body)).not.toContain('crm-secret');

    // A built-in event added in Strapi's own form survives the plugin's update.
    await app.strapi.get('webhookStore').updateWebhook(created.body.data.id, {
      ...(await app.strapi.get('webhookStore').findWebhook(created.body.data.id)),
      events: ['entry.create', 'email-campaigns.subscriber.confirmed'],
    });
    const attached = await admin('PUT', `/settings/events/webhooks/${created.body.data.id}`, {
      events: Object.values(PLUGIN_EVENTS),
    });
    expect(attached.status).toBe(200);
    expect(attached.body.data.events).toEqual(['entry.create', ...Object.values(PLUGIN_EVENTS)]);
  });

  it('refuses an unknown event, a URL that is not http and a missing webhook with a 4xx', async () => {
    const unknownEvent = await admin('POST', '/settings/events/webhooks', {
      name: 'x',
      url: hooks.url,
      events: ['email-campaigns.subscriber.vanished'],
    });
    expect(unknownEvent.status).toBe(400);
    const badUrl = await admin('POST', '/settings/events/webhooks', {
      name: 'x',
      url: 'file:///etc/passwd',
      events: ['email-campaigns.subscriber.confirmed'],
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.message).toMatch(/http/);
    const missing = await admin('PUT', '/settings/events/webhooks/99999', { events: [] });
    expect(missing.status).toBe(404);
  });

  it('needs the settings permission: an admin with read only is refused every event route (403)', async () => {
    const reader = await createLimitedAdmin(app.strapi, ['plugin::email-campaigns.read']);
    const readerToken = await app.login(reader.email, reader.password);
    const as = (method: string, path: string, json?: unknown) =>
      app.request(`/email-campaigns/settings/events${path}`, { method, token: readerToken, json });
    expect((await as('GET', '')).status).toBe(403);
    expect((await as('PUT', '', { includeAddress: true })).status).toBe(403);
    const webhook = { name: 'x', url: hooks.url, events: ['email-campaigns.subscriber.confirmed'] };
    expect((await as('POST', '/webhooks', webhook)).status).toBe(403);
    expect((await as('PUT', '/webhooks/1', { events: [] })).status).toBe(403);
    expect(await app.strapi.get('webhookStore').findWebhooks()).toHaveLength(1);
  });
});

describe('subscriber events', () => {
  it('a person who confirms is announced with their id and lists, without their address by default', async () => {
    const email = `${unique('confirm')}@example.test`;
    const id = await signUpAndConfirm(email);
    const hook = await hooks.waitFor(about('email-campaigns.subscriber.confirmed', 'subscriber', id));
    expect(hook.headers['x-strapi-event']).toBe('email-campaigns.subscriber.confirmed');
    expect(hook.headers.authorization).toBe('Bearer crm-secret');
    expect(hook.body.subscriber).toMatchObject({ id, status: 'subscribed', lists: [{ id: list.id, slug: list.slug }] });
    expect(hook.body.subscriber.confirmedAt).toEqual(expect.any(String));
    expect(hook.body.subscriber).not.toHaveProperty('email');
    expect(JSON.stringify(hook.body)).not.toContain(email);

    const created = await hooks.waitFor(about('email-campaigns.subscriber.created', 'subscriber', id));
    expect(created.body.subscriber).toMatchObject({ lists: [{ id: list.id, slug: list.slug }] });
  });

  it('carries the address once the admin chose to include it', async () => {
    expect((await admin('PUT', '/settings/events', { includeAddress: true })).body.data.includeAddress).toBe(true);
    const email = `${unique('with-address')}@example.test`;
    const id = await signUpAndConfirm(email);
    const hook = await hooks.waitFor(about('email-campaigns.subscriber.confirmed', 'subscriber', id));
    expect(hook.body.subscriber.email).toBe(email);
    expect((await admin('PUT', '/settings/events', { includeAddress: false })).status).toBe(200);
  });

  it('announces an unsubscribe with the lists left', async () => {
    const email = `${unique('leaver')}@example.test`;
    const id = await signUpAndConfirm(email);
    // The link of a campaign mail, as the person would click it.
    const link: string = app.strapi.plugin('email-campaigns').service('links').unsubscribeUrl(id);
    const leave = await app.request(pathOf(link), { method: 'POST' });
    expect(leave.status).toBe(200);
    const hook = await hooks.waitFor(about('email-campaigns.subscriber.unsubscribed', 'subscriber', id));
    expect(hook.body.subscriber).toMatchObject({ status: 'unsubscribed', lists: [{ id: list.id, slug: list.slug }] });
  });

  it('emits nothing for a change that rolled back, and the next one still goes out', async () => {
    const [id] = await insertSubscribers(app.strapi, 1, { lists: [list.id] });
    const events = app.strapi.plugin('email-campaigns').service('subscriberEvents');
    const rolledBack = app.strapi.db.transaction(async ({ trx }: any) => {
      await events.append(
        [{ subscriberId: id, type: 'unsubscribed', data: { lists: [list.id] }, at: new Date() }],
        trx,
      );
      throw new Error('changed my mind');
    });
    await expect(rolledBack).rejects.toThrow('changed my mind');
    await events.append([{ subscriberId: id, type: 'confirmed', data: { lists: [list.id] }, at: new Date() }]);
    await hooks.waitFor(about('email-campaigns.subscriber.confirmed', 'subscriber', id));
    expect(hooks.received.filter(about('email-campaigns.subscriber.unsubscribed', 'subscriber', id))).toEqual([]);
  });

  it('announces a complaint a provider reported', async () => {
    const [delivery] = await sentDeliveries(app.strapi, 1);
    await app.strapi
      .plugin('email-campaigns')
      .service('feedback')
      .record([
        {
          kind: 'complaint',
          source: 'imap',
          externalId: unique('arf'),
          occurredAt: new Date(),
          deliveryRef: null,
          messageId: delivery.messageId,
          email: delivery.email,
          code: null,
          detail: null,
        },
      ]);
    const hook = await hooks.waitFor(
      about('email-campaigns.subscriber.complained', 'subscriber', delivery.subscriberId),
    );
    expect(hook.body.subscriber.status).toBe('complained');
  });
});

describe('campaign events', () => {
  it('announces a campaign that starts and finishes, and the person whose address the server refused', async () => {
    const ids = await insertSubscribers(app.strapi, 2, { lists: [list.id] });
    const refused = await app.strapi.db.query(UID.subscriber).findOne({ where: { id: ids[1] }, select: ['email'] });
    smtp.failRcpt(550, '5.1.1 No such user', { match: (rcpt) => rcpt === refused.email });
    const campaign = await createCampaign(app.strapi, { lists: [list] });
    await sender(app.strapi).run();

    const started = await hooks.waitFor(about('email-campaigns.campaign.started', 'campaign', campaign.id));
    expect(started.body.campaign).toMatchObject({ status: 'sending', lists: [{ id: list.id, slug: list.slug }] });
    expect(started.body.campaign.startedAt).toEqual(expect.any(String));
    const finished = await hooks.waitFor(about('email-campaigns.campaign.finished', 'campaign', campaign.id));
    expect(finished.body.campaign).toMatchObject({ status: 'sent', finishedAt: expect.any(String) });
    const bounced = await hooks.waitFor(about('email-campaigns.subscriber.bounced', 'subscriber', ids[1]));
    expect(bounced.body.subscriber).toMatchObject({ status: 'bounced', lastBounceAt: expect.any(String) });
  });

  it('announces a campaign an admin paused', async () => {
    const campaign = await createCampaign(app.strapi, {
      lists: [list],
      scheduledAt: new Date(Date.now() + 86_400_000),
    });
    expect((await admin('POST', `/campaigns/${campaign.id}/pause`)).status).toBe(200);
    const paused = await hooks.waitFor(about('email-campaigns.campaign.paused', 'campaign', campaign.id));
    expect(paused.body.campaign).toMatchObject({ status: 'paused', pauseReason: expect.any(String) });
  });

  it('sends each event once', () => {
    const keys = hooks.received
      .filter((hook) => hook.body.event.startsWith('email-campaigns.'))
      .map((hook) => `${hook.body.event}:${(hook.body.subscriber ?? hook.body.campaign).id}`);
    expect(keys.length).toBeGreaterThan(8);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
