import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENEROUS_LIMITS, setRateLimits } from '../../fixtures/audience';
import type { SuiteContext } from './context';

type Json = any;

const MJML =
  '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text>' +
  '<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section></mj-body></mjml>';

/**
 * Small races of issue #10 (docs/architecture.md, "Campaign status" and "Configuration"), each
 * interleaving forced by holding the tick at the point where the other side acts.
 */
export function racesSuite(ctx: SuiteContext) {
  describe('small races', () => {
    const strapi = () => ctx.app.strapi;
    const plugin = (name: string) => strapi().plugin('email-campaigns').service(name);
    let token = '';
    let seq = 0;
    const unique = (prefix: string) => `${prefix}-${ctx.client}-${Date.now().toString(36)}-${++seq}`;

    async function api(method: string, path: string, json?: unknown) {
      const res = await ctx.app.request(`/email-campaigns${path}`, { method, token, json });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
    }

    beforeAll(async () => {
      token = await ctx.app.login();
    });

    /** A campaign on a list of three subscribed people, ready to send. */
    async function campaignOfThree() {
      const slug = unique('race-list');
      const list = await strapi()
        .documents('plugin::email-campaigns.list')
        .create({ data: { name: slug, slug, doubleOptIn: false } as Json });
      const emails = [0, 1, 2].map((i) => `${slug}-${i}@races.test`);
      for (const email of emails)
        await strapi()
          .documents('plugin::email-campaigns.subscriber')
          .create({ data: { email, status: 'subscribed', lists: [list.documentId] } as Json });
      const created = await api('POST', '/campaigns', {
        name: unique('race'),
        subject: 'Race',
        mjml: MJML,
        lists: [list.id],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return { id: Number(created.body.data.id), emails };
    }

    const rowsOf = (campaignId: number): Promise<Array<{ status: string; last_error: string | null }>> =>
      strapi()
        .db.connection('email_campaigns_deliveries')
        .where('campaign_id', campaignId)
        .select('status', 'last_error');

    /** Sends the campaign with the admin's cancel made at `when` inside the tick's materialization. */
    async function sendWithCancel(when: 'before materializing' | 'after materializing') {
      const { id, emails } = await campaignOfThree();
      const outbox = plugin('outbox');
      const materialize = outbox.materialize;
      const cancel = async () => expect((await api('POST', `/campaigns/${id}/cancel`)).status).toBe(200);
      outbox.materialize = async (...args: unknown[]) => {
        if (when === 'before materializing') await cancel();
        const inserted = await materialize.apply(outbox, args);
        if (when === 'after materializing') await cancel();
        return inserted;
      };
      try {
        expect((await api('POST', `/campaigns/${id}/send`)).status).toBe(200);
        await plugin('sender').run();
      } finally {
        outbox.materialize = materialize;
      }
      await plugin('sender').run();
      return { id, emails };
    }

    /** The cancel's rows all end `skipped` with its reason, and nobody got the campaign. */
    async function expectNothingQueued({ id, emails }: { id: number; emails: string[] }) {
      expect((await api('GET', `/campaigns/${id}`)).body.data.status).toBe('cancelled');
      const rows = await rowsOf(id);
      expect(rows).toHaveLength(3);
      expect(rows.every((row) => row.status === 'skipped' && row.last_error === 'Campaign cancelled')).toBe(true);
      expect(ctx.smtp.messages.filter((m) => emails.includes(m.envelope.to[0]))).toEqual([]);
    }

    it('a campaign cancelled between promotion and materialization leaves no queued rows', async () => {
      await expectNothingQueued(await sendWithCancel('before materializing'));
    });

    it('a campaign cancelled between materialization and its start leaves no queued rows', async () => {
      await expectNothingQueued(await sendWithCancel('after materializing'));
    });

    it('rows a crashed tick left queued for a cancelled campaign are skipped within the hour', async () => {
      const { id, emails } = await campaignOfThree();
      expect((await api('POST', `/campaigns/${id}/cancel`)).status).toBe(200);
      // What a tick that died after materializing, before it could skip, leaves behind.
      const lists = await strapi().db.connection('email_campaigns_campaigns_lists_lnk').where('campaign_id', id);
      await plugin('outbox').materialize(
        { id, provider: 'main' },
        lists.map((row: { list_id: number }) => Number(row.list_id)),
      );
      expect((await rowsOf(id)).map((row) => row.status)).toEqual(['queued', 'queued', 'queued']);
      try {
        // Two ticks two hours apart: the hourly sweep runs in one of them, wherever another test left its clock.
        for (const hours of [2, 4]) {
          plugin('clock').set(new Date(Date.now() + hours * 3_600_000));
          await plugin('sender').run();
        }
      } finally {
        plugin('clock').reset();
      }
      await expectNothingQueued({ id, emails });
    });

    describe('removing a provider that forms still use', () => {
      const formIds: string[] = [];
      afterAll(async () => {
        for (const documentId of formIds)
          await strapi().documents('plugin::email-campaigns.form').delete({ documentId });
      });

      it('is refused with a message naming the forms, and allowed once they moved', async () => {
        const name = unique('removable');
        const saved = await api('POST', '/settings/providers', {
          name,
          preset: 'custom',
          host: ctx.smtp.host,
          port: ctx.smtp.port,
          from: 'News <news@races.test>',
        });
        expect(saved.status, JSON.stringify(saved.body)).toBe(201);
        const forms = [];
        for (const label of ['Footer signup', 'Blog sidebar']) {
          const form = await strapi()
            .documents('plugin::email-campaigns.form')
            .create({ data: { name: `${label} ${name}`, slug: unique('form'), provider: name } as Json });
          formIds.push(form.documentId);
          forms.push(form);
        }

        const refused = await api('DELETE', `/settings/providers/${name}`);
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toContain(`"Blog sidebar ${name}", "Footer signup ${name}"`);
        expect(refused.body.error.message).toContain('choose another provider for them first');
        expect((await api('GET', '/settings')).body.data.providers.map((p: Json) => p.name)).toContain(name);

        for (const form of forms)
          await strapi()
            .documents('plugin::email-campaigns.form')
            .update({ documentId: form.documentId, data: { provider: 'main' } as Json });
        expect((await api('DELETE', `/settings/providers/${name}`)).status).toBe(200);
        expect((await api('GET', '/settings')).body.data.providers.map((p: Json) => p.name)).not.toContain(name);
      });
    });

    it('answers concurrent sign-ups, for new addresses and for one address, normally and never with a 500', async () => {
      const slug = unique('rush');
      await strapi()
        .documents('plugin::email-campaigns.list')
        .create({ data: { name: slug, slug, doubleOptIn: true, public: true } as Json });
      const restore = setRateLimits(strapi(), GENEROUS_LIMITS);
      try {
        const same = `${slug}-same@races.test`;
        const emails = [...Array.from({ length: 20 }, (_, i) => `${slug}-${i}@races.test`), ...Array(10).fill(same)];
        const answers = await Promise.all(
          emails.map((email) =>
            ctx.app.request('/api/email-campaigns/subscribe', { method: 'POST', json: { email, lists: [slug] } }),
          ),
        );
        expect(answers.map((answer) => answer.status)).toEqual(emails.map(() => 200));
        const stored = await strapi()
          .db.connection('email_campaigns_subscribers')
          .where('email', 'like', `${slug}-%`)
          .pluck('email');
        expect(stored.sort()).toEqual([...new Set(emails)].sort());
      } finally {
        restore();
      }
    });
  });
}
