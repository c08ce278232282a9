import type { Core } from '@strapi/strapi';
import { service } from '../utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: any) {
    ctx.body = { data: service(strapi, 'providers').views() };
  },
});
