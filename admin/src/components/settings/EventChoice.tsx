import { Checkbox, Flex, Typography } from '@strapi/design-system';
import type { PluginEventName } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

/** Each event's name for people, and the key of its translation. */
const LABELS: Array<{ name: PluginEventName; id: string; label: string }> = [
  { name: 'email-campaigns.subscriber.created', id: 'events.subscriber.created', label: 'A subscriber was added' },
  { name: 'email-campaigns.subscriber.confirmed', id: 'events.subscriber.confirmed', label: 'A subscriber confirmed' },
  {
    name: 'email-campaigns.subscriber.unsubscribed',
    id: 'events.subscriber.unsubscribed',
    label: 'A subscriber unsubscribed',
  },
  {
    name: 'email-campaigns.subscriber.bounced',
    id: 'events.subscriber.bounced',
    label: 'A subscriber’s address bounced',
  },
  {
    name: 'email-campaigns.subscriber.complained',
    id: 'events.subscriber.complained',
    label: 'A subscriber marked a mail as spam',
  },
  { name: 'email-campaigns.campaign.started', id: 'events.campaign.started', label: 'A campaign started sending' },
  { name: 'email-campaigns.campaign.finished', id: 'events.campaign.finished', label: 'A campaign finished sending' },
  { name: 'email-campaigns.campaign.paused', id: 'events.campaign.paused', label: 'A campaign was paused' },
];

export function useEventLabel() {
  const t = useT();
  return (name: string) => {
    const known = LABELS.find((entry) => entry.name === name);
    return known ? t(known.id, known.label) : name;
  };
}

interface EventChoiceProps {
  events: PluginEventName[];
  chosen: PluginEventName[];
  onChange: (chosen: PluginEventName[]) => void;
}

/** A checkbox per event of the plugin, each with its name as a webhook receives it. */
export const EventChoice = ({ events, chosen, onChange }: EventChoiceProps) => {
  const label = useEventLabel();
  return (
    <Flex direction="column" alignItems="stretch" gap={2} role="group">
      {events.map((name) => (
        <Checkbox
          key={name}
          name={name}
          checked={chosen.includes(name)}
          onCheckedChange={(checked) =>
            onChange(checked === true ? [...chosen, name] : chosen.filter((event) => event !== name))
          }
        >
          {label(name)}{' '}
          <Typography variant="pi" textColor="neutral600">
            ({name})
          </Typography>
        </Checkbox>
      ))}
    </Flex>
  );
};
