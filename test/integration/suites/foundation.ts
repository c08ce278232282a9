import { describe, expect, it } from 'vitest';
import { createLimitedAdmin } from '../../helpers/strapi';
import type { SuiteContext } from './context';

const CONTENT_TYPES = ['subscriber', 'list', 'form', 'campaign', 'delivery', 'provider-state'];
const uid = (name: string) => `plugin::email-campaigns.${name}` as any;

export function foundationSuite(ctx: SuiteContext) {
  describe('foundation', () => {
    it('registers every content type with a table behind it', async () => {
      const { strapi } = ctx.app;
      for (const name of CONTENT_TYPES) {
        const model = strapi.db.metadata.get(uid(name));
        expect(strapi.contentTypes[uid(name)], name).toBeDefined();
        expect(await strapi.db.connection.schema.hasTable(model.tableName), model.tableName).toBe(true);
      }
    });

    it('refuses a second campaign delivery for the same campaign and subscriber at the database', async () => {
      const { strapi } = ctx.app;
      const table = strapi.db.metadata.get(uid('delivery')).tableName;
      const row = {
        kind: 'campaign',
        campaign_id: 987,
        subscriber_id: 654,
        email: 'dup@example.test',
        provider: 'main',
        status: 'queued',
      };

      await strapi.db.connection(table).insert(row);
      await expect(strapi.db.connection(table).insert({ ...row, email: 'other@example.test' })).rejects.toThrow(
        /unique|duplicate/i,
      );
      // The query engine goes through the same index.
      await expect(
        strapi.db.query(uid('delivery')).create({ data: { ...row, campaignId: 987, subscriberId: 654 } }),
      ).rejects.toThrow();

      const count = await strapi.db.connection(table).where({ campaign_id: 987, subscriber_id: 654 }).count({ n: '*' });
      expect(Number(count[0].n)).toBe(1);
      // Rows without a subscriber (test sends) do not collide with each other.
      await strapi.db.connection(table).insert([
        { ...row, kind: 'test', subscriber_id: null, email: 't1@example.test' },
        { ...row, kind: 'test', subscriber_id: null, email: 't2@example.test' },
      ]);
      await strapi.db.connection(table).where({ campaign_id: 987 }).delete();
    });

    it('guards admin routes: 401 without a token, 403 without the permission, 200 with it', async () => {
      const { app } = ctx;
      expect((await app.request('/email-campaigns/overview')).status).toBe(401);

      const nobody = await createLimitedAdmin(app.strapi, []);
      const nobodyToken = await app.login(nobody.email, nobody.password);
      const refused = await app.request('/email-campaigns/overview', { token: nobodyToken });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.message).toMatch(/policy|forbidden/i);

      const reader = await createLimitedAdmin(app.strapi, ['plugin::email-campaigns.read']);
      const readerToken = await app.login(reader.email, reader.password);
      const allowed = await app.request('/email-campaigns/overview', { token: readerToken });
      expect(allowed.status).toBe(200);
      expect((await allowed.json()).data.providers[0]).toMatchObject({ name: 'main', isDefault: true });
    });

    it('never shows a provider password in an API response', async () => {
      const token = await ctx.app.login();
      const res = await ctx.app.request('/email-campaigns/providers', { token });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(JSON.parse(text).data[0]).toMatchObject({ name: 'main', hasPassword: true, user: 'smtp-user' });
      expect(text).not.toContain('smtp-secret-password');
    });

    it('delivers a message through the provider transport to the SMTP server over TCP', async () => {
      const { strapi } = ctx.app;
      ctx.smtp.clear();
      const transport = strapi.plugin('email-campaigns').service('transport');
      const info = await transport.send('main', {
        from: { name: 'Round Trip', address: 'news@example.test' },
        to: 'reader@example.test',
        subject: 'Round trip ✓',
        html: '<p>Hello <b>reader</b></p>',
        text: 'Hello reader',
        headers: { 'X-Campaign-Test': 'foundation' },
      });
      expect(info.accepted).toEqual(['reader@example.test']);

      const [mail] = await ctx.smtp.waitFor(1);
      expect(mail.envelope.to).toEqual(['reader@example.test']);
      expect(mail.subject).toBe('Round trip ✓');
      expect(mail.headers.get('x-campaign-test')).toBe('foundation');
      expect(mail.html).toContain('<b>reader</b>');
      expect(mail.text?.trim()).toBe('Hello reader');
    });
  });
}
