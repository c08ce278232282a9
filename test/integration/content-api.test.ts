/**
 * The content API for Strapi API tokens, against a real Strapi with tokens made through Strapi's
 * admin API and a real SMTP server: a full-access token creates a campaign from a template,
 * schedules it and it is sent; a read-only token reads and is refused writes; no token is refused;
 * subscribers are added idempotently by address, pending with a confirmation mail unless the
 * request brings its consent. SQLite: the per-database behaviour is the audience services'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, UID } from '../../server/src/constants';
import { mailTo, PUBLIC, unique } from '../fixtures/audience';
import { deliveryCounts, insertSubscribers, sender } from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';

type Json = any;

let smtp: TestSmtpServer;
let app: TestStrapi;
const tokens: Record<'full' | 'readOnly' | 'custom', string> = { full: '', readOnly: '', custom: '' };
let list: Json;

/** A token of that type, created as an admin creates it in Settings → API Tokens. */
async function createToken(type: 'full-access' | 'read-only' | 'custom', permissions?: string[]): Promise<string> {
  const admin = await app.login();
  const res = await app.request('/admin/api-tokens', {
    method: 'POST',
    token: admin,
    json: { name: unique(type), type, lifespan: null, ...(permissions ? { permissions } : {}) },
  });
  const body: Json = await res.json();
  if (res.status !== 201) throw new Error(`token not created: ${res.status} ${JSON.stringify(body)}`);
  return body.data.accessKey;
}

