import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Pencil, Plus } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import { useEventActions, useEventSettings } from '../../api/events';
import { useWrite } from '../../hooks/useWrite';
import { useT } from '../../utils/useT';
import { SectionCard } from '../SectionCard';
import { ToggleField } from '../ToggleField';
import { useEventLabel } from './EventChoice';
import { WebhookModal } from './WebhookModal';

/**
 * The plugin's events for Strapi webhooks: Strapi's own Settings → Webhooks form lists only its
 * built-in events, so they are attached here, to a new webhook or an existing one.
 */
export const WebhookEvents = () => {
  const t = useT();
  const label = useEventLabel();
  const settings = useEventSettings();
  const actions = useEventActions();
  const write = useWrite(() => settings.reload());

  if (settings.error) return <Page.Error />;
  if (!settings.data) return null;
  const { events, webhooks, includeAddress } = settings.data;
  const onCreate = (input: Parameters<typeof actions.createWebhook>[0]) =>
    write(() => actions.createWebhook(input), t('events.created', 'Webhook created'));
  const onAttach = (id: string, chosen: typeof events) =>
    write(() => actions.attach(id, chosen), t('events.attached', 'Events saved'));

  return (
    <SectionCard
      title={t('events.title', 'Events for Strapi webhooks')}
      data-testid="webhook-events"
      actions={
        <WebhookModal
          events={events}
          onCreate={onCreate}
          onAttach={onAttach}
          trigger={
            <Button variant="secondary" startIcon={<Plus />}>
              {t('events.newWebhook', 'New webhook')}
            </Button>
          }
        />
      }
    >
      <Typography variant="pi" textColor="neutral600">
        {t(
          'events.note',
          'Strapi posts these events to the webhooks that have them. A webhook created or changed here is used by this server at once and by your other servers after their restart.',
        )}
      </Typography>
      <ToggleField
        name="includeAddress"
        label={t('events.includeAddress', 'Include the subscriber’s email address')}
        hint={t('events.includeAddressHint', 'Off: webhooks receive ids, lists and times, never the address.')}
        checked={includeAddress}
        onChange={(checked) => write(() => actions.includeAddress(checked), t('events.addressSaved', 'Saved'))}
      />
      {webhooks.length === 0 && <Typography>{t('events.noWebhooks', 'No webhooks yet.')}</Typography>}
      {webhooks.map((webhook) => {
        const ours = webhook.events.filter((name) => (events as string[]).includes(name));
        return (
          <Box key={webhook.id} padding={3} hasRadius borderColor="neutral200" data-testid={`webhook-${webhook.id}`}>
            <Flex justifyContent="space-between" gap={2}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography fontWeight="bold">{webhook.name}</Typography>
                <Typography variant="pi" textColor="neutral600">
                  {webhook.url}
                </Typography>
                <Typography variant="pi">
                  {ours.length ? ours.map(label).join(', ') : t('events.none', 'None of the plugin’s events')}
                </Typography>
              </Flex>
              <WebhookModal
                events={events}
                webhook={webhook}
                onCreate={onCreate}
                onAttach={onAttach}
                trigger={
                  <Button variant="tertiary" startIcon={<Pencil />}>
                    {t('events.choose', 'Choose events')}
                  </Button>
                }
              />
            </Flex>
          </Box>
        );
      })}
    </SectionCard>
  );
};
