import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../constants';
import { getService } from '../../utils/plugin';
import { validateId, validateSchedule } from '../../validation/campaigns';
import { validateApiCampaign } from '../../validation/content-api';
import { requestBody } from '../request';
import { withConflicts } from '../campaigns';

/**
 * Campaigns for API tokens: `find`/`findOne` (with the report) for read-only tokens; `create`
 * (from a template) and `schedule` for the others, through the admin's own paths and checks.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const campaigns = () => getService(strapi, 'campaigns');

  return withConflicts({
    /** The admin's list, with its query and its answer. */
    async find(ctx) {
      await strapi
        .plugin(PLUGIN_ID)
        .controller('campaigns')
        .find(ctx, () => Promise.resolve());
    },

    async findOne(ctx) {
      const id = await validateId(ctx.params.id);
      const campaign = await campaigns().findOne(id);
      ctx.body = { data: { ...campaign, report: await getService(strapi, 'reports').report(id) } };
    },

    async create(ctx) {
      const { template, lists, ...fields } = await validateApiCampaign(requestBody(ctx));
      const content = await getService(strapi, 'templates').content(template);
      const chosen = await getService(strapi, 'apiSubscribers').resolveLists(lists);
      const { campaign, errors } = await campaigns().create({
        ...content,
        ...fields,
        lists: chosen.map((list) => list.id),
      });
      ctx.status = 201;
      ctx.body = { data: campaign, meta: { errors } };
    },

    async schedule(ctx) {
      const id = await validateId(ctx.params.id);
      ctx.body = { data: await campaigns().schedule(id, await validateSchedule(requestBody(ctx))) };
    },
  });
};
