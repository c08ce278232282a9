import cron, { type ScheduledTask } from 'node-cron';
import type { Core } from '@strapi/strapi';
import { pluginConfig, service } from '../utils/plugin';

/** The node-cron task that runs the sender; one per process, destroyed with Strapi. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let task: ScheduledTask | null = null;

  return {
    start() {
      const expression = pluginConfig(strapi).cron;
      if (expression === false || task) return;
      // noOverlap: a fire that comes while a run is still sending is skipped, not stacked.
      task = cron.schedule(expression, () => service(strapi, 'sender').run(), { name: 'email-campaigns-sender', noOverlap: true });
    },

    async stop() {
      await task?.destroy();
      task = null;
      await service(strapi, 'sender').stop();
    },
  };
};
