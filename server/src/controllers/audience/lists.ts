import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/plugin';
import { validateId, validateListCreate, validateListUpdate } from './admin-input';

/** Admin API of mailing lists. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const lists = () => getService(strapi, 'lists');
  return {
    async find(ctx: any) {
      ctx.body = { data: await lists().findAll() };
    },
    async findOne(ctx: any) {
      ctx.body = { data: await lists().findOne(await validateId(ctx.params.id)) };
    },
    async create(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await lists().create(await validateListCreate(ctx.request.body)) };
    },
    async update(ctx: any) {
      const id = await validateId(ctx.params.id);
      ctx.body = { data: await lists().update(id, await validateListUpdate(ctx.request.body)) };
    },
    async delete(ctx: any) {
      await lists().delete(await validateId(ctx.params.id));
      ctx.status = 204;
    },
  };
};
