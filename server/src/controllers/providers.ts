import type { Core } from '@strapi/strapi';
import { service } from '../utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: any) {
    await service(strapi, 'providers').load();
    ctx.body = { data: service(strapi, 'providers').views() };
  },
});
