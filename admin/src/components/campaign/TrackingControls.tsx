import { Box, Field, Flex, Radio, Typography } from '@strapi/design-system';
import type { CampaignDraft } from '../../api/campaigns';
import { useComposerSettings } from '../../api/templates';
import type { CampaignTracking, TrackingMode } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { ToggleField } from '../ToggleField';

interface TrackingControlsProps {
  draft: CampaignDraft;
  change: (field: 'tracking', value: CampaignDraft['tracking']) => void;
  readOnly: boolean;
}

/**
 * What the campaign measures (docs/architecture.md, "Engagement"): the mode, with what each means,
 * and the opens and clicks switches; a warning when the site's own switches decide otherwise.
 */
export const TrackingControls = ({ draft, change, readOnly }: TrackingControlsProps) => {
  const t = useT();
  const site = useComposerSettings().data?.tracking;
  const tracking: CampaignTracking = { mode: 'off', opens: true, clicks: true, ...draft.tracking };
  const set = (next: Partial<CampaignTracking>) => change('tracking', { ...tracking, ...next });
  const modes: Array<[TrackingMode, string, string]> = [
    ['off', t('tracking.off', 'Off'), t('tracking.offHint', 'No pixel and no tracked links: nothing is measured.')],
    [
      'people',
      t('tracking.people', 'People'),
      t('tracking.peopleHint', 'Opens and clicks are counted per person: unique people, and segments by engagement.'),
    ],
    [
      'aggregate',
      t('tracking.aggregate', 'Aggregate only'),
      t('tracking.aggregateHint', 'Opens and clicks are counted per campaign and link; no event names anybody.'),
    ],
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="tracking-controls">
      <Typography variant="delta" tag="h3">
        {t('tracking.title', 'Tracking')}
      </Typography>
      {site && !site.enabled ? (
        <Box background="warning100" padding={3} hasRadius data-testid="tracking-site-off">
          <Typography textColor="warning700">
            {t(
              'tracking.siteOff',
              'Tracking is turned off for this site: nothing is measured whatever you choose here. It is turned on with tracking.enabled in the plugin’s configuration.',
            )}
          </Typography>
        </Box>
      ) : null}
      {site?.enabled && site.aggregateOnly && tracking.mode === 'people' ? (
        <Box background="warning100" padding={3} hasRadius data-testid="tracking-site-aggregate">
          <Typography textColor="warning700">
            {t('tracking.siteAggregate', 'This site counts in aggregate only: no event will name a person.')}
          </Typography>
        </Box>
      ) : null}
      <Field.Root name="trackingMode">
        <Field.Label>{t('tracking.mode', 'What to measure')}</Field.Label>
        <Radio.Group
          value={tracking.mode}
          onValueChange={(mode) => set({ mode: mode as TrackingMode })}
          disabled={readOnly}
          aria-label={t('tracking.mode', 'What to measure')}
        >
          {modes.map(([mode, label, hint]) => (
            <Flex key={mode} direction="column" alignItems="start" gap={1} paddingBottom={2}>
              <Radio.Item value={mode}>{label}</Radio.Item>
              <Typography variant="pi" textColor="neutral600">
                {hint}
              </Typography>
            </Flex>
          ))}
        </Radio.Group>
      </Field.Root>
      {tracking.mode !== 'off' ? (
        <Flex gap={6}>
          <ToggleField
            name="trackOpens"
            label={t('tracking.opens', 'Opens (a 1×1 image)')}
            checked={tracking.opens}
            onChange={(opens) => set({ opens })}
            disabled={readOnly}
          />
          <ToggleField
            name="trackClicks"
            label={t('tracking.clicks', 'Clicks (links go through this site)')}
            checked={tracking.clicks}
            onChange={(clicks) => set({ clicks })}
            disabled={readOnly}
          />
        </Flex>
      ) : null}
    </Flex>
  );
};
