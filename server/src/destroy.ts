import type { Core } from '@strapi/strapi';
import { service } from './utils/plugin';

/** Stops the cron task, lets the running send finish its in-flight messages, closes the pools. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await service(strapi, 'scheduler').stop();
  service(strapi, 'transport').closeAll();
};

export default destroy;
