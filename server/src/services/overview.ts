import type { Core } from '@strapi/strapi';
import { UID, service } from '../utils/plugin';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async summary() {
    const [subscribers, lists, campaigns] = await Promise.all([
      strapi.db.query(UID.subscriber).count({ where: { status: 'subscribed' } }),
      strapi.db.query(UID.list).count(),
      strapi.db.query(UID.campaign).count(),
    ]);
    return {
      counts: { subscribers, lists, campaigns },
      providers: service(strapi, 'providers').views(),
    };
  },
});