async function call(method: string, path: string, token: string | null, json?: unknown) {
  const res = await app.request(`${PUBLIC}${path}`, { method, json, ...(token ? { token } : {}) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await bootStrapi({ db: 'sqlite', smtp: { host: smtp.host, port: smtp.port } });
  tokens.full = await createToken('full-access');
  tokens.readOnly = await createToken('read-only');
  tokens.custom = await createToken('custom', ['plugin::email-campaigns.apiSubscribers.upsert']);
  const slug = unique('api');
  // Single opt-in: an API request without consent must still ask the person to confirm.
  list = await app.strapi.documents(UID.list).create({ data: { name: slug, slug, doubleOptIn: false, public: false } });
}, 240_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('who may call', () => {
  it('answers 401 without a token and with an unknown one', async () => {
    expect((await call('GET', '/campaigns', null)).status).toBe(401);
    expect((await call('GET', '/campaigns', 'not-a-token')).status).toBe(401);
    expect((await call('PUT', '/subscribers', null, { email: 'a@example.test', lists: [list.id] })).status).toBe(401);
  });

  it('lets a read-only token read campaigns, subscribers and lists, and refuses it every write (403)', async () => {
    expect((await call('GET', '/campaigns', tokens.readOnly)).status).toBe(200);
    expect((await call('GET', '/subscribers', tokens.readOnly)).status).toBe(200);
    const lists = await call('GET', '/lists', tokens.readOnly);
    expect(lists.status).toBe(200);
    expect(lists.body.data.map((l: Json) => l.slug)).toContain(list.slug);
    expect((await call('GET', `/lists/${list.slug}`, tokens.readOnly)).body.data.id).toBe(list.id);

    const email = `${unique('ro')}@example.test`;
    expect((await call('PUT', '/subscribers', tokens.readOnly, { email, lists: [list.id] })).status).toBe(403);
    expect(
      (
        await call('POST', '/campaigns', tokens.readOnly, {
          name: 'x',
          template: 'starter-newsletter',
          lists: [list.id],
        })
      ).status,
    ).toBe(403);
    expect((await call('POST', '/campaigns/1/schedule', tokens.readOnly, {})).status).toBe(403);
    expect(await app.strapi.db.query(UID.subscriber).count({ where: { email } })).toBe(0);
  });

  it('lets a custom token do what it was given and nothing else', async () => {
    const email = `${unique('custom')}@example.test`;
    expect((await call('PUT', '/subscribers', tokens.custom, { email, lists: [list.slug] })).status).toBe(201);
    expect((await call('GET', '/campaigns', tokens.custom)).status).toBe(403);
    expect(
      (await call('POST', '/campaigns', tokens.custom, { name: 'x', template: 'starter-newsletter', lists: [list.id] }))
        .status,
    ).toBe(403);
  });
});

describe('subscribers', () => {
  it('adds someone without consent data as pending and mails them the confirmation', async () => {
    const email = `${unique('pending')}@example.test`;
    const res = await call('PUT', '/subscribers', tokens.full, { email, name: 'Pat', lists: [list.slug] });
    expect(res.status).toBe(201);
    expect(res.body.meta.created).toBe(true);
    expect(res.body.data).toMatchObject({ email, name: 'Pat', status: 'pending', source: 'api', lists: [] });
    expect(res.body.data.pendingLists).toEqual([list.id]);
    const mail = await mailTo(app.strapi, smtp, email);
    expect(mail.text).toContain('/api/email-campaigns/confirm?token=');
  });

  it('adds someone with consent data as subscribed, the consent recorded', async () => {
    const email = `${unique('consented')}@example.test`;
    const consent = { source: 'checkout', at: '2026-01-02T03:04:05Z', ip: '203.0.113.9', text: 'Send me news' };
    const res = await call('PUT', '/subscribers', tokens.full, { email, lists: [list.id], consent });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      status: 'subscribed',
      consentAt: '2026-01-02T03:04:05.000Z',
      consentIp: '203.0.113.9',
      consentText: 'Send me news',
      lists: [{ id: list.id, slug: list.slug }],
    });
    const [event] = await app.strapi.db
      .connection(TABLES.subscriberEvents)
      .where({ subscriber_id: res.body.data.id, type: 'subscribe-requested' });
    expect(JSON.parse(event.data)).toMatchObject({ source: 'api', consentSource: 'checkout', joined: [list.id] });
    await sender(app.strapi).run();
    expect(smtp.to(email)).toHaveLength(0);
  });

  it('is idempotent by address: the same request twice makes one person and one mail', async () => {
    const email = `${unique('twice')}@example.test`;
    const request = { email: email.toUpperCase(), lists: [list.id], attributes: { plan: 'pro' } };
    const first = await call('PUT', '/subscribers', tokens.full, request);
    await mailTo(app.strapi, smtp, email);
    const second = await call('PUT', '/subscribers', tokens.full, request);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.meta.created).toBe(false);
    expect(second.body.data).toEqual({ ...first.body.data, updatedAt: second.body.data.updatedAt });
    expect(await app.strapi.db.query(UID.subscriber).count({ where: { email } })).toBe(1);
    await sender(app.strapi).run();
    expect(smtp.to(email)).toHaveLength(1);

    // An update names only what changes: the attributes are the backend's to keep current.
    const updated = await call('PUT', '/subscribers', tokens.full, { ...request, attributes: { plan: 'team' } });
    expect(updated.body.data.attributes).toEqual({ plan: 'team' });
    const read = await call('GET', `/subscribers/${first.body.data.id}`, tokens.readOnly);
    expect(read.body.data).toMatchObject({ email, attributes: { plan: 'team' } });
    expect(read.body.data).not.toHaveProperty('events');
  });

  it('answers 400 with a message for bad input, and writes nothing', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['no body', undefined, /JSON object/],
      ['a malformed address', { email: 'not-an-address', lists: [1] }, /address/i],
      ['no list', { email: 'x@example.test', lists: [] }, /at least one list/],
      ['an unknown list', { email: 'x@example.test', lists: ['no-such-list'] }, /Unknown list: no-such-list/],
      ['an unknown field', { email: 'x@example.test', lists: [1], status: 'subscribed' }, /cannot be set here/],
      ['consent without a time', { email: 'x@example.test', lists: [1], consent: { source: 'x' } }, /consent.at/],
      [
        'consent in the future',
        { email: 'x@example.test', lists: [1], consent: { source: 'x', at: '2999-01-01T00:00:00Z' } },
        /future/,
      ],
      [
        'a bad IP',
        { email: 'x@example.test', lists: [1], consent: { source: 'x', at: '2026-01-01T00:00:00Z', ip: 'nope' } },
        /IP/,
      ],
    ];
    for (const [name, json, message] of cases) {
      const before = await app.strapi.db.query(UID.subscriber).count();
      const res = await call('PUT', '/subscribers', tokens.full, json);
      expect({ name, status: res.status, message: res.body.error.message }).toEqual({
        name,
        status: 400,
        message: expect.stringMatching(message),
      });
      expect(await app.strapi.db.query(UID.subscriber).count()).toBe(before);
    }
  });
});

