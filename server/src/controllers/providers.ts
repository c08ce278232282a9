import type { Core } from '@strapi/strapi';
import type { ApiResponse, ProviderView } from '../contracts';
import { getService } from '../utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) =>
  ({
    async list(ctx) {
      await getService(strapi, 'providers').load();
      ctx.body = { data: getService(strapi, 'providers').views() } satisfies ApiResponse<ProviderView[]>;
    },
  }) satisfies Core.Controller;
