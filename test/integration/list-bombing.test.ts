/**
 * List bombing (issue #10): anyone can make the site mail a confirmation to any address. A flood
 * of 5,000 sign-ups for distinct addresses, from 500 client addresses (each within the per-IP
 * limit: the whole 127.0.0.0/8 is this machine, so each lane binds its own source address),
 * arrives while a campaign is due on the same provider. The confirmation budget keeps the
 * campaign's share of the hourly limit, confirmations wait in the outbox (a real person who signs
 * up behind the backlog is served first), and none of them carries a word the visitor typed. See
 * docs/architecture.md, "Limits".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, UID } from '../../server/src/constants';
import { bootStrapi, type TestStrapi } from '../helpers/strapi';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server';
import { clock, createCampaign, insertSubscribers, sender } from '../helpers/fixtures';
import { burst } from '../helpers/http-burst';

const FLOOD = 5000;
const PER_IP = 10; // the default rateLimit.subscribePerIp: every source address stays within it
const PER_HOUR = 100;
const BUDGET = { perHour: 20, perDay: 30 };
const AUDIENCE = 150;
// What the attacker types into the name field, hoping the site mails it to strangers.
const TYPED = 'Bomb-payload call +1-555-0100 http://evil.example/win';

describe('list bombing: a flood of sign-ups beside a campaign on the same provider', () => {
  let app: TestStrapi;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await bootStrapi({
      db: 'sqlite',
      smtp: { host: smtp.host, port: smtp.port },
      env: { EMAIL_CAMPAIGNS_PER_HOUR: String(PER_HOUR), EMAIL_CAMPAIGNS_CONFIRMATIONS: JSON.stringify(BUDGET) },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  const sentOfKind = async (kind: string): Promise<number> => {
    const row = await app.strapi.db
      .connection(TABLES.deliveries)
      .where({ kind, status: 'sent' })
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  };

  it('keeps (hourly limit − confirmation budget) for the campaign, confirmations within budget and free of typed text', async () => {
    const { strapi } = app;
    await strapi
      .documents(UID.list)
      .create({ data: { name: 'News', slug: 'news', doubleOptIn: true, public: true } as never });
    const members = await strapi
      .documents(UID.list)
      .create({ data: { name: 'Members', slug: 'members', doubleOptIn: false } as never });
    await insertSubscribers(strapi, AUDIENCE, { prefix: 'member', lists: [members.id as number] });
    // Due a minute into the flood, when thousands of confirmations already wait ahead of it in the outbox.
    const startsAt = new Date(clock(strapi).now().getTime() + 60_000);
    const campaign = await createCampaign(strapi, { lists: [members], scheduledAt: startsAt });

    const answers = await burst(
      app.url,
      Array.from({ length: FLOOD }, (_, i) => {
        const source = Math.floor(i / PER_IP);
        return {
          method: 'POST',
          path: '/api/email-campaigns/subscribe',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `victim-${i}@example.test`, name: `${TYPED} ${i}`, lists: ['news'] }),
          localAddress: `127.1.${Math.floor(source / 250)}.${(source % 250) + 1}`,
        };
      }),
      10,
    );
    const statuses = answers.reduce<Record<number, number>>(
      (n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }),
      {},
    );
    expect(statuses).toEqual({ 200: FLOOD });
    const queued = await strapi.db
      .connection(TABLES.deliveries)
      .where('kind', 'confirmation')
      .count({ n: '*' })
      .first();
    expect(Number(queued?.n)).toBe(FLOOD);

    // The hour the flood and the campaign share: the sender takes all it may.
    clock(strapi).set(startsAt);
    await sender(strapi).run();
    await sender(strapi).run();
    const campaignSent = await strapi.db
      .connection(TABLES.deliveries)
      .where({ campaign_id: campaign.id, status: 'sent' })
      .count({ n: '*' })
      .first();
    expect(Number(campaignSent?.n)).toBeGreaterThanOrEqual(PER_HOUR - BUDGET.perHour);
    const firstHour = await sentOfKind('confirmation');
    expect(firstHour).toBeGreaterThan(0);
    expect(firstHour).toBeLessThanOrEqual(BUDGET.perHour);
    expect(smtp.messages).toHaveLength(PER_HOUR);

    // A person signs up for real behind the flood's backlog: the newest confirmation goes first.
    const [person] = await burst(
      app.url,
      [
        {
          method: 'POST',
          path: '/api/email-campaigns/subscribe',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'real-person@example.test', lists: ['news'] }),
          localAddress: '127.3.0.1',
        },
      ],
      1,
    );
    expect(person.status).toBe(200);

    // Two more hours: at most 20 an hour, and the daily budget (30) binds before the hourly one.
    clock(strapi).advance(61 * 60_000);
    await sender(strapi).run();
    expect(smtp.to('real-person@example.test')).toHaveLength(1);
    expect((await sentOfKind('confirmation')) - firstHour).toBeLessThanOrEqual(BUDGET.perHour);
    expect(await sentOfKind('campaign')).toBe(AUDIENCE);
    clock(strapi).advance(61 * 60_000);
    await sender(strapi).run();
    expect(await sentOfKind('confirmation')).toBe(BUDGET.perDay);
    const waiting = await strapi.db
      .connection(TABLES.deliveries)
      .where({ kind: 'confirmation', status: 'queued' })
      .count({ n: '*' })
      .first();
    expect(Number(waiting?.n)).toBe(FLOOD + 1 - BUDGET.perDay);

    const confirmations = smtp.messages.filter((mail) => /^(victim-|real-person)/.test(mail.envelope.to[0]));
    expect(confirmations).toHaveLength(BUDGET.perDay);
    for (const mail of confirmations) {
      const raw = mail.raw.toString();
      for (const word of ['Bomb-payload', '555-0100', 'evil.example']) expect(raw).not.toContain(word);
      expect(mail.headers.get('to')).toMatchObject({ text: mail.envelope.to[0] });
    }
  });
});
