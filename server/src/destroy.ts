import type { Core } from '@strapi/strapi';
import { getService } from './utils/plugin';

/**
 * Stops the cron task, lets the running send finish its in-flight messages, writes the tracking
 * hits still buffered (docs/architecture.md, "Engagement"), closes the pools and the workers.
 */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'scheduler').stop();
  getService(strapi, 'reputation').stop();
  await getService(strapi, 'hitBuffer').destroy();
  getService(strapi, 'transport').closeAll();
  await getService(strapi, 'renderPool').destroy();
};

export default destroy;
