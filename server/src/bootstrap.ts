import type { Core } from '@strapi/strapi';
import { registerActions } from './permissions';
import { service } from './utils/plugin';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerActions(strapi);
  // Providers saved in the Settings page join those of config/plugins.js before the sender starts.
  await service(strapi, 'providers').load();
  await service(strapi, 'outbox').ensureProviderStates(
    service(strapi, 'providers')
      .all()
      .map((p: { name: string }) => p.name),
  );
  service(strapi, 'scheduler').start();
};

export default bootstrap;
