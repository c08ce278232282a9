import cron, { type ScheduledTask } from 'node-cron';
import type { Core } from '@strapi/strapi';
import { pluginConfig, getService } from '../../utils/plugin';

/**
 * The node-cron task that runs the sender and, beside it, the bounce mailbox's pass when its turn
 * has come (the mailbox's IMAP round trips never hold up a send). One per process, destroyed with Strapi.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let task: ScheduledTask | null = null;

  return {
    start() {
      const expression = pluginConfig(strapi).cron;
      if (expression === false || task) return;
      // noOverlap: a fire that comes while a run is still sending is skipped, not stacked. That
      // is expected during a long send, so node-cron's word about it goes to debug, not warn.
      const log = strapi.log;
      const fire = () => {
        getService(strapi, 'bounceMailbox')
          .pollIfDue()
          .catch((error: Error) => log.error(`[email-campaigns] bounce mailbox: ${error.message}`));
        return getService(strapi, 'sender').run();
      };
      task = cron.schedule(expression, fire, {
        name: 'email-campaigns-sender',
        noOverlap: true,
        logger: {
          info: (message) => log.debug(`[email-campaigns] cron: ${message}`),
          warn: (message) => (/overlap/.test(message) ? log.debug : log.warn)(`[email-campaigns] cron: ${message}`),
          error: (message, error) => log.error(`[email-campaigns] cron: ${message} ${error?.message ?? ''}`),
          debug: (message) => log.debug(`[email-campaigns] cron: ${message}`),
        },
      });
    },

    async stop() {
      await task?.destroy();
      task = null;
      await getService(strapi, 'sender').stop();
      await getService(strapi, 'bounceMailbox').stop();
    },
  };
};
