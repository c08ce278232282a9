import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/plugin';
import { validateId, validateSubscriberCreate, validateSubscriberQuery, validateSubscriberUpdate } from './admin-input';

/** Admin API of subscribers: search, create, edit, erase, and one person's data (GDPR access). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const subscribers = () => getService(strapi, 'subscribers');
  const adminId = (ctx: any): number | undefined => ctx.state?.user?.id;

  return {
    async find(ctx: any) {
      const { results, pagination } = await subscribers().find(await validateSubscriberQuery(ctx.query));
      ctx.body = { data: results, meta: { pagination } };
    },

    async findOne(ctx: any) {
      ctx.body = { data: await subscribers().findOne(await validateId(ctx.params.id)) };
    },

    async create(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await subscribers().create(await validateSubscriberCreate(ctx.request.body), adminId(ctx)) };
    },

    async update(ctx: any) {
      const id = await validateId(ctx.params.id);
      ctx.body = {
        data: await subscribers().update(id, await validateSubscriberUpdate(ctx.request.body), adminId(ctx)),
      };
    },

    /** Erasure: the person and their history go; a hashed suppression entry stays. */
    async erase(ctx: any) {
      await getService(strapi, 'privacy').erase(await validateId(ctx.params.id));
      ctx.status = 204;
    },

    async exportData(ctx: any) {
      const id = await validateId(ctx.params.id);
      ctx.set('Content-Disposition', `attachment; filename="subscriber-${id}.json"`);
      ctx.body = { data: await getService(strapi, 'privacy').exportData(id) };
    },
  };
};
