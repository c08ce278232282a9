import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/plugin';
import { validateFormCreate, validateFormUpdate, validateId } from './admin-input';

/** Admin API of subscribe forms; each form comes with its embed snippet and hosted page address. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const forms = () => getService(strapi, 'forms');
  const withEmbed = (form: any) => ({ ...form, embed: forms().embed(form) });
  return {
    async find(ctx: any) {
      ctx.body = { data: (await forms().findAll()).map(withEmbed) };
    },
    async findOne(ctx: any) {
      ctx.body = { data: withEmbed(await forms().findOne(await validateId(ctx.params.id))) };
    },
    async create(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: withEmbed(await forms().create(await validateFormCreate(ctx.request.body))) };
    },
    async update(ctx: any) {
      const id = await validateId(ctx.params.id);
      ctx.body = { data: withEmbed(await forms().update(id, await validateFormUpdate(ctx.request.body))) };
    },
    async delete(ctx: any) {
      await forms().delete(await validateId(ctx.params.id));
      ctx.status = 204;
    },
  };
};
