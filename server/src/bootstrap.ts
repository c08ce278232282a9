import type { Core } from '@strapi/strapi';
import { registerActions } from './permissions';
import { getService } from './utils/plugin';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerActions(strapi);
  // Every Message-ID carries it, so it is read before anything can be sent.
  await getService(strapi, 'installation').load();
  // Providers saved in the Settings page join those of config/plugins.js before the sender starts.
  await getService(strapi, 'providers').load();
  await getService(strapi, 'providerState').ensure(
    getService(strapi, 'providers')
      .all()
      .map((p: { name: string }) => p.name),
  );
  // Publish rules hear every publish from here on; the first tick reconciles what a stop missed.
  getService(strapi, 'publishRules').listen();
  getService(strapi, 'scheduler').start();
};

export default bootstrap;
