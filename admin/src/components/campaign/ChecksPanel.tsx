import { Box, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, WarningCircle } from '@strapi/icons';
import type { PreSendCheck } from '../../../../server/src/contracts';
import { useT } from '../../utils/useT';

// What each check asks for, in the admin's language; a failing one adds the server's details.
const LABELS: Record<PreSendCheck['id'], { id: string; label: string }> = {
  unsubscribe: { id: 'checks.unsubscribe', label: 'An unsubscribe link' },
  'alt-text': { id: 'checks.altText', label: 'Alternative text on every image' },
  'link-schemes': { id: 'checks.linkSchemes', label: 'Links to http, https, mailto or tel only' },
  size: { id: 'checks.size', label: 'HTML under 102 KB (Gmail clips beyond)' },
  'text-part': { id: 'checks.textPart', label: 'A plain-text part' },
  'merge-tags': { id: 'checks.mergeTags', label: 'Every merge tag substituted' },
};

/** The checks before sending, as the server ran them on the preview; "Send now" refuses a failing one. */
export const ChecksPanel = ({ checks }: { checks: PreSendCheck[] }) => {
  const t = useT();
  if (checks.length === 0) return null;
  const failed = checks.filter((check) => !check.ok).length;
  return (
    <Box
      background={failed ? 'warning100' : 'success100'}
      borderColor={failed ? 'warning200' : 'success200'}
      padding={4}
      hasRadius
      data-testid="pre-send-checks"
      data-failed={failed}
    >
      <Typography variant="omega" fontWeight="bold">
        {failed
          ? t('checks.failed', '{count, plural, one {# check} other {# checks}} to fix before sending', {
              count: failed,
            })
          : t('checks.passed', 'Ready to send: every check passes')}
      </Typography>
      <Flex tag="ul" direction="column" alignItems="stretch" gap={1} paddingTop={2}>
        {checks.map((check) => (
          <Flex tag="li" key={check.id} gap={2} data-check={check.id} data-ok={check.ok}>
            {check.ok ? <CheckCircle fill="success600" /> : <WarningCircle fill="warning600" />}
            <Typography textColor={check.ok ? 'neutral700' : 'warning700'}>
              {t(LABELS[check.id].id, LABELS[check.id].label)}
              {check.ok ? '' : `: ${check.message}`}
            </Typography>
          </Flex>
        ))}
      </Flex>
    </Box>
  );
};