describe('campaigns', () => {
  it('creates a campaign from a starter template, schedules it, and it is sent', async () => {
    const audience = await insertSubscribers(app.strapi, 3, { lists: [list.id] });
    const created = await call('POST', '/campaigns', tokens.full, {
      name: 'From the backend',
      template: 'starter-announcement',
      subject: 'Big news',
      lists: [list.slug],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: 'draft', subject: 'Big news', lists: [{ id: list.id }] });
    const id = created.body.data.id;

    const scheduled = await call('POST', `/campaigns/${id}/schedule`, tokens.full, {
      scheduledAt: new Date(Date.now() - 1000).toISOString(),
      timezone: 'Europe/Paris',
    });
    expect(scheduled.body.error).toBeUndefined();
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.data.status).toBe('scheduled');

    // Every subscribed member of the list, as the tick materialized them: ticks run until none is left to send.
    const members = await app.strapi.db
      .query(UID.subscriber)
      .count({ where: { lists: { id: list.id }, status: 'subscribed' } });
    expect(members).toBeGreaterThanOrEqual(audience.length);
    await expect
      .poll(
        async () => {
          await sender(app.strapi).run();
          return deliveryCounts(app.strapi, id);
        },
        { timeout: 60_000, interval: 200 },
      )
      .toEqual({ sent: members });
    expect(smtp.messages.filter((m) => m.parsed.subject === 'Big news')).toHaveLength(members);

    const read = await call('GET', `/campaigns/${id}`, tokens.readOnly);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ status: 'sent', report: { counts: { sent: members } } });
    const listed = await call('GET', '/campaigns', tokens.readOnly);
    expect(listed.body.data.map((c: Json) => c.id)).toContain(id);
  });

  it('creates from a saved template by its id', async () => {
    const template = await app.strapi
      .plugin('email-campaigns')
      .service('templates')
      .create({
        name: unique('saved'),
        subject: 'Saved subject',
        mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Saved</mj-text></mj-column></mj-section></mj-body></mjml>',
      });
    const created = await call('POST', '/campaigns', tokens.full, {
      name: 'Saved',
      template: template.id,
      lists: [list.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ subject: 'Saved subject' });
    expect(created.body.data.mjml).toContain('Saved');
  });

  it('answers 400 for an unknown template or list, a bad time zone, and 409 when the campaign cannot be scheduled', async () => {
    const unknownTemplate = await call('POST', '/campaigns', tokens.full, {
      name: 'x',
      template: 'nope',
      lists: [list.id],
    });
    expect(unknownTemplate).toMatchObject({
      status: 400,
      body: { error: { message: 'Unknown starter template "nope"' } },
    });
    const unknownList = await call('POST', '/campaigns', tokens.full, {
      name: 'x',
      template: 'starter-newsletter',
      lists: [99999],
    });
    expect(unknownList.status).toBe(400);
    const draft = await call('POST', '/campaigns', tokens.full, {
      name: 'x',
      template: 'starter-newsletter',
      lists: [list.id],
    });
    const badZone = await call('POST', `/campaigns/${draft.body.data.id}/schedule`, tokens.full, {
      scheduledAt: new Date().toISOString(),
      timezone: 'Mars/Olympus',
    });
    expect(badZone.status).toBe(400);
    expect((await call('POST', '/campaigns/abc/schedule', tokens.full, {})).status).toBe(400);

    await app.strapi.db
      .query(UID.campaign)
      .update({ where: { id: draft.body.data.id }, data: { status: 'cancelled' } });
    const refused = await call('POST', `/campaigns/${draft.body.data.id}/schedule`, tokens.full, {
      scheduledAt: new Date().toISOString(),
      timezone: 'UTC',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/cancelled/);
  });
});
