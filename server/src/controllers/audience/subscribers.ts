import type { Core } from '@strapi/strapi';
import type { SubscriberPage } from '../../contracts';
import { getService } from '../../utils/plugin';
import { adminUserId, requestBody } from '../request';
import { validateId, validateSubscriberCreate, validateSubscriberQuery, validateSubscriberUpdate } from './admin-input';

/** Admin API of subscribers: search, create, edit, erase, and one person's data (GDPR access). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const subscribers = () => getService(strapi, 'subscribers');
  return {
    async find(ctx) {
      const { results, pagination } = await subscribers().find(await validateSubscriberQuery(ctx.query));
      ctx.body = { data: results, meta: { pagination } } satisfies SubscriberPage;
    },

    async findOne(ctx) {
      ctx.body = { data: await subscribers().findOne(await validateId(ctx.params.id)) };
    },

    async create(ctx) {
      ctx.status = 201;
      ctx.body = {
        data: await subscribers().create(await validateSubscriberCreate(requestBody(ctx)), adminUserId(ctx)),
      };
    },

    async update(ctx) {
      const id = await validateId(ctx.params.id);
      ctx.body = {
        data: await subscribers().update(id, await validateSubscriberUpdate(requestBody(ctx)), adminUserId(ctx)),
      };
    },

    /** Erasure: the person and their history go; a hashed suppression entry stays. */
    async erase(ctx) {
      await getService(strapi, 'privacy').erase(await validateId(ctx.params.id));
      ctx.status = 204;
    },

    async exportData(ctx) {
      const id = await validateId(ctx.params.id);
      ctx.set('Content-Disposition', `attachment; filename="subscriber-${id}.json"`);
      ctx.body = { data: await getService(strapi, 'privacy').exportData(id) };
    },
  } satisfies Core.Controller;
};
