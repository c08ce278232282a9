import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../../server/src/constants';
import { ARTICLE, campaignsOfRule, recordsOfRule, waitForRecord } from '../../helpers/publish-rules';
import type { SuiteContext } from './context';

type Json = any;

const MJML =
  '<mjml><mj-body><mj-section><mj-column><mj-text>{{ entry.title }}</mj-text>' +
  '<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section></mj-body></mjml>';

/**
 * The SQL of publish rules on each database (docs/architecture.md, "Publish rules"): the hook's
 * insert that ignores the unique index, the `preexisting` INSERT … SELECT, and the reconcile that
 * evaluates conditions in SQL. The whole behaviour is test/integration/publish-rules.test.ts.
 */
export function publishRecordsSuite(ctx: SuiteContext) {
  describe('publish records', () => {
    const strapi = () => ctx.app.strapi;
    const plugin = (name: string) => strapi().plugin('email-campaigns').service(name);
    const mark = `records-${ctx.client}-${Date.now().toString(36)}`;
    let token = '';

    const publish = async (title: string, category: string) =>
      (
        await strapi()
          .documents(ARTICLE)
          .create({ data: { title, category } as Json, status: 'published' })
      ).documentId as string;

    beforeAll(async () => {
      token = await ctx.app.login();
    });

    it('records matching publishes once, never a preexisting entry, and reconciles a lost one with the conditions in SQL', async () => {
      const before = await publish(`${mark} before, 100%_news`, 'news');
      const list = await strapi()
        .documents('plugin::email-campaigns.list')
        .create({ data: { name: mark, slug: mark, doubleOptIn: false } as Json });
      const template = await ctx.app.request('/email-campaigns/templates', {
        method: 'POST',
        token,
        json: { name: mark, subject: 'News', mjml: MJML },
      });
      const res = await ctx.app.request('/email-campaigns/publish-rules', {
        method: 'POST',
        token,
        json: {
          name: mark,
          contentType: ARTICLE,
          template: `template:${((await template.json()) as Json).data.id}`,
          lists: [Number(list.id)],
          mode: 'each',
          eachAction: 'draft',
          conditions: [
            // `%` and `_` are literal in contains, on every database.
            { field: 'title', operator: 'contains', value: `${mark.toUpperCase()} 100%_` },
            { field: 'category', operator: 'in', value: ['news', 'releases'] },
            { field: 'category', operator: 'ne', value: 'releases' },
          ],
        },
      });
      expect(res.status).toBe(201);
      const rule = ((await res.json()) as Json).data;

      const news = await publish(`${mark} 100%_news`, 'news');
      const lost = await publish(`${mark} 100%_news, lost`, 'news');
      await publish(`${mark} 100%_release`, 'releases');
      await publish(`${mark} 100%_event`, 'events');
      await publish(`${mark} 100 percent news`, 'news');
      await waitForRecord(strapi(), rule.id, news);
      await waitForRecord(strapi(), rule.id, lost);
      // Publishing again adds nothing: the unique index holds on this database.
      await strapi().documents(ARTICLE).publish({ documentId: news });
      await strapi().db.connection(TABLES.publishRecords).where({ rule_id: rule.id, entry_document_id: lost }).delete();

      plugin('publishTick').reconcileSoon();
      await plugin('publishTick').run(plugin('clock').now());
      await plugin('publishTick').run(plugin('clock').now());

      const records = await recordsOfRule(strapi(), rule.id);
      expect(records.map((r: Json) => r.entry_document_id).sort()).toEqual([news, lost].sort());
      expect(records.map((r: Json) => r.state)).toEqual(['held', 'held']);
      const preexisting = await recordsOfRule(strapi(), rule.id, ['preexisting']);
      expect(preexisting.map((r: Json) => r.entry_document_id)).toContain(before);
      const campaigns = await campaignsOfRule(strapi(), rule.id);
      expect(campaigns.map((c: Json) => c.status)).toEqual(['draft', 'draft']);
    });
  });
}
