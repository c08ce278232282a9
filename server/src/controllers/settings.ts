import type { Core } from '@strapi/strapi';
import { getService } from '../utils/plugin';
import { validateProviderInput } from '../services/settings';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');

  return {
    async find(ctx: any) {
      ctx.body = { data: await settings().overview() };
    },

    async createProvider(ctx: any) {
      const input = await validateProviderInput(ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await settings().saveProvider(input, { creating: true }) };
    },

    async updateProvider(ctx: any) {
      const input = await validateProviderInput({ ...ctx.request.body, name: ctx.params.name });
      ctx.body = { data: await settings().saveProvider(input, { creating: false }) };
    },

    async deleteProvider(ctx: any) {
      await settings().removeProvider(ctx.params.name);
      ctx.body = { data: { name: ctx.params.name } };
    },

    async testProvider(ctx: any) {
      ctx.body = { data: await settings().testProvider(ctx.params.name) };
    },
  };
};
