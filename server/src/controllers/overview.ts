import type { Core } from '@strapi/strapi';
import { service } from '../utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: any) {
    ctx.body = { data: await service(strapi, 'overview').summary() };
  },
});
