import type { Core } from '@strapi/strapi';
import { getService } from '../utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) =>
  ({
    async list(ctx) {
      await getService(strapi, 'providers').load();
      ctx.body = { data: getService(strapi, 'providers').views() };
    },
  }) satisfies Core.Controller;
