import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/plugin';
import type { ApiResponse, SubscribeForm, SubscribeFormWithEmbed } from '../../contracts';
import { requestBody } from '../request';
import { validateFormCreate, validateFormUpdate, validateId } from './admin-input';

type FormResponse = ApiResponse<SubscribeFormWithEmbed>;
type FormsResponse = ApiResponse<SubscribeFormWithEmbed[]>;

/** Admin API of subscribe forms; each form comes with its embed snippet and hosted page address. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const forms = () => getService(strapi, 'forms');
  const withEmbed = (form: SubscribeForm): SubscribeFormWithEmbed => ({ ...form, embed: forms().embed(form) });
  return {
    async find(ctx) {
      ctx.body = { data: (await forms().findAll()).map(withEmbed) } satisfies FormsResponse;
    },
    async findOne(ctx) {
      ctx.body = { data: withEmbed(await forms().findOne(await validateId(ctx.params.id))) } satisfies FormResponse;
    },
    async create(ctx) {
      ctx.status = 201;
      ctx.body = {
        data: withEmbed(await forms().create(await validateFormCreate(requestBody(ctx)))),
      } satisfies FormResponse;
    },
    async update(ctx) {
      const id = await validateId(ctx.params.id);
      ctx.body = {
        data: withEmbed(await forms().update(id, await validateFormUpdate(requestBody(ctx)))),
      } satisfies FormResponse;
    },
    async delete(ctx) {
      await forms().delete(await validateId(ctx.params.id));
      ctx.status = 204;
    },
  } satisfies Core.Controller;
};
