import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/plugin';
import { requestBody } from '../request';
import { validateId, validateListCreate, validateListUpdate } from './admin-input';

/** Admin API of mailing lists. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const lists = () => getService(strapi, 'lists');
  return {
    async find(ctx) {
      ctx.body = { data: await lists().findAll() };
    },
    async findOne(ctx) {
      ctx.body = { data: await lists().findOne(await validateId(ctx.params.id)) };
    },
    async create(ctx) {
      ctx.status = 201;
      ctx.body = { data: await lists().create(await validateListCreate(requestBody(ctx))) };
    },
    async update(ctx) {
      const id = await validateId(ctx.params.id);
      ctx.body = { data: await lists().update(id, await validateListUpdate(requestBody(ctx))) };
    },
    async delete(ctx) {
      await lists().delete(await validateId(ctx.params.id));
      ctx.status = 204;
    },
  } satisfies Core.Controller;
};
