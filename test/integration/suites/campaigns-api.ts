import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLimitedAdmin } from '../../helpers/strapi';
import type { SuiteContext } from './context';

const UIDS = {
  campaign: 'plugin::email-campaigns.campaign',
  list: 'plugin::email-campaigns.list',
  subscriber: 'plugin::email-campaigns.subscriber',
} as const;

const MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Hello {{ subscriber.name | default: "friend" }}, this is {{ campaign.name }}.</mj-text>
        {% for entry in entries %}<mj-text>{{ entry.title }}</mj-text>{% endfor %}
        <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

// Line 4 holds an unknown MJML tag, line 6 an unclosed Liquid block.
const BROKEN_MJML = `<mjml>
  <mj-body>
    <mj-section>
      <mj-colum><mj-text>typo</mj-text></mj-colum>
      <mj-column>
        <mj-text>{% if subscriber.name %}Hi</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

type Json = any;

export function campaignsApiSuite(ctx: SuiteContext) {
  describe('campaigns API', () => {
    const strapi = () => ctx.app.strapi;
    const plugin = (name: string) => strapi().plugin('email-campaigns').service(name);
    // run() joins a tick already started by a kick, and goes round again until nothing is due.
    const drain = () => plugin('sender').run();
    const tokens = {} as { admin: string; reader: string; writer: string };
    let seq = 0;
    const unique = (prefix: string) => `${prefix}-${ctx.client}-${Date.now().toString(36)}-${++seq}`;
    const extraProviders: string[] = [];

    async function api(
      method: string,
      path: string,
      { token = tokens.admin, json }: { token?: string; json?: unknown } = {},
    ) {
      const res = await ctx.app.request(`/email-campaigns${path}`, { method, token, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    /** A list with `count` subscribed members (plus any extra subscribers given). */
    async function audience(count: number, extra: Array<{ status: string }> = []) {
      const slug = unique('list');
      const list = await strapi()
        .documents(UIDS.list)
        .create({ data: { name: slug, slug, doubleOptIn: false } as any });
      const members = [...Array.from({ length: count }, () => ({ status: 'subscribed' })), ...extra];
      const emails: string[] = [];
      for (const [i, member] of members.entries()) {
        const email = `${slug}-${i}@campaigns-api.test`;
        await strapi()
          .documents(UIDS.subscriber)
          .create({
            data: { email, name: `Reader ${i}`, status: member.status, lists: [list.documentId] } as any,
          });
        emails.push(email);
      }
      return { list, emails: emails.slice(0, count), others: emails.slice(count) };
    }

    async function createCampaign(fields: Record<string, unknown> = {}) {
      const res = await api('POST', '/campaigns', {
        json: { name: unique('campaign'), subject: 'News for {{ subscriber.name }}', mjml: MJML, ...fields },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data;
    }

    const stored = (id: number) => strapi().db.query(UIDS.campaign).findOne({ where: { id } });
    const campaignCount = () => strapi().db.query(UIDS.campaign).count();
    const deliveryCount = () =>
      strapi()
        .db.connection('email_campaigns_deliveries')
        .count({ n: '*' })
        .first()
        .then((r: any) => Number(r.n));
    const mailsTo = (emails: string[]) => ctx.smtp.messages.filter((m) => emails.includes(m.envelope.to[0]));

    /** A provider on the test SMTP server with its own limits, so a campaign can be held mid-send. */
    async function limitedProvider(perDay: number) {
      const name = unique('limited');
      const config = strapi().config.get('plugin::email-campaigns') as Json;
      config.providers[name] = { ...config.providers.main, limits: { perDay } };
      await plugin('providerState').ensure([name]);
      extraProviders.push(name);
      return {
        name,
        setPerDay: (limit: number) => (config.providers[name].limits.perDay = limit),
      };
    }

    beforeAll(async () => {
      tokens.admin = await ctx.app.login();
      const reader = await createLimitedAdmin(strapi(), ['plugin::email-campaigns.read']);
      tokens.reader = await ctx.app.login(reader.email, reader.password);
      const writer = await createLimitedAdmin(strapi(), [
        'plugin::email-campaigns.read',
        'plugin::email-campaigns.campaigns.write',
      ]);
      tokens.writer = await ctx.app.login(writer.email, writer.password);
    });

    beforeEach(() => ctx.smtp.clear());

    afterEach(() => {
      plugin('clock').reset();
      ctx.smtp.reset();
    });

    afterAll(() => {
      const config = strapi().config.get('plugin::email-campaigns') as Json;
      for (const name of extraProviders) delete config.providers[name];
    });

    it('guards every route by its RBAC action', async () => {
      const { list } = await audience(1);
      const campaign = await createCampaign({ lists: [list.id] });
      const id = campaign.id;
      const routes: Array<[string, string, 'read' | 'write' | 'send', unknown?]> = [
        ['GET', '/campaigns', 'read'],
        ['GET', `/campaigns/${id}`, 'read'],
        // Template source from the request runs in a render worker: that needs campaigns.write.
        ['POST', '/campaigns/preview', 'write', { mjml: MJML }],
        ['POST', `/campaigns/${id}/preview`, 'write', { mjml: MJML }],
        ['POST', `/campaigns/${id}/preview`, 'read', {}],
        ['GET', `/campaigns/${id}/report`, 'read'],
        ['GET', `/campaigns/${id}/deliveries`, 'read'],
        ['POST', '/campaigns', 'write', { name: 'x' }],
        ['PUT', `/campaigns/${id}`, 'write', { name: 'changed' }],
        ['DELETE', `/campaigns/${id}`, 'write'],
        ['POST', `/campaigns/${id}/duplicate`, 'write'],
        ['POST', `/campaigns/${id}/schedule`, 'send', { scheduledAt: '2030-01-01T00:00:00Z', timezone: 'UTC' }],
        ['POST', `/campaigns/${id}/send`, 'send'],
        ['POST', `/campaigns/${id}/pause`, 'send'],
        ['POST', `/campaigns/${id}/resume`, 'send'],
        ['POST', `/campaigns/${id}/cancel`, 'send'],
        ['POST', `/campaigns/${id}/resend`, 'send', { statuses: ['failed'] }],
        ['POST', `/campaigns/${id}/test`, 'send', { emails: ['a@example.test'] }],
      ];
      const before = { campaigns: await campaignCount(), deliveries: await deliveryCount() };

      for (const [method, path, action, json] of routes) {
        expect(
          (await ctx.app.request(`/email-campaigns${path}`, { method, json })).status,
          `${method} ${path} anonymous`,
        ).toBe(401);
        const asReader = await api(method, path, { token: tokens.reader, json });
        const asWriter = await api(method, path, { token: tokens.writer, json });
        if (action === 'read') {
          expect(asReader.status, `${method} ${path} as reader`).toBe(200);
        } else {
          expect(asReader.status, `${method} ${path} as reader`).toBe(403);
          expect(asReader.body.error.message).toMatch(/policy|forbidden/i);
        }
        if (action === 'send') expect(asWriter.status, `${method} ${path} as writer`).toBe(403);
        else expect(asWriter.status, `${method} ${path} as writer`).not.toBe(403);
      }

      // Only the writer's content calls went through: a create, an update, then the delete.
      expect(await campaignCount()).toBe(before.campaigns);
      expect(await stored(id)).toBeNull();
      expect(await deliveryCount()).toBe(before.deliveries);
    });

    it('answers 400 with a message for bad input, and writes nothing', async () => {
      const { list } = await audience(1);
      const campaign = await createCampaign({ lists: [list.id] });
      const id = campaign.id;
      const before = { campaigns: await campaignCount(), deliveries: await deliveryCount(), row: await stored(id) };
      const tooMany = Array.from({ length: 11 }, (_, i) => `t${i}@example.test`);

      const cases: Array<[string, string, unknown, RegExp]> = [
        ['POST', '/campaigns', {}, /name.*required/i],
        ['POST', '/campaigns', { name: '   ' }, /name cannot be blank/],
        ['POST', '/campaigns', { name: 'x', status: 'sent' }, /cannot be set here: status/],
        ['POST', '/campaigns', { name: 'x', fromEmail: 'nope' }, /fromEmail must be an email/],
        ['POST', '/campaigns', { name: 'x', lists: ['1'] }, /lists\[0\] must be a `number`/],
        ['POST', '/campaigns', { name: 'x', lists: [987654] }, /Unknown list id\(s\): 987654/],
        ['POST', '/campaigns', { name: 'x', provider: 'nope' }, /Unknown provider "nope"/],
        ['POST', '/campaigns', { name: 'x', entries: 'all' }, /entries must be a `array`/],
        ['GET', '/campaigns?pageSize=500', undefined, /pageSize must be less than or equal to 100/],
        ['GET', '/campaigns?status=lost', undefined, /status must be one of/],
        ['GET', '/campaigns/abc', undefined, /positive integer/],
        ['PUT', `/campaigns/${id}`, { name: '' }, /name cannot be blank/],
        ['PUT', `/campaigns/${id}`, { html: '<p>hand-made</p>' }, /cannot be set here: html/],
        ['PUT', `/campaigns/${id}`, { lists: [987654] }, /Unknown list id/],
        ['DELETE', '/campaigns/0', undefined, /positive integer/],
        ['POST', `/campaigns/-1/duplicate`, undefined, /positive integer/],
        ['POST', '/campaigns/preview', { mjml: 42 }, /mjml must be a `string`/],
        ['POST', `/campaigns/${id}/preview`, { status: 'sent' }, /cannot be set here/],
        ['GET', `/campaigns/${id}/deliveries?pageSize=101`, undefined, /pageSize/],
        ['GET', `/campaigns/${id}/deliveries?status=lost`, undefined, /status must be one of/],
        ['POST', `/campaigns/${id}/schedule`, {}, /scheduledAt is a required field/],
        [
          'POST',
          `/campaigns/${id}/schedule`,
          { scheduledAt: '2030-01-15T09:00', timezone: 'UTC' },
          /ISO 8601 date-time with an offset/,
        ],
        ['POST', `/campaigns/${id}/schedule`, { scheduledAt: '2030-02-31T09:00:00Z', timezone: 'UTC' }, /ISO 8601/],
        [
          'POST',
          `/campaigns/${id}/schedule`,
          { scheduledAt: '2030-01-15T09:00:00Z', timezone: 'Mars/Olympus_Mons' },
          /IANA time zone/,
        ],
        [
          'POST',
          `/campaigns/${id}/schedule`,
          { scheduledAt: '2030-01-15T09:00:00Z', timezone: '+01:00' },
          /IANA time zone/,
        ],
        ['POST', `/campaigns/${id}/resend`, {}, /statuses is a required field/],
        ['POST', `/campaigns/${id}/resend`, { statuses: [] }, /failed, unknown or both/],
        ['POST', `/campaigns/${id}/resend`, { statuses: ['sent'] }, /must be one of/],
        ['POST', `/campaigns/${id}/test`, { emails: [] }, /at least one address/],
        ['POST', `/campaigns/${id}/test`, { emails: ['not-an-address'] }, /must be an email address/],
        ['POST', `/campaigns/${id}/test`, { emails: tooMany }, /at most 10 addresses/],
        ['POST', `/campaigns/${id}/test`, { emails: 'a@example.test' }, /must be a `array`/],
      ];
      for (const [method, path, json, message] of cases) {
        const res = await api(method, path, { json });
        expect(res.status, `${method} ${path} ${JSON.stringify(json)}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error.message, `${method} ${path}`).toMatch(message);
      }

      expect((await api('GET', '/campaigns/987654')).status).toBe(404);
      expect((await api('POST', '/campaigns/987654/send')).status).toBe(404);
      expect((await api('GET', '/campaigns/987654/report')).status).toBe(404);
      expect((await api('GET', '/campaigns/987654/deliveries')).status).toBe(404);
      expect(await campaignCount()).toBe(before.campaigns);
      expect(await deliveryCount()).toBe(before.deliveries);
      expect(await stored(id)).toEqual(before.row);
    });

    it('returns compile errors with line numbers on save, and refuses to schedule, send or test such a campaign', async () => {
      const { list } = await audience(1);
      const created = await api('POST', '/campaigns', {
        json: { name: unique('broken'), subject: 'Hi', mjml: BROKEN_MJML, lists: [list.id] },
      });
      expect(created.status).toBe(201);
      expect(created.body.data.status).toBe('draft');
      const errors = created.body.meta.errors;
      expect(errors.map((e: Json) => e.line)).toContain(6);
      expect(errors.find((e: Json) => e.line === 6).message).toMatch(/if.*not closed/i);
      const id = created.body.data.id;

      // With the Liquid fixed, MJML's own validation speaks: the unknown tag on line 4.
      const fixed = await api('PUT', `/campaigns/${id}`, {
        json: { mjml: BROKEN_MJML.replace('{% if subscriber.name %}', '') },
      });
      expect(fixed.status).toBe(200);
      const mjmlErrors = fixed.body.meta.errors;
      expect(mjmlErrors.length).toBeGreaterThan(0);
      expect(mjmlErrors.every((e: Json) => e.line === 4)).toBe(true);
      expect(mjmlErrors.some((e: Json) => e.tagName === 'mj-colum')).toBe(true);

      const schedule = await api('POST', `/campaigns/${id}/schedule`, {
        json: { scheduledAt: '2030-01-15T09:00:00Z', timezone: 'UTC' },
      });
      expect(schedule.status).toBe(400);
      expect(schedule.body.error.message).toBe(
        `The campaign cannot be sent yet: fix ${mjmlErrors.length} template error(s).`,
      );
      expect(schedule.body.error.details.errors[0]).toMatchObject({ line: 4 });
      expect((await api('POST', `/campaigns/${id}/send`)).status).toBe(400);
      const test = await api('POST', `/campaigns/${id}/test`, { json: { emails: ['qa@example.test'] } });
      expect(test.status).toBe(400);
      expect(test.body.error.details.errors[0]).toMatchObject({ line: 4 });
      expect((await stored(id)).status).toBe('draft');

      // Missing pieces are listed together.
      const bare = await createCampaign({ subject: null, mjml: null });
      const refused = await api('POST', `/campaigns/${bare.id}/send`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        'The campaign cannot be sent yet: choose at least one list or segment; write a subject; fix 1 template error(s).',
      );
    });

    it('updates a draft: new content is compiled and cached, new lists replace the old', async () => {
      const [first, second] = [await audience(1), await audience(2)];
      const campaign = await createCampaign({ lists: [first.list.id] });
      const res = await api('PUT', `/campaigns/${campaign.id}`, {
        json: {
          lists: [second.list.id],
          entries: [{ title: 'Updated entry' }],
          subject: 'Updated {{ subscriber.name }}',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.meta.errors).toEqual([]);
      expect(res.body.data).toMatchObject({
        name: campaign.name,
        mjml: MJML,
        subject: 'Updated {{ subscriber.name }}',
      });
      expect(res.body.data.lists.map((l: Json) => l.id)).toEqual([second.list.id]);
      expect((await stored(campaign.id)).html).toContain('Updated entry');

      await api('POST', `/campaigns/${campaign.id}/send`);
      await drain();
      expect(mailsTo(first.emails)).toHaveLength(0);
      expect(
        mailsTo(second.emails)
          .map((m) => m.subject)
          .sort(),
      ).toEqual(['Updated Reader 0', 'Updated Reader 1']);
    });

    it('lists campaigns with pagination, a status filter and a name search', async () => {
      const tag = unique('findable');
      for (let i = 0; i < 3; i++) await createCampaign({ name: `${tag} ${i}` });
      const page = await api('GET', `/campaigns?search=${tag.toUpperCase()}&pageSize=2&page=2`);
      expect(page.status).toBe(200);
      expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
      expect(page.body.data).toHaveLength(1);
      expect(page.body.data[0]).not.toHaveProperty('mjml');
      expect(page.body.data[0].counts).toMatchObject({ total: 0, sent: 0 });
      const drafts = await api('GET', `/campaigns?search=${tag}&status=draft`);
      expect(drafts.body.meta.pagination.total).toBe(3);
      expect((await api('GET', `/campaigns?search=${tag}&status=sent`)).body.meta.pagination.total).toBe(0);
    });

    it('previews what is sent: campaign values compiled in, recipient values rendered', async () => {
      const unsaved = await api('POST', '/campaigns/preview', {
        json: {
          name: 'Weekly',
          subject: 'Hi {{ subscriber.name }} & co',
          mjml: MJML,
          entries: [{ title: 'First <post>' }, { title: 'Second' }],
        },
      });
      expect(unsaved.status).toBe(200);
      const { html, errors, message } = unsaved.body.data;
      expect(errors).toEqual([]);
      expect(html).toContain('First &lt;post&gt;');
      expect(html).toContain('{{ subscriber.name');
      expect(html).not.toContain('Test recipient');
      expect(message.subject).toBe('Hi Test recipient & co');
      expect(message.html).toContain('Hello Test recipient, this is Weekly.');
      expect(message.text).toContain('Second');

      // A saved campaign's preview equals the test mail the sender builds from it.
      const { list } = await audience(1);
      const campaign = await createCampaign({ lists: [list.id], entries: [{ title: 'Saved entry' }] });
      const saved = await api('POST', `/campaigns/${campaign.id}/preview`, { json: {} });
      expect(saved.body.data.errors).toEqual([]);
      const test = await api('POST', `/campaigns/${campaign.id}/test`, {
        json: { emails: ['preview-check@campaigns-api.test'] },
      });
      expect(test.status).toBe(200);
      await drain();
      const [mail] = mailsTo(['preview-check@campaigns-api.test']);
      expect(mail.subject).toBe(`[Test] ${saved.body.data.message.subject}`);
      expect(mail.html).toBe(saved.body.data.message.html);

      // Unsaved changes lay over the saved content.
      const changed = await api('POST', `/campaigns/${campaign.id}/preview`, {
        json: { entries: [{ title: 'Draft entry' }] },
      });
      expect(changed.body.data.html).toContain('Draft entry');
      expect(changed.body.data.html).not.toContain('Saved entry');
    });

    it('schedules with a time zone and sends when the time comes', async () => {
      const { list, emails } = await audience(2);
      const campaign = await createCampaign({ lists: [list.id] });
      const at = new Date(Date.now() + 2 * 3_600_000);
      const local = at.toLocaleString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).replace(' ', 'T');
      const res = await api('POST', `/campaigns/${campaign.id}/schedule`, {
        json: { scheduledAt: `${local}+07:00`, timezone: 'Asia/Ho_Chi_Minh' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data).toMatchObject({ status: 'scheduled', timezone: 'Asia/Ho_Chi_Minh' });
      expect(new Date(res.body.data.scheduledAt).getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);

      // Still editable while scheduled, and not sent before its time.
      expect((await api('PUT', `/campaigns/${campaign.id}`, { json: { subject: 'Rescheduled news' } })).status).toBe(
        200,
      );
      await drain();
      expect((await stored(campaign.id)).status).toBe('scheduled');
      expect(mailsTo(emails)).toHaveLength(0);

      plugin('clock').set(new Date(at.getTime() + 1000));
      await drain();
      expect(
        mailsTo(emails)
          .map((m) => m.envelope.to[0])
          .sort(),
      ).toEqual([...emails].sort());
      expect(mailsTo(emails)[0].subject).toBe('Rescheduled news');
      expect((await stored(campaign.id)).status).toBe('sent');
    });

    it('sends now to the subscribed list members, then refuses edits', async () => {
      const { list, emails, others } = await audience(3, [{ status: 'unsubscribed' }]);
      const campaign = await createCampaign({ lists: [list.id] });
      const res = await api('POST', `/campaigns/${campaign.id}/send`);
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe('scheduled');
      await drain();

      const mails = mailsTo([...emails, ...others]);
      expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual([...emails].sort());
      expect(mails[0].html).toContain(`this is ${campaign.name}.`);
      const after = await stored(campaign.id);
      expect(after).toMatchObject({ status: 'sent' });
      expect(after.startedAt).not.toBeNull();

      const edit = await api('PUT', `/campaigns/${campaign.id}`, { json: { subject: 'Too late' } });
      expect(edit.status).toBe(409);
      expect(edit.body.error.message).toBe(
        'The campaign is sent: its content can no longer be edited once sending has started. Duplicate it to send a changed copy.',
      );
      expect((await stored(campaign.id)).subject).toBe(campaign.subject);
      expect((await api('POST', `/campaigns/${campaign.id}/send`)).status).toBe(409);
      expect((await api('POST', `/campaigns/${campaign.id}/pause`)).status).toBe(409);
      expect((await api('POST', `/campaigns/${campaign.id}/cancel`)).status).toBe(409);
    });

    it('pauses and resumes: a paused campaign sends nothing until resumed', async () => {
      // Not started yet: pause holds a scheduled campaign, resume puts it back to scheduled.
      const first = await audience(2);
      const waiting = await createCampaign({ lists: [first.list.id] });
      await api('POST', `/campaigns/${waiting.id}/schedule`, {
        json: { scheduledAt: new Date().toISOString(), timezone: 'Europe/Paris' },
      });
      const paused = await api('POST', `/campaigns/${waiting.id}/pause`);
      expect(paused.body.data).toMatchObject({ status: 'paused', pauseReason: 'Paused by an admin' });
      await drain();
      expect(mailsTo(first.emails)).toHaveLength(0);
      expect((await api('POST', `/campaigns/${waiting.id}/pause`)).status).toBe(409);
      const resumed = await api('POST', `/campaigns/${waiting.id}/resume`);
      expect(resumed.body.data).toMatchObject({ status: 'scheduled', pauseReason: null });
      await drain();
      expect(mailsTo(first.emails)).toHaveLength(2);

      // Mid-send: a daily limit of 1 holds the campaign in `sending` with rows left.
      const provider = await limitedProvider(1);
      const second = await audience(3);
      const campaign = await createCampaign({ lists: [second.list.id], provider: provider.name });
      await api('POST', `/campaigns/${campaign.id}/send`);
      await drain();
      expect(mailsTo(second.emails)).toHaveLength(1);
      expect((await stored(campaign.id)).status).toBe('sending');
      const edit = await api('PUT', `/campaigns/${campaign.id}`, { json: { name: 'changed' } });
      expect(edit.status).toBe(409);
      expect(edit.body.error.message).toMatch(/The campaign is sending: its content can no longer be edited/);

      const report = (await api('GET', `/campaigns/${campaign.id}/report`)).body.data;
      expect(report.counts).toMatchObject({ total: 3, sent: 1, queued: 2 });
      expect(report.progress).toEqual({ done: 1, total: 3 });
      // One a day: the second goes a day after the first, the third a day later.
      expect(new Date(report.eta).getTime() - Date.now()).toBeGreaterThan(47 * 3_600_000);

      expect((await api('POST', `/campaigns/${campaign.id}/pause`)).body.data.status).toBe('paused');
      expect((await api('GET', `/campaigns/${campaign.id}/report`)).body.data.eta).toBeNull();
      provider.setPerDay(100);
      await drain();
      expect(mailsTo(second.emails)).toHaveLength(1);
      expect((await api('PUT', `/campaigns/${campaign.id}`, { json: { name: 'changed' } })).status).toBe(409);

      const back = await api('POST', `/campaigns/${campaign.id}/resume`);
      expect(back.body.data.status).toBe('sending');
      await drain();
      expect(
        mailsTo(second.emails)
          .map((m) => m.envelope.to[0])
          .sort(),
      ).toEqual([...second.emails].sort());
      expect((await stored(campaign.id)).status).toBe('sent');
      expect((await api('POST', `/campaigns/${campaign.id}/resume`)).status).toBe(409);
    });

    it('cancels: pending rows are skipped and nothing more is sent', async () => {
      const provider = await limitedProvider(1);
      const { list, emails } = await audience(3);
      const campaign = await createCampaign({ lists: [list.id], provider: provider.name });
      await api('POST', `/campaigns/${campaign.id}/send`);
      await drain();
      expect(mailsTo(emails)).toHaveLength(1);

      const res = await api('POST', `/campaigns/${campaign.id}/cancel`);
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe('cancelled');
      expect(res.body.data.finishedAt).not.toBeNull();
      expect(res.body.meta.skipped).toBe(2);
      provider.setPerDay(100);
      await drain();
      expect(mailsTo(emails)).toHaveLength(1);
      const { counts, errors } = (await api('GET', `/campaigns/${campaign.id}/report`)).body.data;
      expect(counts).toMatchObject({ total: 3, sent: 1, skipped: 2 });
      expect(errors).toEqual([]);

      expect((await api('POST', `/campaigns/${campaign.id}/cancel`)).status).toBe(409);
      expect((await api('POST', `/campaigns/${campaign.id}/resume`)).status).toBe(409);
      expect((await api('POST', `/campaigns/${campaign.id}/resend`, { json: { statuses: ['failed'] } })).status).toBe(
        409,
      );

      // A draft can be cancelled too, and a cancelled campaign can be deleted.
      const draft = await createCampaign();
      expect((await api('POST', `/campaigns/${draft.id}/cancel`)).body.data.status).toBe('cancelled');
      expect((await api('DELETE', `/campaigns/${campaign.id}`)).status).toBe(200);
      expect(await stored(campaign.id)).toBeNull();
    });

    /** A sent campaign of five: two accepted, one bounced (550 5.1.1), two failed (554 5.6.0). */
    async function campaignWithFailures() {
      const { list, emails } = await audience(5);
      const [ok1, ok2, bounced, failed1, failed2] = emails;
      ctx.smtp.failRcpt(550, '5.1.1 No such user', { match: (rcpt) => rcpt === bounced });
      ctx.smtp.failRcpt(554, '5.6.0 Content rejected', { match: (rcpt) => rcpt === failed1 || rcpt === failed2 });
      const campaign = await createCampaign({ lists: [list.id] });
      await api('POST', `/campaigns/${campaign.id}/send`);
      await drain();
      ctx.smtp.reset();
      expect((await stored(campaign.id)).status).toBe('sent');
      return { campaign, emails, ok: [ok1, ok2], bounced, failed: [failed1, failed2] };
    }

    it('reports counts, errors by code, sends per hour and a paginated list of recipients', async () => {
      const { campaign, emails, bounced, failed } = await campaignWithFailures();
      const res = await api('GET', `/campaigns/${campaign.id}/report`);
      expect(res.status).toBe(200);
      const report = res.body.data;
      expect(report.counts).toEqual({
        total: 5,
        queued: 0,
        sending: 0,
        sent: 2,
        retry: 0,
        failed: 2,
        bounced: 1,
        unknown: 0,
        skipped: 0,
        held: 0,
      });
      expect(report.progress).toEqual({ done: 5, total: 5 });
      expect(report.eta).toBeNull();
      expect(report.errors).toEqual([
        {
          code: '554 5.6.0',
          count: 2,
          examples: failed.map((email) => ({
            email,
            status: 'failed',
            error: expect.stringContaining('Content rejected'),
          })),
        },
        {
          code: '550 5.1.1',
          count: 1,
          examples: [{ email: bounced, status: 'bounced', error: expect.stringContaining('No such user') }],
        },
      ]);

      const all = await api('GET', `/campaigns/${campaign.id}/deliveries?pageSize=100`);
      const sentAt = all.body.data
        .filter((d: Json) => d.status === 'sent')
        .map((d: Json) => new Date(d.sentAt).getTime());
      const hours = [...new Set(sentAt.map((t: number) => Math.floor(t / 3_600_000) * 3_600_000))] as number[];
      expect(report.timeline).toEqual(
        hours.sort().map((h) => ({
          hour: new Date(h).toISOString(),
          sent: sentAt.filter((t: number) => Math.floor(t / 3_600_000) * 3_600_000 === h).length,
        })),
      );
      expect(report.timeline.reduce((sum: number, b: Json) => sum + b.sent, 0)).toBe(2);

      const page = await api('GET', `/campaigns/${campaign.id}/deliveries?page=2&pageSize=2`);
      expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 3, total: 5 });
      expect(page.body.data.map((d: Json) => d.email)).toEqual(emails.slice(2, 4));
      expect(page.body.data[0]).toMatchObject({ status: 'bounced', lastCode: '550 5.1.1', attempts: 1 });
      expect(page.body.data[0]).not.toHaveProperty('payload');
      const onlyFailed = await api('GET', `/campaigns/${campaign.id}/deliveries?status=failed`);
      expect(onlyFailed.body.data.map((d: Json) => d.email)).toEqual(failed);
      const search = await api(
        'GET',
        `/campaigns/${campaign.id}/deliveries?search=${encodeURIComponent(emails[4].slice(-25).toUpperCase())}`,
      );
      expect(search.body.data.map((d: Json) => d.email)).toEqual([emails[4]]);

      // The campaign list carries the same counts.
      const listed = await api('GET', `/campaigns?search=${campaign.name}`);
      expect(listed.body.data[0].counts).toEqual(report.counts);
    });

    it('re-sends failed rows on request, and only those', async () => {
      // Sends start just past a full hour, so each round of sends falls in one hour.
      const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 60_000;
      plugin('clock').set(new Date(start));
      const { campaign, ok, failed, bounced } = await campaignWithFailures();
      expect(
        (await api('POST', `/campaigns/${campaign.id}/resend`, { json: { statuses: ['unknown'] } })).body.meta.requeued,
      ).toBe(0);
      expect((await stored(campaign.id)).status).toBe('sent');

      // Two hours later, so the report shows a second hour of sends.
      const startedAt = (await stored(campaign.id)).startedAt;
      plugin('clock').set(new Date(start + 2 * 3_600_000));
      const res = await api('POST', `/campaigns/${campaign.id}/resend`, { json: { statuses: ['failed', 'unknown'] } });
      expect(res.status).toBe(200);
      expect(res.body.meta.requeued).toBe(2);
      expect(res.body.data).toMatchObject({ status: 'sending', finishedAt: null });
      expect(new Date(res.body.data.startedAt).getTime()).toBe(new Date(startedAt).getTime());
      await drain();

      // The failed rows went out once more; the accepted and the bounced ones were left alone.
      for (const email of failed) expect(ctx.smtp.to(email), email).toHaveLength(1);
      for (const email of ok) expect(ctx.smtp.to(email), email).toHaveLength(1);
      expect(ctx.smtp.to(bounced)).toHaveLength(0);
      const report = (await api('GET', `/campaigns/${campaign.id}/report`)).body.data;
      expect(report.status).toBe('sent');
      expect(report.counts).toMatchObject({ total: 5, sent: 4, failed: 0, bounced: 1 });
      expect(report.timeline).toHaveLength(2);
      expect(report.timeline.map((b: Json) => b.sent)).toEqual([2, 2]);

      const draft = await createCampaign();
      const refused = await api('POST', `/campaigns/${draft.id}/resend`, { json: { statuses: ['failed'] } });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        'The campaign is draft: only a campaign that has started sending has rows to re-send.',
      );
    });

    it('duplicates a campaign as a new draft with the same content and lists', async () => {
      const { list } = await audience(1);
      const source = await createCampaign({
        lists: [list.id],
        preheader: 'Read me',
        entries: [{ title: 'Entry' }],
        fromEmail: 'news@campaigns-api.test',
      });
      await api('POST', `/campaigns/${source.id}/send`);
      await drain();

      const res = await api('POST', `/campaigns/${source.id}/duplicate`);
      expect(res.status).toBe(201);
      const copy = res.body.data;
      expect(copy.id).not.toBe(source.id);
      expect(copy).toMatchObject({
        name: `Copy of ${source.name}`,
        status: 'draft',
        subject: source.subject,
        preheader: 'Read me',
        mjml: source.mjml,
        entries: [{ title: 'Entry' }],
        fromEmail: 'news@campaigns-api.test',
        scheduledAt: null,
        startedAt: null,
        finishedAt: null,
      });
      expect(copy.lists.map((l: Json) => l.id)).toEqual([list.id]);
      expect(copy.html).toContain('Entry');
      expect(res.body.meta.errors).toEqual([]);
      expect((await api('GET', `/campaigns/${copy.id}/report`)).body.data.counts.total).toBe(0);
    });

    it('sends a test to the given addresses through the outbox', async () => {
      const campaign = await createCampaign();
      const emails = ['qa-1@campaigns-api.test', 'QA-2@campaigns-api.test'];
      const res = await api('POST', `/campaigns/${campaign.id}/test`, { json: { emails } });
      expect(res.status).toBe(200);
      expect(res.body.data.deliveryIds).toHaveLength(2);
      await drain();

      const mails = emails.flatMap((email) => ctx.smtp.to(email));
      expect(mails).toHaveLength(2);
      expect(mails[0].subject).toBe('[Test] News for Test recipient');
      expect(mails[0].html).toContain(`this is ${campaign.name}.`);
      // Test mails are deliveries of their own kind: the campaign itself stays a draft with no recipients.
      expect((await stored(campaign.id)).status).toBe('draft');
      expect((await api('GET', `/campaigns/${campaign.id}/report`)).body.data.counts.total).toBe(0);
    });
  });
}
