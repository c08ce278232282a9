import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { Settings } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';
import { CopyButton } from '../CopyButton';
import { SectionCard } from '../SectionCard';
import { webhookNotes } from './webhookNotes';

/**
 * How the plugin hears of bounces and complaints after the hand-off: the URL each provider type
 * posts its events to, whether config/plugins.js set it up, how to set it up on the provider's
 * side, and the bounce mailbox. Read-only: secrets live in config/plugins.js.
 */
export const FeedbackSettings = ({ feedback }: { feedback: Settings['feedback'] }) => {
  const t = useT();
  const notes = webhookNotes(t);
  const mailbox = feedback.bounceMailbox;
  return (
    <SectionCard title={t('feedback.title', 'Bounces and complaints')} gap={4} data-testid="feedback-settings">
      <Typography textColor="neutral600">
        {t(
          'feedback.intro',
          'Providers report bounces and spam complaints after sending. Give each provider you use its URL below; people who bounce or complain are then never mailed again.',
        )}
      </Typography>
      {feedback.webhooks.map((webhook) => (
        <Box key={webhook.type} data-testid={`webhook-${webhook.type}`} data-configured={webhook.configured}>
          <Flex gap={2} alignItems="center">
            <Typography fontWeight="bold">{notes[webhook.type].label}</Typography>
            <Badge active={webhook.configured}>
              {webhook.configured
                ? t('feedback.configured', 'receiving')
                : t('feedback.notConfigured', 'not set up in config/plugins.js')}
            </Badge>
          </Flex>
          <Flex gap={2} alignItems="center" wrap="wrap">
            <Typography variant="pi" style={{ fontFamily: 'monospace' }} data-testid="webhook-url">
              {webhook.url}
            </Typography>
            <CopyButton value={webhook.url} label={t('feedback.copyUrl', 'Copy URL')} />
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {notes[webhook.type].note}
          </Typography>
        </Box>
      ))}
      <Typography data-testid="bounce-mailbox">
        {mailbox
          ? t('feedback.mailbox', 'Bounce mailbox: {user}@{host}, folder {mailbox}, read every {seconds} s{verp}', {
              user: mailbox.user,
              host: mailbox.host,
              mailbox: mailbox.mailbox,
              seconds: mailbox.intervalSeconds,
              verp: mailbox.verp ? t('feedback.mailboxVerp', ', with VERP return paths') : '',
            })
          : t(
              'feedback.noMailbox',
              'No bounce mailbox: set feedback.bounceMailbox for an SMTP provider without webhooks.',
            )}
      </Typography>
    </SectionCard>
  );
};
