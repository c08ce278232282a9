import type { Core } from '@strapi/strapi';
import type {
  ApiResponse,
  ConnectionTested,
  DomainChecked,
  ProviderDeleted,
  ProviderSaved,
  Settings,
} from '../contracts';
import { getService } from '../utils/plugin';
import { validateProviderInput } from '../services/settings';
import { requestBody } from './request';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');

  return {
    async find(ctx) {
      ctx.body = { data: await settings().overview() } satisfies ApiResponse<Settings>;
    },

    async createProvider(ctx) {
      const input = await validateProviderInput(requestBody(ctx));
      ctx.status = 201;
      ctx.body = { data: await settings().saveProvider(input, { creating: true }) } satisfies ProviderSaved;
    },

    async updateProvider(ctx) {
      // Spread as it came: whatever it holds, the strict schema refuses keys it does not know.
      const body = requestBody(ctx) as object | undefined;
      const input = await validateProviderInput({ ...body, name: ctx.params.name });
      ctx.body = { data: await settings().saveProvider(input, { creating: false }) } satisfies ProviderSaved;
    },

    async deleteProvider(ctx) {
      const name = String(ctx.params.name);
      await settings().removeProvider(name);
      ctx.body = { data: { name } } satisfies ProviderDeleted;
    },

    async testProvider(ctx) {
      ctx.body = { data: await settings().testProvider(String(ctx.params.name)) } satisfies ConnectionTested;
    },

    async checkDomain(ctx) {
      const data = await getService(strapi, 'domainCheck').checkProvider(String(ctx.params.name));
      ctx.body = { data } satisfies DomainChecked;
    },
  } satisfies Core.Controller;
};
