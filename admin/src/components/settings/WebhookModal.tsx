import { Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { EventWebhookInput, PluginEventName, StrapiWebhookView } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { EditModal } from '../EditModal';
import { TextField } from '../TextField';
import { EventChoice } from './EventChoice';

interface WebhookValues {
  name: string;
  url: string;
  headerName: string;
  headerValue: string;
  events: PluginEventName[];
}

interface WebhookModalProps {
  /** The plugin's events, as the server lists them. */
  events: PluginEventName[];
  /** A webhook whose events to choose; without one, the modal creates a webhook. */
  webhook?: StrapiWebhookView;
  onCreate: (input: EventWebhookInput) => Promise<boolean>;
  onAttach: (id: string, events: PluginEventName[]) => Promise<boolean>;
  trigger: ReactNode;
}

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** Creates a Strapi webhook with some of the plugin's events, or chooses the plugin's events of one. */
export const WebhookModal = ({ events, webhook, onCreate, onAttach, trigger }: WebhookModalProps) => {
  const t = useT();
  const ours = (names: string[]) => events.filter((name) => names.includes(name));
  return (
    <EditModal<WebhookValues>
      title={
        webhook
          ? t('events.chooseFor', 'Events sent to {name}', { name: webhook.name })
          : t('events.newWebhook', 'New webhook')
      }
      trigger={trigger}
      initial={() => ({
        name: '',
        url: '',
        headerName: '',
        headerValue: '',
        events: webhook ? ours(webhook.events) : [],
      })}
      canSave={(input) =>
        webhook ? true : Boolean(input.name.trim() && isHttpUrl(input.url) && input.events.length > 0)
      }
      onSave={(input) => {
        if (webhook) return onAttach(webhook.id, input.events);
        const header = input.headerName.trim();
        return onCreate({
          name: input.name.trim(),
          url: input.url.trim(),
          headers: header ? { [header]: input.headerValue } : {},
          events: input.events,
        });
      }}
    >
      {(input, setInput) => (
        <Flex direction="column" alignItems="stretch" gap={4}>
          {!webhook && (
            <>
              <TextField
                name="webhookName"
                label={t('field.name', 'Name')}
                value={input.name}
                onChange={(name) => setInput({ ...input, name })}
                required
              />
              <TextField
                name="webhookUrl"
                label={t('events.webhookUrl', 'URL')}
                value={input.url}
                placeholder="https://crm.example.com/hooks/newsletter"
                onChange={(url) => setInput({ ...input, url })}
                required
              />
              <Flex gap={2} alignItems="flex-start">
                <TextField
                  name="headerName"
                  label={t('events.headerName', 'Header (optional)')}
                  value={input.headerName}
                  placeholder="Authorization"
                  onChange={(headerName) => setInput({ ...input, headerName })}
                />
                <TextField
                  name="headerValue"
                  label={t('events.headerValue', 'Value')}
                  value={input.headerValue}
                  onChange={(headerValue) => setInput({ ...input, headerValue })}
                />
              </Flex>
            </>
          )}
          <EventChoice
            events={events}
            chosen={input.events}
            onChange={(chosen) => setInput({ ...input, events: chosen })}
          />
          {webhook && (
            <Typography variant="pi" textColor="neutral600">
              {t('events.othersKept', 'The webhook’s other events, chosen in Settings → Webhooks, stay as they are.')}
            </Typography>
          )}
        </Flex>
      )}
    </EditModal>
  );
};
