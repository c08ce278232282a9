import type { Core } from '@strapi/strapi';
import { registerActions } from './permissions';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerActions(strapi);
};

export default bootstrap;
