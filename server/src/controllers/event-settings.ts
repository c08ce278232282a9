import type { Core } from '@strapi/strapi';
import type { EventSettingsResponse, EventWebhookSaved } from '../contracts';
import { getService } from '../utils/plugin';
import { webhookStore } from '../services/events/webhooks';
import { validateEventSettings, validateEventWebhook, validateWebhookEvents } from '../validation/events';
import { requestBody } from './request';

/** The Settings page's section for Strapi webhooks: the plugin's events, the webhooks, the address switch. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const events = () => getService(strapi, 'events');

  return {
    async find(ctx) {
      ctx.body = { data: await events().settings() } satisfies EventSettingsResponse;
    },

    async update(ctx) {
      const input = await validateEventSettings(requestBody(ctx));
      ctx.body = { data: await events().saveSettings(input) } satisfies EventSettingsResponse;
    },

    async createWebhook(ctx) {
      const input = await validateEventWebhook(requestBody(ctx));
      ctx.status = 201;
      ctx.body = { data: await webhookStore(strapi).create(input) } satisfies EventWebhookSaved;
    },

    async attachEvents(ctx) {
      const { events: names } = await validateWebhookEvents(requestBody(ctx));
      ctx.body = { data: await webhookStore(strapi).attach(String(ctx.params.id), names) } satisfies EventWebhookSaved;
    },
  } satisfies Core.Controller;
};
