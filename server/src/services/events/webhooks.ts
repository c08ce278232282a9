/**
 * Strapi's webhooks, reached through its webhook store and runner as Strapi's own admin controller
 * reaches them: a webhook saved here is delivered by this process at once, by the others after
 * their restart (each runner loads the webhooks at boot). Strapi's Settings → Webhooks form lists
 * only its built-in events, so the plugin's events are attached here, the others kept as they are.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EventWebhookInput, PluginEventName, StrapiWebhookView } from '../../contracts';
import { PLUGIN_EVENTS } from '../../constants';

interface StrapiWebhook {
  id: string;
  name: string;
  url: string;
  headers: Record<string, string> | null;
  events: string[];
  isEnabled: boolean;
}

interface WebhookStore {
  addAllowedEvent(key: string, value: string): void;
  findWebhooks(): Promise<StrapiWebhook[]>;
  findWebhook(id: string): Promise<StrapiWebhook | null>;
  createWebhook(data: Omit<StrapiWebhook, 'id' | 'isEnabled'>): Promise<StrapiWebhook>;
  updateWebhook(id: string, data: StrapiWebhook): Promise<StrapiWebhook | null>;
}

interface WebhookRunner {
  add(webhook: StrapiWebhook): void;
  update(webhook: StrapiWebhook): void;
}

const OURS = new Set<string>(Object.values(PLUGIN_EVENTS));

/** Never the header values: an `Authorization` header is a secret of the receiving site. */
const view = (webhook: StrapiWebhook): StrapiWebhookView => ({
  id: String(webhook.id),
  name: webhook.name,
  url: webhook.url,
  isEnabled: webhook.isEnabled,
  events: webhook.events ?? [],
  headerNames: Object.keys(webhook.headers ?? {}),
});

export function webhookStore(strapi: Core.Strapi) {
  const store = () => strapi.get('webhookStore') as WebhookStore;
  const runner = () => strapi.get('webhookRunner') as WebhookRunner;

  return {
    addAllowedEvent(key: string, value: string) {
      store().addAllowedEvent(key, value);
    },

    async list(): Promise<StrapiWebhookView[]> {
      return (await store().findWebhooks()).map(view);
    },

    async create(input: EventWebhookInput): Promise<StrapiWebhookView> {
      const webhook = await store().createWebhook({
        name: input.name,
        url: input.url,
        headers: input.headers ?? {},
        events: input.events,
      });
      runner().add(webhook);
      return view(webhook);
    },

    /** Sets the plugin's events of a webhook; Strapi's own events on it stay as they are. */
    async attach(id: string, events: PluginEventName[]): Promise<StrapiWebhookView> {
      const current = await store().findWebhook(id);
      if (!current) throw new errors.NotFoundError(`Webhook ${id} not found`);
      const kept = (current.events ?? []).filter((event) => !OURS.has(event));
      const updated = await store().updateWebhook(id, { ...current, events: [...kept, ...new Set(events)] });
      if (!updated) throw new errors.NotFoundError(`Webhook ${id} not found`);
      runner().update(updated);
      return view(updated);
    },
  };
}
