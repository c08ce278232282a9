import type { Core } from '@strapi/strapi';
import { service } from './utils/plugin';

/** Releases everything the plugin holds open, so Strapi (and a test run) can exit cleanly. */
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  service(strapi, 'transport').closeAll();
};

export default destroy;
