import type { Core } from '@strapi/strapi';
import type { TemplateList, TemplateSaved } from '../contracts';
import { getService } from '../utils/plugin';
import { validateTemplate, validateTemplateId } from '../validation/templates';

type Context = Parameters<Core.ControllerHandler>[0];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const templates = () => getService(strapi, 'templates');

  return {
    async find(ctx: Context) {
      ctx.body = { data: await templates().list() } satisfies TemplateList;
    },

    async create(ctx: Context) {
      ctx.status = 201;
      ctx.body = { data: await templates().create(await validateTemplate(ctx.request.body)) } satisfies TemplateSaved;
    },

    async delete(ctx: Context) {
      ctx.body = { data: await templates().delete(await validateTemplateId(ctx.params.id)) } satisfies TemplateSaved;
    },
  };
};
